package com.metasupervisor.risk.domain;

import static com.metasupervisor.risk.domain.Rows.T0;
import static com.metasupervisor.risk.domain.Rows.minutes;
import static com.metasupervisor.risk.domain.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.metasupervisor.risk.config.DivergenceSettings;
import com.metasupervisor.risk.config.RiskSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DivergenceMonitorTest {

    private static final RiskSettings S = RiskSettings.defaults();
    private static final DivergenceSettings D = S.divergence();
    /** Holdout RMSE 100: the RMSE spike threshold (200) stays out of the way of the scenarios below. */
    private static final Double MODEL_RMSE = 100.0;

    /** An agent fed one row at a time, observed after every row; collects every transition. */
    private static final class Agent {
        final AgentWindow window = new AgentWindow(S);
        final DivergenceMonitor monitor = new DivergenceMonitor(D);
        final List<DivergenceTransition> transitions = new ArrayList<>();
        final List<Integer> transitionRows = new ArrayList<>();
        Double modelRmse = MODEL_RMSE;
        int rows;

        /** Rows of |error| = level, alternating in sign (mean error ≈ 0), expected 0 with sigma 30 (expected hit rate ½). */
        List<DivergenceTransition> feed(int count, double level) {
            List<DivergenceTransition> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                double error = rows % 2 == 0 ? level : -level;
                out.addAll(add(row(minutes(rows), error, 0, 30.0)));
            }
            return out;
        }

        List<DivergenceTransition> add(ReconciledRow row) {
            window.add(row);
            rows++;
            Optional<DivergenceTransition> t = monitor.observe(window, modelRmse, row.maturedAt());
            t.ifPresent(x -> {
                transitions.add(x);
                transitionRows.add(rows);
            });
            return t.stream().toList();
        }
    }

    @Test
    void a_steady_agent_raises_no_alert() {
        Agent a = new Agent();
        a.modelRmse = 30.0;
        Random r = new Random(2024);
        for (int i = 0; i < 3_000; i++) {
            // errors of random size around the model's RMSE, signs alternating: the model is right about
            // this agent (expected 0 → expected hit rate ½, and every 80 rows hold 40 hits)
            double size = Math.min(90, Math.abs(30 * r.nextGaussian()));
            a.add(row(minutes(i), i % 2 == 0 ? size : -size, 0, 30.0));
        }

        assertThat(a.transitions).isEmpty();
        assertThat(a.monitor.isOpen()).isFalse();
    }

    @Test
    void a_drifting_agent_opens_one_alert_escalates_once_and_resolves_once_with_hysteresis() {
        Agent a = new Agent();
        assertThat(a.feed(80, 30)).as("steady at 30 bps").isEmpty();

        // drift to 100 bps: mean abs error over 80 rows = (100 j + 30 (80 − j)) / 80 ≥ 90 first at j = 69
        List<DivergenceTransition> drift = a.feed(150, 100);
        assertThat(drift).hasSize(1);
        DivergenceTransition opened = drift.getFirst();
        assertThat(a.transitionRows.getFirst()).isEqualTo(80 + 69);
        assertThat(opened.change()).isEqualTo(AlertChange.OPENED);
        assertThat(opened.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(opened.action()).isEqualTo("REDUCE_ALLOC_AND_BLOCK_PROMOTION");
        assertThat(opened.alertNumber()).isEqualTo(1);
        assertThat(opened.openedAt()).isEqualTo(minutes(80 + 69 - 1)).isEqualTo(opened.at());
        assertThat(opened.firing()).extracting(AlertTrigger::name).containsExactly(AlertTrigger.MEAN_ABS_ERROR);
        assertThat(opened.triggers()).extracting(AlertTrigger::name).containsExactly(AlertTrigger.MEAN_ABS_ERROR,
                AlertTrigger.MEAN_ERROR, AlertTrigger.RMSE_SPIKE, AlertTrigger.HIT_RATE_COLLAPSE);
        AlertTrigger meanAbs = opened.triggers().getFirst();
        assertThat(meanAbs.value()).isCloseTo((69 * 100 + 11 * 30) / 80.0, within(1e-9));
        assertThat(meanAbs.threshold()).isEqualTo(90.0);
        assertThat(opened.metrics()).containsEntry("rows", 80.0).containsEntry("model_holdout_rmse_bps", 100.0)
                .containsKeys("mean_abs_error_bps", "mean_error_bps", "rmse_bps", "hit_rate", "expected_hit_rate");

        // worse, 130 bps: (130 j + 100 (80 − j)) / 80 ≥ 1.3 · 90 = 117 first at j = 46
        List<DivergenceTransition> worse = a.feed(200, 130);
        assertThat(worse).hasSize(1);
        assertThat(worse.getFirst().change()).isEqualTo(AlertChange.ESCALATED);
        assertThat(worse.getFirst().severity()).isEqualTo(Severity.HIGH);
        assertThat(worse.getFirst().alertNumber()).isEqualTo(1);
        assertThat(worse.getFirst().openedAt()).isEqualTo(opened.openedAt());
        assertThat(a.transitionRows.get(1)).isEqualTo(80 + 150 + 46);

        // recovering to 85 bps, and wobbling between 75 and 88: under the 90 threshold, never under 0.8 · 90 = 72
        assertThat(a.feed(200, 85)).as("hovering under the threshold does not resolve").isEmpty();
        for (int i = 0; i < 5; i++) {
            assertThat(a.feed(40, 75)).isEmpty();
            assertThat(a.feed(40, 88)).isEmpty();
        }
        assertThat(a.monitor.isOpen()).isTrue();

        // well again, 60 bps: resolves once, when the mean abs error falls under 72
        List<DivergenceTransition> healed = a.feed(200, 60);
        assertThat(healed).hasSize(1);
        DivergenceTransition resolved = healed.getFirst();
        assertThat(resolved.change()).isEqualTo(AlertChange.RESOLVED);
        assertThat(resolved.severity()).as("the severity it had").isEqualTo(Severity.HIGH);
        assertThat(resolved.alertNumber()).isEqualTo(1);
        assertThat(resolved.triggers()).allMatch(AlertTrigger::clear);
        assertThat(resolved.triggers().getFirst().value()).isLessThan(72).isGreaterThan(71);
        assertThat(a.monitor.isOpen()).isFalse();
        assertThat(a.monitor.severity()).isEmpty();

        // hovering just under the threshold again does not re-open it; crossing it opens alert 2
        assertThat(a.feed(300, 88)).isEmpty();
        List<DivergenceTransition> again = a.feed(100, 95);
        assertThat(again).hasSize(1);
        assertThat(again.getFirst().change()).isEqualTo(AlertChange.OPENED);
        assertThat(again.getFirst().alertNumber()).isEqualTo(2);
        assertThat(a.transitions).extracting(DivergenceTransition::change).containsExactly(AlertChange.OPENED,
                AlertChange.ESCALATED, AlertChange.RESOLVED, AlertChange.OPENED);
    }

    @Test
    void nothing_is_judged_below_min_rows_and_the_20th_row_can_open() {
        Agent a = new Agent();
        assertThat(a.feed(19, 200)).isEmpty();
        assertThat(a.monitor.isOpen()).isFalse();

        List<DivergenceTransition> t = a.feed(1, 200);

        assertThat(t).singleElement().satisfies(x -> {
            assertThat(x.change()).isEqualTo(AlertChange.OPENED);
            assertThat(x.metrics()).containsEntry("rows", 20.0);
        });
    }

    @Test
    void an_alert_opened_high_never_escalates() {
        Agent a = new Agent();
        List<DivergenceTransition> t = a.feed(100, 150);

        assertThat(t).singleElement().satisfies(x -> {
            assertThat(x.change()).isEqualTo(AlertChange.OPENED);
            assertThat(x.severity()).isEqualTo(Severity.HIGH);
        });
        assertThat(a.feed(100, 300)).isEmpty();
    }

    @Test
    void a_biased_agent_opens_on_mean_error_and_stays_open_until_the_bias_is_under_80_percent() {
        Agent a = new Agent();
        for (int i = 0; i < 80; i++) {
            a.add(row(minutes(a.rows), 45, 0, 30.0)); // every error +45: mean abs 45 < 90, |mean| 45 ≥ 40
        }
        assertThat(a.transitions).singleElement().satisfies(x -> {
            assertThat(x.firing()).extracting(AlertTrigger::name).containsExactly(AlertTrigger.MEAN_ERROR);
            assertThat(x.severity()).isEqualTo(Severity.MEDIUM);
        });

        for (int i = 0; i < 200; i++) {
            a.add(row(minutes(a.rows), 35, 0, 30.0)); // |mean| 35: not firing, not under 0.8 · 40 = 32
        }
        assertThat(a.transitions).hasSize(1);
        for (int i = 0; i < 200; i++) {
            a.add(row(minutes(a.rows), 20, 0, 30.0));
        }
        assertThat(a.transitions).extracting(DivergenceTransition::change).containsExactly(AlertChange.OPENED,
                AlertChange.RESOLVED);
        // it resolved on the first row that took the mean under 32: (20 j + 35 (80 − j)) / 80 < 32 → j = 17
        assertThat(a.transitionRows.get(1)).isEqualTo(80 + 200 + 17);
    }

    /** A full window of 80 rows with these errors, in turn (expected 0, sigma 30). */
    private static ErrorSummary window(double... errors) {
        RecentErrors w = new RecentErrors(80);
        for (int i = 0; i < 80; i++) {
            w.add(row(minutes(i), errors[i % errors.length], 0, 30.0));
        }
        return w.summary().orElseThrow();
    }

    @Test
    void an_alert_resolves_only_when_every_trigger_is_clear() {
        DivergenceMonitor m = new DivergenceMonitor(D);
        assertThat(m.observe(window(100, -100), MODEL_RMSE, T0)).isPresent(); // opens on mean abs error

        // mean abs 35 is clear, |mean error| 35 is in the dead band: stays open
        List<AlertTrigger> triggers = m.triggers(window(35), MODEL_RMSE);
        assertThat(triggers).filteredOn(AlertTrigger::clear).extracting(AlertTrigger::name)
                .containsExactly(AlertTrigger.MEAN_ABS_ERROR, AlertTrigger.RMSE_SPIKE, AlertTrigger.HIT_RATE_COLLAPSE);
        assertThat(m.observe(window(35), MODEL_RMSE, T0)).isEmpty();
        assertThat(m.isOpen()).isTrue();

        assertThat(m.observe(window(10), MODEL_RMSE, T0)).get().extracting(DivergenceTransition::change)
                .isEqualTo(AlertChange.RESOLVED);
    }

    @Test
    void rmse_spike_fires_against_twice_the_model_holdout_rmse_and_is_not_judged_without_a_model() {
        Agent a = new Agent();
        a.modelRmse = 20.0; // threshold 40
        a.feed(80, 39);
        assertThat(a.transitions).isEmpty();
        a.feed(80, 45); // rmse 45, mean abs 45: only the spike fires
        assertThat(a.transitions).singleElement().satisfies(x -> {
            assertThat(x.firing()).extracting(AlertTrigger::name).containsExactly(AlertTrigger.RMSE_SPIKE);
            assertThat(x.firing().getFirst().threshold()).isEqualTo(40.0);
        });

        Agent noModel = new Agent();
        noModel.modelRmse = null;
        noModel.feed(160, 45);
        assertThat(noModel.transitions).isEmpty();
        ErrorSummary w = noModel.window.recentErrors().orElseThrow();
        assertThat(noModel.monitor.triggers(w, null)).extracting(AlertTrigger::name).doesNotContain(AlertTrigger.RMSE_SPIKE);
        assertThat(noModel.monitor.triggers(w, 0.0)).extracting(AlertTrigger::name).doesNotContain(AlertTrigger.RMSE_SPIKE);
    }

    /** 80 rows expected 20 with sigma 20 (expected hit rate Φ(1) = 0.8413); {@code misses} of them lose 20 bps. */
    private static ErrorSummary hitRateWindow(int misses) {
        RecentErrors w = new RecentErrors(80);
        for (int i = 0; i < 80; i++) {
            w.add(row(minutes(i), i < misses ? -20 : 20, 20, 20.0));
        }
        return w.summary().orElseThrow();
    }

    /** SPEC's thresholds with the significance tests turned off (level 1): the rules of the thresholds alone. */
    private static final DivergenceSettings THRESHOLDS_ONLY = new DivergenceSettings(D.minRows(), D.meanAbsErrorBps(),
            D.meanErrorBps(), D.rmseSpikeFactor(), D.hitRateDrop(), D.escalationFactor(), D.resolveRatio(), 1, 1,
            D.calibratedSpreadFactor());

    @Test
    void hit_rate_collapse_fires_beyond_0_15_under_the_model_and_resolves_only_within_0_12() {
        // the threshold and its dead band, without the significance test (25 misses of 80: p = 4.5e-4)
        DivergenceMonitor m = new DivergenceMonitor(THRESHOLDS_ONLY);
        Instant at = T0;
        // shortfalls: 25 misses 0.1538 (fires), 24 → 0.1413, 23 → 0.1288 (dead band), 22 → 0.1163 (clear)
        assertThat(hitRateWindow(25).expectedHitRate()).isCloseTo(0.8413447460685429, within(1e-14));

        Optional<DivergenceTransition> opened = m.observe(hitRateWindow(25), null, at);
        assertThat(opened).get().satisfies(x -> {
            assertThat(x.change()).isEqualTo(AlertChange.OPENED);
            AlertTrigger hit = x.firing().getFirst();
            assertThat(hit.name()).isEqualTo(AlertTrigger.HIT_RATE_COLLAPSE);
            assertThat(hit.value()).isCloseTo(0.8413447460685429 - 55 / 80.0, within(1e-14));
            assertThat(hit.threshold()).isEqualTo(0.15);
            assertThat(x.metrics()).containsEntry("priced_hit_rate", 55 / 80.0);
        });
        assertThat(m.observe(hitRateWindow(23), null, at)).as("dead band: stays open").isEmpty();
        assertThat(m.observe(hitRateWindow(25), null, at)).as("already open").isEmpty();
        assertThat(m.observe(hitRateWindow(22), null, at)).get().extracting(DivergenceTransition::change)
                .isEqualTo(AlertChange.RESOLVED);
        assertThat(m.observe(hitRateWindow(24), null, at)).as("dead band: stays resolved").isEmpty();
        assertThat(m.observe(hitRateWindow(23), null, at)).isEmpty();
        assertThat(m.observe(hitRateWindow(25), null, at)).get().satisfies(x -> {
            assertThat(x.change()).isEqualTo(AlertChange.OPENED);
            assertThat(x.alertNumber()).isEqualTo(2);
        });
    }

    @Test
    void hit_rate_collapse_is_judged_on_priced_rows_only_and_needs_min_rows_of_them() {
        RecentErrors w = new RecentErrors(80);
        for (int i = 0; i < 80; i++) {
            // 61 unpriced winners, then 19 priced losers (model expected +20 ± 20)
            w.add(i >= 61 ? row(minutes(i), -20, 20, 20.0) : row(minutes(i), 5, 0, null));
        }
        ErrorSummary summary = w.summary().orElseThrow();
        assertThat(summary.pricedRows()).isEqualTo(19);
        assertThat(summary.pricedHitRate()).isZero();

        DivergenceMonitor m = new DivergenceMonitor(D);
        assertThat(m.triggers(summary, null)).extracting(AlertTrigger::name).doesNotContain(AlertTrigger.HIT_RATE_COLLAPSE);
        assertThat(m.observe(summary, null, T0)).isEmpty();

        w.add(row(minutes(100), -20, 20, 20.0)); // the 20th priced row (an unpriced one leaves)
        assertThat(m.observe(w.summary().orElseThrow(), null, T0)).get().satisfies(x ->
                assertThat(x.firing()).extracting(AlertTrigger::name).containsExactly(AlertTrigger.HIT_RATE_COLLAPSE));
    }

    @Test
    void the_alert_state_round_trips_through_bytes_and_goes_on_where_it_was() {
        Agent a = new Agent();
        a.feed(100, 150); // open, HIGH, alert 1
        DivergenceMonitor restored = DivergenceMonitor.fromBytes(a.monitor.toBytes(), D);

        assertThat(restored.isOpen()).isTrue();
        assertThat(restored.severity()).contains(Severity.HIGH);
        assertThat(restored.openedAt()).isEqualTo(a.monitor.openedAt());
        assertThat(restored.alertsOpened()).isEqualTo(1);
        assertThat(restored.toBytes()).isEqualTo(a.monitor.toBytes());

        a.feed(200, 10);
        ErrorSummary calm = a.window.recentErrors().orElseThrow();
        Optional<DivergenceTransition> t = restored.observe(calm, MODEL_RMSE, minutes(500));
        assertThat(t).get().satisfies(x -> {
            assertThat(x.change()).isEqualTo(AlertChange.RESOLVED);
            assertThat(x.alertNumber()).isEqualTo(1);
            assertThat(x.openedAt()).isEqualTo(a.transitions.getFirst().openedAt());
        });

        DivergenceMonitor closed = DivergenceMonitor.fromBytes(restored.toBytes(), D);
        assertThat(closed.isOpen()).isFalse();
        assertThat(closed.alertsOpened()).isEqualTo(1);
        DivergenceMonitor fresh = DivergenceMonitor.fromBytes(new DivergenceMonitor(D).toBytes(), D);
        assertThat(fresh.isOpen()).isFalse();
        assertThat(fresh.alertsOpened()).isZero();
    }

    @Test
    void an_instant_with_nanoseconds_survives_the_round_trip() {
        DivergenceMonitor m = new DivergenceMonitor(D);
        Instant at = Instant.parse("2025-03-10T12:00:00.123456789Z");
        m.observe(hitRateWindow(40), null, at);

        assertThat(DivergenceMonitor.fromBytes(m.toBytes(), D).openedAt()).contains(at);
    }

    @Test
    void corrupt_state_bytes_are_refused() {
        byte[] bytes = new DivergenceMonitor(D).toBytes();
        byte[] otherVersion = bytes.clone();
        otherVersion[0] = 7;

        assertThatThrownBy(() -> DivergenceMonitor.fromBytes(otherVersion, D)).hasMessageContaining("version 7");
        assertThatThrownBy(() -> DivergenceMonitor.fromBytes(new byte[] {1, 1}, D)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_transition_is_immutable() {
        Agent a = new Agent();
        DivergenceTransition t = a.feed(30, 200).getFirst();

        assertThatThrownBy(() -> t.metrics().put("x", 1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> t.triggers().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(t.metrics().keySet()).startsWith("rows", "mean_abs_error_bps");
        assertThat(Map.copyOf(t.metrics())).containsEntry("priced_rows", 20.0);
    }

    @Test
    void hit_rate_collapse_also_needs_significantly_few_hits() {
        DivergenceMonitor m = new DivergenceMonitor(D);
        // 25 misses: shortfall 0.1538 ≥ 0.15 but P(X ≤ 55 | 80, 0.8413) = 4.5e-4, not below 1e-4
        AlertTrigger notSignificant = m.triggers(hitRateWindow(25), null).getLast();
        assertThat(notSignificant.value()).isGreaterThan(0.15);
        assertThat(notSignificant.pValue()).isCloseTo(4.5434593630422354E-4, within(1e-12));
        assertThat(notSignificant.firing()).isFalse();
        assertThat(notSignificant.clear()).as("dead band").isFalse();
        assertThat(m.observe(hitRateWindow(25), null, T0)).isEmpty();

        // 27 misses: P(X ≤ 53) < 1e-4
        Optional<DivergenceTransition> opened = m.observe(hitRateWindow(27), null, T0);
        assertThat(opened).get().satisfies(x -> {
            AlertTrigger hit = x.firing().getFirst();
            assertThat(hit.name()).isEqualTo(AlertTrigger.HIT_RATE_COLLAPSE);
            assertThat(hit.pValue()).isLessThan(1e-4)
                    .isCloseTo(BinomialTail.atMost(53, 80, 0.8413447460685429), within(1e-15));
            assertThat(hit.significance()).isEqualTo(1e-4);
            assertThat(x.metrics()).containsEntry("hit_rate_collapse_p_value", hit.pValue());
        });
    }

    @Test
    void rmse_spike_is_not_raised_by_a_short_window_of_a_sound_agent_with_a_wide_spread() {
        DivergenceMonitor m = new DivergenceMonitor(D);
        // 20 rows (min-rows) of ±62: RMSE 62 ≥ 2 × 30, yet Σe²/(1.5 × 30)² = 38 on 20 degrees of freedom: p ≈ 0.009
        ErrorSummary shortWindow = summaryOf(20, 62);
        AlertTrigger spike = m.triggers(shortWindow, 30.0).get(2);
        assertThat(spike.name()).isEqualTo(AlertTrigger.RMSE_SPIKE);
        assertThat(spike.value()).isGreaterThan(spike.threshold());
        assertThat(spike.pValue()).isCloseTo(ChiSquareTail.atLeast(20 * 62.0 * 62 / (45.0 * 45), 20), within(1e-15))
                .isGreaterThan(1e-3);
        assertThat(spike.firing()).isFalse();
        assertThat(m.observe(shortWindow, 30.0, T0)).isEmpty();

        // the same spread over a full window of 80 rows is significant
        assertThat(m.observe(summaryOf(80, 62), 30.0, T0)).get().satisfies(x ->
                assertThat(x.firing()).extracting(AlertTrigger::name).containsExactly(AlertTrigger.RMSE_SPIKE));
    }

    /** {@code n} rows of ±level (mean 0), expected 0 with sigma 30. */
    private static ErrorSummary summaryOf(int n, double level) {
        RecentErrors w = new RecentErrors(80);
        for (int i = 0; i < n; i++) {
            w.add(row(minutes(i), i % 2 == 0 ? level : -level, 0, 30.0));
        }
        return w.summary().orElseThrow();
    }

    @Test
    void transitions_are_stamped_with_the_newest_row_time_seen_so_a_late_row_never_takes_them_back_in_time() {
        DivergenceMonitor m = new DivergenceMonitor(D);
        Instant late = minutes(600);
        Instant early = minutes(10);
        DivergenceTransition opened = m.observe(window(100, -100), MODEL_RMSE, late).orElseThrow();
        assertThat(opened.at()).isEqualTo(late);

        // a backfilled row from earlier in the day heals the window: it resolves, but not before it opened
        DivergenceTransition resolved = m.observe(window(10), MODEL_RMSE, early).orElseThrow();
        assertThat(resolved.change()).isEqualTo(AlertChange.RESOLVED);
        assertThat(resolved.at()).isEqualTo(late);
        assertThat(m.clock()).contains(late);

        // the clock survives a restart and still orders the next alert after the last transition
        DivergenceMonitor restored = DivergenceMonitor.fromBytes(m.toBytes(), D);
        DivergenceTransition again = restored.observe(window(100, -100), MODEL_RMSE, early).orElseThrow();
        assertThat(again.change()).isEqualTo(AlertChange.OPENED);
        assertThat(again.openedAt()).isEqualTo(late).isEqualTo(again.at());
        assertThat(restored.observe(window(10), MODEL_RMSE, minutes(700)).orElseThrow().at()).isEqualTo(minutes(700));
    }

    @Test
    void version_1_state_bytes_are_still_read_with_the_open_alert_as_the_clock() {
        // version 1: open, severity by name, opened at (seconds, nanos), alerts opened
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeBoolean(true);
            out.writeUTF("MEDIUM");
            out.writeBoolean(true);
            out.writeLong(minutes(300).getEpochSecond());
            out.writeInt(0);
            out.writeInt(3);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        DivergenceMonitor m = DivergenceMonitor.fromBytes(bytes.toByteArray(), D);

        assertThat(m.isOpen()).isTrue();
        assertThat(m.severity()).contains(Severity.MEDIUM);
        assertThat(m.alertsOpened()).isEqualTo(3);
        assertThat(m.clock()).contains(minutes(300));
        DivergenceTransition resolved = m.observe(window(10), MODEL_RMSE, minutes(200)).orElseThrow();
        assertThat(resolved.at()).as("never before the opening").isEqualTo(minutes(300));
        assertThat(m.toBytes()[0]).as("written in the new version").isEqualTo((byte) 3);
        assertThat(DivergenceMonitor.fromBytes(m.toBytes(), D).clock()).contains(minutes(300));
    }

    @Test
    void a_message_prints_the_figures_with_the_precision_that_decided_them() {
        assertThat(new AlertTrigger(AlertTrigger.HIT_RATE_COLLAPSE, 0.152, 0.15, true, false, 3.2e-5, 1e-4).describe())
                .isEqualTo("hit_rate_collapse 0.1520 >= 0.1500 (p = 3.2e-05 < 0.00010)");
        assertThat(new AlertTrigger(AlertTrigger.RMSE_SPIKE, 58.9, 57.9, false, false, 0.2, 1e-4).describe())
                .isEqualTo("rmse_spike 58.90 >= 57.90 (p = 0.20 >= 0.00010)");
        // four digits would print 40.00 >= 40.00: more until they differ
        assertThat(new AlertTrigger(AlertTrigger.MEAN_ERROR, 40.0004, 40, true, false).describe())
                .isEqualTo("mean_error 40.0004 >= 40.0000");
        assertThat(new AlertTrigger(AlertTrigger.MEAN_ERROR, 40, 40, true, false).describe()).isEqualTo("mean_error 40.00 >= 40.00");
        // the CUSUM decided where the window's test did not: the message says so, with the window's p beside it
        assertThat(new AlertTrigger(AlertTrigger.HIT_RATE_COLLAPSE, 0.2, 0.15, true, false, 4.5e-4, 1e-4, 9.412, 9.0).describe())
                .isEqualTo("hit_rate_collapse 0.2000 >= 0.1500 (CUSUM 9.412 >= 9.000; window p = 0.00045)");
        assertThat(new AlertTrigger(AlertTrigger.HIT_RATE_COLLAPSE, 0.2, 0.15, true, false, 3.2e-5, 1e-4, 9.412, 9.0).describe())
                .isEqualTo("hit_rate_collapse 0.2000 >= 0.1500 (p = 3.2e-05 < 0.00010)");
    }

    /** Rows of expected 20, sigma 20 (model hit probability 0.84): a miss realizes −20, a hit +20. */
    private static ReconciledRow hitRow(int i, boolean hit) {
        return row(minutes(i), hit ? 20 : -20, 20, 20.0);
    }

    @Test
    void the_hit_rate_cusum_opens_a_collapse_the_window_test_alone_does_not_and_restarts_at_the_opening() {
        // 80 hits, then 5 misses in every 16 rows: every full window holds 25 misses of 80 (shortfall ≈ 0.15,
        // binomial p ≈ 4.5e-4: not significant at 1e-4), while the CUSUM gains on every period
        DivergenceMonitor withRows = new DivergenceMonitor(D);
        DivergenceMonitor windowOnly = new DivergenceMonitor(D);
        RecentErrors w = new RecentErrors(80);
        DivergenceTransition opened = null;
        int openedAt = -1;
        for (int i = 0; i < 80 + 1_000 && opened == null; i++) {
            ReconciledRow r = hitRow(i, i < 80 || (i - 80) % 16 >= 5);
            w.add(r);
            ErrorSummary summary = w.summary().orElseThrow();
            assertThat(windowOnly.observe(summary, null, r.maturedAt())).as("without the rows, row %d", i).isEmpty();
            double before = withRows.hitRateCusum();
            Optional<DivergenceTransition> t = withRows.observe(summary, r, null, r.maturedAt());
            if (t.isPresent()) {
                opened = t.get();
                openedAt = i;
            } else {
                assertThat(withRows.hitRateCusum()).as("S = max(0, S + p − hit − k)")
                        .isEqualTo(Math.max(0, before + cusumProbability(summary, r) - (r.hit() ? 1 : 0)
                                - D.hitRateCusumSlack()), within(1e-12));
            }
        }

        assertThat(opened).as("opened by the CUSUM").isNotNull();
        assertThat(openedAt).as("after the 80 hits").isGreaterThan(80);
        assertThat(opened.change()).isEqualTo(AlertChange.OPENED);
        AlertTrigger hit = opened.firing().getFirst();
        assertThat(hit.name()).isEqualTo(AlertTrigger.HIT_RATE_COLLAPSE);
        assertThat(hit.value()).isGreaterThanOrEqualTo(0.15);
        assertThat(hit.pValue()).as("the window's test alone is not significant").isGreaterThanOrEqualTo(hit.significance());
        assertThat(opened.metrics().get("hit_rate_cusum")).isGreaterThanOrEqualTo(D.hitRateCusumThreshold());
        assertThat(opened.metrics()).containsEntry("hit_rate_cusum_threshold", D.hitRateCusumThreshold());
        assertThat(withRows.hitRateCusum()).as("evidence spent at the opening").isZero();
    }

    /** Φ(expected / s), s = min(window RMSE, calibrated-spread-factor × sigma). */
    private static double cusumProbability(ErrorSummary window, ReconciledRow r) {
        double spread = Math.min(window.rmseBps(), D.calibratedSpreadFactor() * r.expectedSigmaBps());
        return StandardNormal.cdf(r.expectedPnlBps() / spread);
    }

    @Test
    void a_row_no_model_priced_leaves_the_hit_rate_cusum_as_it_is() {
        DivergenceMonitor m = new DivergenceMonitor(D);
        RecentErrors w = new RecentErrors(80);
        ReconciledRow miss = hitRow(0, false);
        w.add(miss);
        m.observe(w.summary().orElseThrow(), miss, null, miss.maturedAt());
        double afterMiss = m.hitRateCusum();
        assertThat(afterMiss).isGreaterThan(0.5);

        ReconciledRow unpriced = Rows.pnl(minutes(1), -20);
        w.add(unpriced);
        m.observe(w.summary().orElseThrow(), unpriced, null, unpriced.maturedAt());
        assertThat(m.hitRateCusum()).isEqualTo(afterMiss);
    }

    @Test
    void the_hit_rate_cusum_survives_the_state_bytes_and_version_2_bytes_read_with_none() {
        DivergenceMonitor m = new DivergenceMonitor(D);
        RecentErrors w = new RecentErrors(80);
        for (int i = 0; i < 3; i++) {
            ReconciledRow miss = hitRow(i, false);
            w.add(miss);
            m.observe(w.summary().orElseThrow(), miss, null, miss.maturedAt());
        }
        assertThat(m.hitRateCusum()).isGreaterThan(1);
        DivergenceMonitor restored = DivergenceMonitor.fromBytes(m.toBytes(), D);
        assertThat(restored.hitRateCusum()).isEqualTo(m.hitRateCusum());
        assertThat(restored.clock()).isEqualTo(m.clock());

        // version 2: open, severity by name, opened at, alerts opened, clock (nullable instants: flag, seconds, nanos)
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(2);
            out.writeBoolean(false);
            out.writeUTF("");
            out.writeBoolean(false);
            out.writeInt(2);
            out.writeBoolean(true);
            out.writeLong(minutes(400).getEpochSecond());
            out.writeInt(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        DivergenceMonitor v2 = DivergenceMonitor.fromBytes(bytes.toByteArray(), D);
        assertThat(v2.isOpen()).isFalse();
        assertThat(v2.alertsOpened()).isEqualTo(2);
        assertThat(v2.clock()).contains(minutes(400));
        assertThat(v2.hitRateCusum()).isZero();
        assertThat(v2.toBytes()[0]).isEqualTo((byte) 3);

        byte[] negative = m.toBytes();
        java.nio.ByteBuffer.wrap(negative).putDouble(negative.length - 8, -1);
        assertThatThrownBy(() -> DivergenceMonitor.fromBytes(negative, D)).isInstanceOf(IllegalArgumentException.class)
                .hasRootCauseMessage("hit-rate CUSUM must be finite and >= 0, was -1.0");
    }
}
