package com.metasupervisor.risk.domain;

import static com.metasupervisor.risk.domain.Rows.T0;
import static com.metasupervisor.risk.domain.Rows.minutes;
import static com.metasupervisor.risk.domain.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.metasupervisor.risk.config.CvarSettings;
import com.metasupervisor.streams.state.StateBytes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CvarWindowTest {

    private static final CvarSettings DEFAULTS = CvarSettings.defaults();

    /** A row with pnl_error = error (expected 10, realized = 10 + error). */
    private static ReconciledRow err(Instant at, double error) {
        return row(at, 10 + error, 10, 5.0);
    }

    @Test
    void an_empty_window_has_no_figures() {
        assertThat(new CvarWindow(DEFAULTS).figures()).isEmpty();
    }

    @Test
    void below_20_rows_k_is_1_and_cvar_is_the_worst_error_negated() {
        CvarWindow w = new CvarWindow(DEFAULTS);
        double[] errors = {5, -3, 12, -7, 0};
        for (int i = 0; i < errors.length; i++) {
            w.add(err(minutes(i), errors[i]));
        }

        CvarFigures f = w.figures().orElseThrow();
        assertThat(f.n()).isEqualTo(5);
        assertThat(f.tailRows()).isEqualTo(1);
        assertThat(f.cvar95ShortfallBps()).isEqualTo(7.0);
        assertThat(f.var95Bps()).isEqualTo(7.0);
        assertThat(f.meanErrorBps()).isCloseTo(7.0 / 5, within(1e-12));
        // realized = 15, 7, 22, 3, 10: all hits
        assertThat(f.hitRate()).isEqualTo(1.0);
        assertThat(f.pnlSumBps()).isCloseTo(57.0, within(1e-12));
        assertThat(f.windowStart()).isEqualTo(minutes(0));
        assertThat(f.windowEnd()).isEqualTo(minutes(4));
    }

    @Test
    void a_strategy_that_beats_its_model_everywhere_has_a_negative_shortfall() {
        CvarWindow w = new CvarWindow(DEFAULTS);
        w.add(err(minutes(0), 10));
        w.add(err(minutes(1), 30));

        assertThat(w.figures().orElseThrow().cvar95ShortfallBps()).isEqualTo(-10.0);
    }

    @ParameterizedTest(name = "n={0} → k={1}")
    @CsvSource({"1,1", "19,1", "20,1", "21,2", "40,2", "41,3", "60,3", "61,4", "140,7", "1999,100", "2000,100"})
    void k_is_max_1_and_the_ceiling_of_5_percent_of_n(int n, int k) {
        assertThat(CvarWindow.tailRows(0.05, n)).isEqualTo(k);
        assertThat(CvarWindow.tailRows(0.05, n)).isEqualTo(Math.max(1, (n + 19) / 20)); // integer ceiling
    }

    @Test
    void with_2000_rows_cvar_is_minus_the_mean_of_the_worst_100() {
        List<Double> errors = new ArrayList<>();
        for (int e = -1000; e < 1000; e++) {
            errors.add((double) e);
        }
        Collections.shuffle(errors, new Random(7));
        CvarWindow w = new CvarWindow(DEFAULTS);
        for (int i = 0; i < errors.size(); i++) {
            w.add(err(minutes(i), errors.get(i)));
        }

        CvarFigures f = w.figures().orElseThrow();
        assertThat(f.n()).isEqualTo(2000);
        assertThat(f.tailRows()).isEqualTo(100);
        // worst 100: −1000 … −901, mean −950.5; the 100th worst is −901
        assertThat(f.cvar95ShortfallBps()).isEqualTo(950.5);
        assertThat(f.var95Bps()).isEqualTo(901.0);
        assertThat(f.meanErrorBps()).isEqualTo(-0.5);
        // realized = 10 + e > 0 for e ≥ −9: 1009 of 2000
        assertThat(f.hitRate()).isEqualTo(1009 / 2000.0);
        assertThat(f.pnlSumBps()).isEqualTo(2000 * 10 - 1000.0);
    }

    @Test
    void the_2001st_row_evicts_the_oldest_and_the_window_keeps_the_newest_max_rows() {
        CvarWindow w = new CvarWindow(new CvarSettings(5, Duration.ofDays(30), 0.05));
        double[] errors = {-100, -50, 1, 2, 3, 4, 5};
        for (int i = 0; i < errors.length; i++) {
            assertThat(w.add(err(minutes(i), errors[i]))).isTrue();
        }

        CvarFigures f = w.figures().orElseThrow();
        assertThat(f.n()).isEqualTo(5);
        assertThat(f.cvar95ShortfallBps()).isEqualTo(-1.0); // −100 and −50 are gone
        assertThat(f.meanErrorBps()).isEqualTo(3.0);
        assertThat(f.windowStart()).isEqualTo(minutes(2));
    }

    @Test
    void a_row_leaves_when_it_is_max_age_older_than_the_newest_row() {
        CvarWindow w = new CvarWindow(DEFAULTS);
        Instant day0 = T0;
        w.add(err(day0, -100));
        w.add(err(day0.plus(Duration.ofDays(10)), -10));
        w.add(err(day0.plus(Duration.ofDays(30)).minusMillis(1), -5));
        assertThat(w.figures().orElseThrow().cvar95ShortfallBps()).isEqualTo(100.0);

        w.add(err(day0.plus(Duration.ofDays(30)), 0)); // day 0 is now exactly 30 days old: out

        CvarFigures f = w.figures().orElseThrow();
        assertThat(f.n()).isEqualTo(3);
        assertThat(f.cvar95ShortfallBps()).isEqualTo(10.0);
        assertThat(f.windowStart()).isEqualTo(day0.plus(Duration.ofDays(10)));
    }

    @Test
    void expire_ages_rows_out_without_a_new_row_and_reports_whether_it_did() {
        CvarWindow w = new CvarWindow(DEFAULTS);
        w.add(err(T0, -100));
        w.add(err(T0.plus(Duration.ofDays(20)), -10));

        assertThat(w.expire(T0.plus(Duration.ofDays(29)))).isFalse();
        assertThat(w.expire(T0.plus(Duration.ofDays(30)))).isTrue();
        assertThat(w.figures().orElseThrow().n()).isEqualTo(1);
        assertThat(w.expire(T0)).isFalse(); // the clock never goes back
        assertThat(w.expire(T0.plus(Duration.ofDays(50)))).isTrue();
        assertThat(w.figures()).isEmpty();
        assertThat(w.add(err(T0.plus(Duration.ofDays(20)), 1))).as("older than max-age behind the clock").isFalse();
    }

    @Test
    void late_rows_are_placed_by_matured_at_and_those_not_among_the_newest_are_not_kept() {
        CvarWindow w = new CvarWindow(new CvarSettings(3, Duration.ofDays(30), 0.05));
        w.add(err(minutes(10), 1));
        w.add(err(minutes(20), 2));
        w.add(err(minutes(30), 3));

        assertThat(w.add(err(minutes(5), -50))).as("older than every row of a full window").isFalse();
        assertThat(w.add(err(minutes(15), -40))).isTrue(); // newer than minute 10, which leaves

        CvarFigures f = w.figures().orElseThrow();
        assertThat(f.n()).isEqualTo(3);
        assertThat(f.cvar95ShortfallBps()).isEqualTo(40.0);
        assertThat(f.windowStart()).isEqualTo(minutes(15));
        assertThat(f.windowEnd()).isEqualTo(minutes(30));
    }

    @Test
    void of_rows_with_the_same_matured_at_the_later_arrival_counts_as_newer() {
        CvarWindow w = new CvarWindow(new CvarSettings(2, Duration.ofDays(30), 0.05));
        w.add(err(minutes(1), -30));
        w.add(err(minutes(1), -20));
        w.add(err(minutes(1), -10));

        assertThat(w.figures().orElseThrow().meanErrorBps()).isEqualTo(-15.0);
    }

    @Test
    void stored_entries_restore_an_identical_window_that_goes_on_identically() {
        CvarSettings s = new CvarSettings(50, Duration.ofDays(2), 0.05);
        CvarWindow w = new CvarWindow(s);
        Random r = new Random(3);
        for (int i = 0; i < 120; i++) {
            w.add(err(minutes(i * 37L), r.nextGaussian() * 40));
        }
        StoredCvarWindow stored = new StoredCvarWindow().save(w);
        assertThat(stored.rowEntries()).as("one entry per row of the window").isEqualTo(w.size());

        CvarWindow restored = stored.restore(s);

        assertThat(restored.figures()).isEqualTo(w.figures());
        assertThat(restored.takeChanges().isEmpty()).isTrue();
        assertThat(restored.summaryBytes()).isEqualTo(w.summaryBytes());
        for (int i = 0; i < 60; i++) {
            ReconciledRow row = err(minutes(120 * 37L + i * 53L - (i % 7) * 200L), r.nextGaussian() * 40);
            assertThat(restored.add(row)).isEqualTo(w.add(row));
        }
        assertThat(restored.takeChanges()).isEqualTo(w.takeChanges());
        assertThat(restored.summaryBytes()).isEqualTo(w.summaryBytes());
        assertThat(restored.figures()).isEqualTo(w.figures());
        assertThat(new StoredCvarWindow().save(new CvarWindow(s)).restore(s).figures()).isEmpty();
    }

    @Test
    void a_row_costs_its_own_entry_and_the_entries_of_the_rows_it_evicts() {
        CvarWindow w = new CvarWindow(new CvarSettings(3, Duration.ofDays(30), 0.05));
        w.add(err(minutes(1), 1));
        w.add(err(minutes(2), 2));
        w.add(err(minutes(3), 3));
        assertThat(w.takeChanges().added()).hasSize(3);

        w.add(err(minutes(4), 4));

        CvarWindow.Changes changes = w.takeChanges();
        assertThat(changes.added()).extracting(CvarWindow.Row::maturedAtMillis).containsExactly(minutes(4).toEpochMilli());
        assertThat(changes.removed()).extracting(CvarWindow.Row::maturedAtMillis).containsExactly(minutes(1).toEpochMilli());
        assertThat(w.expire(minutes(5))).isFalse();
        assertThat(w.takeChanges().isEmpty()).isTrue();
        w.add(err(minutes(5), 5));
        w.add(err(minutes(6), 6));
        w.add(err(minutes(7), 7));
        w.add(err(minutes(8), 8)); // minute 5 came and went before anything was written: neither added nor removed
        changes = w.takeChanges();
        assertThat(changes.added()).extracting(CvarWindow.Row::maturedAtMillis)
                .containsExactly(minutes(6).toEpochMilli(), minutes(7).toEpochMilli(), minutes(8).toEpochMilli());
        assertThat(changes.removed()).extracting(CvarWindow.Row::maturedAtMillis)
                .containsExactly(minutes(2).toEpochMilli(), minutes(3).toEpochMilli(), minutes(4).toEpochMilli());
    }

    @Test
    void restored_under_smaller_settings_the_window_keeps_only_what_they_allow() {
        CvarWindow w = new CvarWindow(DEFAULTS);
        for (int i = 0; i < 10; i++) {
            w.add(err(minutes(i), -i));
        }
        StoredCvarWindow stored = new StoredCvarWindow().save(w);

        CvarWindow smaller = stored.restore(new CvarSettings(4, Duration.ofDays(30), 0.05));

        CvarFigures f = smaller.figures().orElseThrow();
        assertThat(f.n()).isEqualTo(4);
        assertThat(f.windowStart()).isEqualTo(minutes(6));
        assertThat(f.cvar95ShortfallBps()).isEqualTo(9.0);
        assertThat(stored.save(smaller).rowEntries()).as("the dropped rows' entries are deleted").isEqualTo(4);
    }

    /** The single-entry window of format 1, as builds before the row entries wrote it: clock, count, (t, error, realized)*. */
    static byte[] wholeWindowFormat1(long clock, long[] times, double[] errors, double[] realized) {
        return StateBytes.write((byte) 1, 12 + times.length * 24, out -> {
            out.writeLong(clock);
            out.writeInt(times.length);
            for (int i = 0; i < times.length; i++) {
                out.writeLong(times[i]);
                out.writeDouble(errors[i]);
                out.writeDouble(realized[i]);
            }
        });
    }

    @Test
    void a_window_of_the_single_entry_format_1_is_read_and_migrated_to_row_entries() {
        CvarSettings s = new CvarSettings(50, Duration.ofDays(2), 0.05);
        Random r = new Random(11);
        int n = 40;
        long[] times = new long[n];
        double[] errors = new double[n];
        double[] realized = new double[n];
        CvarWindow expected = new CvarWindow(s);
        for (int i = 0; i < n; i++) {
            times[i] = minutes(i / 2 * 10L).toEpochMilli(); // pairs of equal matured_at: their stored order is their arrival order
            realized[i] = r.nextGaussian() * 20;
            ReconciledRow row = row(Instant.ofEpochMilli(times[i]), realized[i], realized[i] - (r.nextInt(9) - 4), null);
            errors[i] = row.pnlErrorBps();
            expected.add(row);
        }
        byte[] format1 = wholeWindowFormat1(times[n - 1], times, errors, realized);

        CvarWindow migrated = CvarWindow.restore(format1, List.of(), s);

        assertThat(migrated.figures()).isEqualTo(expected.figures());
        assertThat(migrated.clockMillis()).isEqualTo(expected.clockMillis());
        StoredCvarWindow stored = new StoredCvarWindow().save(migrated);
        assertThat(stored.rowEntries()).as("every row becomes an entry").isEqualTo(n);
        CvarWindow reread = stored.restore(s);
        assertThat(reread.figures()).isEqualTo(expected.figures());
        for (int i = 0; i < 30; i++) { // ties at the newest time: the migrated rows count as older, as they arrived earlier
            ReconciledRow row = err(Instant.ofEpochMilli(times[n - 1] + (i % 3) * 60_000L), r.nextGaussian() * 30);
            assertThat(reread.add(row)).isEqualTo(expected.add(row));
            assertThat(reread.figures()).isEqualTo(expected.figures());
        }
        assertThatThrownBy(() -> CvarWindow.restore(format1, List.of(new byte[] {1}), s)).hasMessageContaining("format 1");
    }

    @Test
    void entries_of_another_version_truncated_with_trailing_garbage_or_miscounted_are_refused() {
        CvarWindow w = new CvarWindow(DEFAULTS);
        w.add(err(T0, 1));
        byte[] summary = w.summaryBytes();
        byte[] row = w.takeChanges().added().getFirst().toBytes();

        byte[] otherVersion = summary.clone();
        otherVersion[0] = 9;
        assertThatThrownBy(() -> CvarWindow.restore(otherVersion, List.of(row), DEFAULTS)).hasMessageContaining("version 9");
        assertThatThrownBy(() -> CvarWindow.restore(Arrays.copyOf(summary, summary.length - 3), List.of(row), DEFAULTS))
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> CvarWindow.restore(Arrays.copyOf(summary, summary.length + 1), List.of(row), DEFAULTS))
                .hasMessageContaining("left over");
        assertThatThrownBy(() -> CvarWindow.restore(summary, List.of(Arrays.copyOf(row, row.length - 3)), DEFAULTS))
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> CvarWindow.restore(summary, List.of(Arrays.copyOf(row, row.length + 1)), DEFAULTS))
                .hasMessageContaining("left over");
        assertThatThrownBy(() -> CvarWindow.restore(summary, List.of(), DEFAULTS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CvarWindow.restore(summary, List.of(row, row), DEFAULTS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CvarWindow.restore(new byte[0], List.of(), DEFAULTS)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- property: the incremental window equals a brute-force recomputation from every row ever added ----

    private record Added(long t, double error, double realized, int seq) {
    }

    @ParameterizedTest(name = "max-rows {0}, max-age {1} days, tail {2}")
    @CsvSource({"2000, 30, 0.05, 20", "37, 2, 0.1, 10"})
    void figures_equal_a_brute_force_recomputation_over_20000_random_rows(int maxRows, int maxAgeDays, double tail,
            int tailDenominator) {
        CvarSettings s = new CvarSettings(maxRows, Duration.ofDays(maxAgeDays), tail);
        long maxAge = Duration.ofDays(maxAgeDays).toMillis();
        CvarWindow w = new CvarWindow(s);
        StoredCvarWindow stored = new StoredCvarWindow();
        Random r = new Random(20_000L + maxRows);
        List<Added> all = new ArrayList<>();
        long newest = T0.toEpochMilli();
        long clock = Long.MIN_VALUE;
        int countEvictions = 0;
        int ageEvictions = 0;
        int late = 0;

        for (int step = 0; step < 20_000; step++) {
            final int i = step;
            // time: dense phases (window full by count), sparse phases (rows age out), rare long silences
            int phase = (i / 2_500) % 3;
            long gap = switch (phase) {
                case 0 -> (long) (r.nextDouble() * 40 * 60_000);
                case 1 -> (long) (r.nextDouble() * 30 * 3_600_000L);
                default -> r.nextInt(100) == 0 ? Duration.ofDays(maxAgeDays + 5).toMillis() : r.nextInt(3) * 600_000L;
            };
            newest += gap;
            long t = newest;
            if (r.nextInt(10) == 0) { // a late row, sometimes too late for the window
                t = newest - (long) (r.nextDouble() * maxAge * 1.3);
                late++;
            }
            double error = switch (r.nextInt(10)) {
                case 0, 1, 2 -> r.nextInt(21) - 10;                 // ties
                case 3 -> r.nextBoolean() ? 0.0 : -0.0;
                case 4 -> r.nextGaussian() * 500;                   // heavy tail
                default -> r.nextGaussian() * 50;
            };
            double realized = r.nextInt(5) == 0 ? 0.0 : r.nextGaussian() * 30;
            ReconciledRow row = row(Instant.ofEpochMilli(t), realized, realized - error, null);
            int before = w.size();
            boolean added = w.add(row);
            all.add(new Added(t, row.pnlErrorBps(), realized, i));
            clock = Math.max(clock, t);

            List<Added> expected = bruteWindow(all, clock, maxAge, maxRows);
            boolean inWindow = expected.stream().anyMatch(a -> a.seq() == i);
            assertThat(added).as("add() of row %d", i).isEqualTo(inWindow);
            assertSameFigures(w, expected, tailDenominator, i);
            stored.save(w);
            assertThat(stored.rowEntries()).as("row entries at step %d", i).isEqualTo(w.size());
            if (i % 1_000 == 0) { // the stored entries (what the changelog restores) are the same window
                assertSameFigures(stored.restore(s), expected, tailDenominator, i);
            }
            if (added && w.size() <= before) {
                countEvictions++;
            }
            if (w.size() < before) {
                ageEvictions++;
            }
            if (r.nextInt(500) == 0) {
                long now = clock + (long) (r.nextDouble() * maxAge);
                int size = w.size();
                boolean dropped = w.expire(Instant.ofEpochMilli(now));
                clock = Math.max(clock, now);
                assertThat(dropped).isEqualTo(w.size() < size);
                assertSameFigures(w, bruteWindow(all, clock, maxAge, maxRows), tailDenominator, i);
            }
        }
        assertThat(countEvictions).as("evictions by count").isGreaterThan(100);
        assertThat(ageEvictions).as("evictions by age").isGreaterThan(10);
        assertThat(late).isGreaterThan(1000);
        assertThat(stored.save(w).restore(s).figures()).isEqualTo(w.figures());
    }

    /** Every row ever added, no older than max-age behind the clock, newest max-rows by (matured_at, arrival). */
    private static List<Added> bruteWindow(List<Added> all, long clock, long maxAge, int maxRows) {
        List<Added> young = new ArrayList<>();
        for (Added a : all) {
            if (a.t() > clock - maxAge) {
                young.add(a);
            }
        }
        young.sort(Comparator.comparingLong(Added::t).thenComparingInt(Added::seq));
        return young.subList(Math.max(0, young.size() - maxRows), young.size());
    }

    private static void assertSameFigures(CvarWindow w, List<Added> expected, int tailDenominator, int step) {
        if (expected.isEmpty()) {
            assertThat(w.figures()).as("step %d", step).isEmpty();
            return;
        }
        int n = expected.size();
        double[] errors = expected.stream().mapToDouble(Added::error).toArray();
        Arrays.sort(errors);
        int k = Math.max(1, (n + tailDenominator - 1) / tailDenominator);
        double tail = 0;
        for (int i = 0; i < k; i++) {
            tail += errors[i];
        }
        double errorSum = expected.stream().mapToDouble(Added::error).sum();
        double pnlSum = expected.stream().mapToDouble(Added::realized).sum();
        long hits = expected.stream().filter(a -> a.realized() > 0).count();

        CvarFigures f = w.figures().orElseThrow();
        String at = "step " + step;
        assertThat(f.n()).as(at).isEqualTo(n);
        assertThat(f.tailRows()).as(at).isEqualTo(k);
        assertThat(f.cvar95ShortfallBps()).as(at).isCloseTo(-tail / k, within(1e-9));
        assertThat(f.var95Bps()).as(at).isEqualTo(-errors[k - 1] + 0.0);
        assertThat(f.meanErrorBps()).as(at).isCloseTo(errorSum / n, within(1e-9));
        assertThat(f.hitRate()).as(at).isEqualTo((double) hits / n);
        assertThat(f.pnlSumBps()).as(at).isCloseTo(pnlSum, within(1e-8));
        assertThat(f.windowStart()).as(at).isEqualTo(Instant.ofEpochMilli(expected.getFirst().t()));
        assertThat(f.windowEnd()).as(at).isEqualTo(Instant.ofEpochMilli(expected.getLast().t()));
    }
}
