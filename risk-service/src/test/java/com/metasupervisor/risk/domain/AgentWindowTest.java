package com.metasupervisor.risk.domain;

import static com.metasupervisor.risk.domain.Rows.T0;
import static com.metasupervisor.risk.domain.Rows.pnl;
import static com.metasupervisor.risk.domain.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.metasupervisor.risk.config.AgentStatsSettings;
import com.metasupervisor.risk.config.CvarSettings;
import com.metasupervisor.risk.config.DivergenceSettings;
import com.metasupervisor.risk.config.MultiplierSettings;
import com.metasupervisor.risk.config.RiskSettings;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AgentWindowTest {

    private static final RiskSettings S = RiskSettings.defaults();
    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void a_window_without_rows_has_null_rates_and_zero_sums() {
        AgentFigures f = new AgentWindow(S).figures(T0);

        assertThat(f.asOf()).isEqualTo(T0);
        assertThat(f.n()).isZero();
        assertThat(f.hitRate()).isNull();
        assertThat(f.winrate30d()).isNull();
        assertThat(f.sharpe30d()).isNull();
        assertThat(f.avgAbsErrorBps()).isNull();
        assertThat(f.rmseBps()).isNull();
        assertThat(f.ewmaAbsErrorBps()).isNull();
        assertThat(f.lastMaturedAt()).isNull();
        assertThat(f.pnlSumBps()).isZero();
        assertThat(f.maxDrawdown30dBps()).isZero();
        assertThat(f.errorRate()).isZero();
        assertThat(f.unpricedRate()).isZero();
    }

    @Test
    void all_time_figures_count_every_row_even_one_too_old_for_the_windows() {
        AgentWindow w = new AgentWindow(S);
        w.add(pnl(T0, 10));
        w.add(pnl(T0.minus(Duration.ofDays(400)), -4)); // late, far outside every window
        w.add(pnl(T0.plus(DAY), 0));                     // 0 is not a hit

        AgentFigures f = w.figures(T0.plus(DAY));
        assertThat(f.n()).isEqualTo(3);
        assertThat(f.pnlSumBps()).isEqualTo(6.0);
        assertThat(f.hitRate()).isEqualTo(1 / 3.0);
        assertThat(f.pnl30dBps()).isEqualTo(10.0);
        assertThat(f.rows30d()).isEqualTo(2);
        assertThat(f.lastMaturedAt()).isEqualTo(T0.plus(DAY));
    }

    @Test
    void a_window_of_length_w_holds_rows_that_matured_in_now_minus_w_exclusive_to_now_inclusive() {
        AgentWindow w = new AgentWindow(S);
        Instant now = T0;
        w.add(pnl(now.minus(Duration.ofDays(30)), 1));                  // out of both
        w.add(pnl(now.minus(Duration.ofDays(30)).plusMillis(1), -2));   // 30 d only
        w.add(pnl(now.minus(Duration.ofDays(7)), 4));                   // 30 d only
        w.add(pnl(now.minus(Duration.ofDays(7)).plusMillis(1), 8));     // both
        w.add(pnl(now, -16));                                           // both

        AgentFigures f = w.figures(now);
        assertThat(f.pnl7dBps()).isEqualTo(8.0 - 16);
        assertThat(f.pnl30dBps()).isEqualTo(-2.0 + 4 + 8 - 16);
        assertThat(f.rows30d()).isEqualTo(4);
        assertThat(f.winrate30d()).isEqualTo(2 / 4.0);
        assertThat(f.pnlSumBps()).isEqualTo(1.0 - 2 + 4 + 8 - 16);

        AgentFigures oneMilliLater = w.figures(now.plusMillis(1));
        assertThat(oneMilliLater.pnl30dBps()).isEqualTo(4.0 + 8 - 16);
        assertThat(oneMilliLater.pnl7dBps()).isEqualTo(-16.0);
        assertThat(oneMilliLater.winrate30d()).isEqualTo(2 / 3.0);
    }

    @Test
    void figures_are_never_as_of_a_time_before_the_window_clock() {
        AgentWindow w = new AgentWindow(S);
        w.add(pnl(T0, 5));
        w.add(pnl(T0.plus(Duration.ofDays(8)), 1));

        AgentFigures f = w.figures(T0); // asked for the past: answered as of the clock
        assertThat(f.asOf()).isEqualTo(T0.plus(Duration.ofDays(8)));
        assertThat(f.pnl7dBps()).isEqualTo(1.0);
    }

    @Test
    void sharpe_counts_idle_days_as_zero_days() {
        AgentWindow w = new AgentWindow(S);
        Instant today = T0; // noon
        w.add(pnl(today.minus(Duration.ofHours(2)), 20));
        w.add(pnl(today.minus(Duration.ofHours(1)), 10));     // today: 30
        w.add(pnl(today.minus(Duration.ofDays(5)), -10));     // day −5: −10
        w.add(pnl(today.minus(Duration.ofDays(29)).minus(Duration.ofHours(11)), 40)); // day −29, 01:00: 40

        // 30 daily PnLs: 30, −10, 40 and 27 zeros. mean 60/30 = 2;
        // Σ(x − 2)² = 28² + 12² + 38² + 27·2² = 784 + 144 + 1444 + 108 = 2480; sample variance 2480/29
        double expected = 2 / Math.sqrt(2480.0 / 29) * Math.sqrt(365);
        assertThat(w.figures(today).sharpe30d()).isCloseTo(expected, within(1e-12));
        assertThat(expected).isCloseTo(4.1320, within(1e-3));
    }

    @Test
    void the_sharpe_series_is_the_30_utc_days_ending_with_today_while_pnl_30d_is_the_last_30_times_24_hours() {
        AgentWindow w = new AgentWindow(S);
        Instant now = T0; // noon
        Instant day30Afternoon = now.minus(Duration.ofDays(30)).plus(Duration.ofHours(1)); // 30 UTC days back, 13:00
        w.add(pnl(day30Afternoon, 100));
        w.add(pnl(now, 30));
        w.add(pnl(now.minus(DAY), -30));

        AgentFigures f = w.figures(now);
        assertThat(f.pnl30dBps()).as("inside (now − 30 d, now]").isEqualTo(100.0);
        // the series: 30, −30 and 28 zeros (day −30 is outside it): mean 0 → Sharpe 0
        assertThat(f.sharpe30d()).isEqualTo(0.0);
    }

    @Test
    void sharpe_is_null_for_an_agent_without_rows_in_30_days() {
        AgentWindow w = new AgentWindow(S);
        w.add(pnl(T0, 25));

        assertThat(w.figures(T0).sharpe30d()).isNotNull();
        assertThat(w.figures(T0.plus(Duration.ofDays(31))).sharpe30d()).isNull();
    }

    @Test
    void drawdown_is_of_the_30_day_rows_in_matured_at_order_whatever_their_arrival_order() {
        double[] pnl = {10, 20, -50, 5, -10};
        AgentWindow inOrder = new AgentWindow(S);
        AgentWindow shuffled = new AgentWindow(S);
        for (int i = 0; i < pnl.length; i++) {
            inOrder.add(pnl(T0.plus(Duration.ofHours(i)), pnl[i]));
        }
        for (int i : new int[] {3, 0, 4, 2, 1}) {
            shuffled.add(pnl(T0.plus(Duration.ofHours(i)), pnl[i]));
        }

        Instant now = T0.plus(Duration.ofHours(4));
        assertThat(inOrder.figures(now).maxDrawdown30dBps()).isEqualTo(-55.0);
        assertThat(shuffled.figures(now).maxDrawdown30dBps()).isEqualTo(-55.0);
        // once the +10 and +20 are older than 30 days, the curve starts at −50: −50, −45, −55
        Instant later = T0.plus(Duration.ofDays(30)).plus(Duration.ofMinutes(90));
        assertThat(inOrder.figures(later).maxDrawdown30dBps()).isEqualTo(-55.0);
        assertThat(inOrder.figures(later.plus(Duration.ofHours(2))).maxDrawdown30dBps()).as("only the −10 is left").isEqualTo(-10.0);
    }

    @Test
    void error_rate_is_dead_lettered_over_all_events_of_the_30_utc_days_ending_today() {
        AgentWindow w = new AgentWindow(S);
        Instant now = T0;
        for (int i = 0; i < 18; i++) {
            w.recordAccepted(now.minus(Duration.ofDays(i)));
        }
        w.recordAgentError(now.minus(Duration.ofHours(3)));
        w.recordAgentError(now.minus(Duration.ofDays(29)).minus(Duration.ofHours(12))); // day −29, 00:00
        w.recordAgentError(now.minus(Duration.ofDays(29)).minus(Duration.ofHours(12)).minusMillis(1)); // day −30: out
        w.recordAccepted(now.minus(Duration.ofDays(45)));

        AgentFigures f = w.figures(now);
        assertThat(f.events30d()).isEqualTo(20);
        assertThat(f.errorRate()).isEqualTo(2 / 20.0);
        assertThat(w.eventDayCount()).isLessThanOrEqualTo(30);
    }

    @Test
    void error_rate_is_zero_without_events_and_one_when_every_event_was_dead_lettered() {
        AgentWindow w = new AgentWindow(S);
        assertThat(w.figures(T0).errorRate()).isZero();
        w.recordAgentError(T0);
        w.recordAgentError(T0);
        assertThat(w.figures(T0).errorRate()).isEqualTo(1.0);
        assertThat(w.figures(T0.plus(Duration.ofDays(31))).errorRate()).isZero();
    }

    @Test
    void avg_abs_error_and_rmse_are_over_the_newest_80_rows() {
        AgentWindow w = new AgentWindow(S);
        for (int i = 1; i <= 100; i++) {
            double error = i % 2 == 0 ? i : -i; // |error| = i
            w.add(row(T0.plus(Duration.ofMinutes(i)), 5 + error, 5, 10.0));
        }
        w.add(row(T0, 1_000, 5, 10.0)); // late and older than all 80 kept: not among the newest

        // newest 80: |error| 21 … 100
        double squares = 0;
        for (int i = 21; i <= 100; i++) {
            squares += (double) i * i;
        }
        AgentFigures f = w.figures(T0.plus(Duration.ofMinutes(100)));
        assertThat(f.avgAbsErrorBps()).isCloseTo(60.5, within(1e-12));
        assertThat(f.rmseBps()).isCloseTo(Math.sqrt(squares / 80), within(1e-12));
        assertThat(f.n()).isEqualTo(101);
        assertThat(w.recentRows().size()).isEqualTo(80);
        assertThat(w.recentRows().getFirst().maturedAt()).isEqualTo(T0.plus(Duration.ofMinutes(21)));
    }

    @Test
    void ewma_of_abs_error_moves_half_way_to_a_new_level_in_50_rows() {
        AgentWindow w = new AgentWindow(S);
        for (int i = 0; i < 200; i++) {
            w.add(row(T0.plus(Duration.ofMinutes(i)), 5, 5, 10.0)); // error 0
        }
        assertThat(w.figures(T0).ewmaAbsErrorBps()).isZero();
        for (int i = 0; i < 50; i++) {
            w.add(row(T0.plus(Duration.ofMinutes(200 + i)), i % 2 == 0 ? 105 : -95, 5, 10.0)); // |error| 100
        }

        assertThat(w.figures(T0).ewmaAbsErrorBps()).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void state_is_bounded_by_the_windows_not_by_history() {
        AgentWindow w = new AgentWindow(S);
        Random r = new Random(11);
        int sizeAfter100Days = 0;
        for (int day = 0; day < 365; day++) {
            for (int i = 0; i < 10; i++) {
                Instant t = T0.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(i * 97L));
                w.add(row(t, r.nextGaussian() * 40, 3, 30.0));
                w.recordAccepted(t);
            }
            if (day == 99) {
                sizeAfter100Days = w.toBytes().length;
            }
        }

        assertThat(w.figures(T0).n()).isEqualTo(3650);
        assertThat(w.longWindowRowCount()).isLessThanOrEqualTo(310);
        assertThat(w.recentRows().size()).isEqualTo(80);
        assertThat(w.eventDayCount()).isLessThanOrEqualTo(30);
        assertThat(w.toBytes().length).isBetween(sizeAfter100Days - 200, sizeAfter100Days + 200);
    }

    @Test
    void bytes_round_trip_to_an_identical_window_that_goes_on_identically() {
        AgentWindow w = new AgentWindow(S);
        Random r = new Random(5);
        for (int i = 0; i < 500; i++) {
            Instant t = T0.plus(Duration.ofHours(i * 3L - (i % 5) * 7L));
            w.add(row(t, r.nextGaussian() * 40, r.nextGaussian() * 5, i % 3 == 0 ? null : 30.0));
            if (i % 4 == 0) {
                w.recordAccepted(t);
            }
            if (i % 17 == 0) {
                w.recordAgentError(t);
            }
        }
        byte[] bytes = w.toBytes();
        Instant now = T0.plus(Duration.ofHours(1500));

        AgentWindow restored = AgentWindow.fromBytes(bytes, S);

        assertThat(restored.toBytes()).isEqualTo(bytes);
        assertThat(restored.figures(now)).isEqualTo(w.figures(now));
        assertThat(restored.recentErrors()).isEqualTo(w.recentErrors());
        for (int i = 0; i < 100; i++) {
            Instant t = now.plus(Duration.ofHours(i * 5L - (i % 3) * 11L));
            ReconciledRow row = row(t, r.nextGaussian() * 40, 1, 30.0);
            w.add(row);
            restored.add(row);
            w.recordAgentError(t);
            restored.recordAgentError(t);
        }
        assertThat(restored.toBytes()).isEqualTo(w.toBytes());
        assertThat(AgentWindow.fromBytes(new AgentWindow(S).toBytes(), S).figures(T0)).isEqualTo(new AgentWindow(S).figures(T0));
    }

    @Test
    void restored_under_shorter_windows_the_state_keeps_only_what_they_cover() {
        AgentWindow w = new AgentWindow(S);
        for (int day = 0; day < 30; day++) {
            w.add(row(T0.plus(Duration.ofDays(day)), day, 0, 10.0));
        }
        RiskSettings shorter = new RiskSettings(24, Duration.ofHours(1), CvarSettings.defaults(),
                new AgentStatsSettings(Duration.ofDays(3), Duration.ofDays(10), 12), MultiplierSettings.defaults(),
                DivergenceSettings.defaults(12));

        AgentWindow restored = AgentWindow.fromBytes(w.toBytes(), shorter);

        Instant now = T0.plus(Duration.ofDays(29));
        AgentFigures f = restored.figures(now);
        assertThat(restored.recentRows().size()).isEqualTo(12);
        assertThat(restored.longWindowRowCount()).isEqualTo(10);
        assertThat(f.pnl30dBps()).as("the 10-day window: days 20 … 29").isEqualTo(245.0);
        assertThat(f.pnl7dBps()).as("the 3-day window: days 27 … 29").isEqualTo(84.0);
        assertThat(f.n()).isEqualTo(30);
    }

    @Test
    void corrupt_bytes_are_refused() {
        AgentWindow w = new AgentWindow(S);
        w.add(pnl(T0, 1));
        byte[] bytes = w.toBytes();

        assertThatThrownBy(() -> AgentWindow.fromBytes(Arrays.copyOf(bytes, bytes.length - 1), S))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("AgentWindow");
        byte[] otherVersion = bytes.clone();
        otherVersion[0] = 3;
        assertThatThrownBy(() -> AgentWindow.fromBytes(otherVersion, S)).hasMessageContaining("version 3");
    }

    @Test
    void unpriced_events_are_counted_apart_over_the_same_events_and_never_in_the_error_rate() {
        AgentWindow w = new AgentWindow(S);
        Instant now = T0;
        for (int i = 0; i < 15; i++) {
            w.recordAccepted(now.minus(Duration.ofDays(i)));
        }
        w.recordAgentError(now.minus(Duration.ofHours(2)));    // e.g. unknown_symbol
        w.recordUnpriced(now.minus(Duration.ofHours(1)));      // a feed gap
        w.recordUnpriced(now.minus(Duration.ofDays(10)));      // beyond the catch-up bound
        w.recordUnpriced(now.minus(Duration.ofDays(29)).minus(Duration.ofHours(12))); // day −29, 00:00
        w.recordUnpriced(now.minus(Duration.ofDays(29)).minus(Duration.ofHours(12)).minusMillis(1)); // day −30: out

        AgentFigures f = w.figures(now);
        assertThat(f.events30d()).isEqualTo(19);
        assertThat(f.errorRate()).isEqualTo(1 / 19.0);
        assertThat(f.unpricedRate()).isEqualTo(3 / 19.0);

        // only unpriced events: the error rate stays 0 however many there are
        AgentWindow gap = new AgentWindow(S);
        gap.recordAccepted(T0);
        for (int i = 0; i < 9; i++) {
            gap.recordUnpriced(T0.plus(Duration.ofMinutes(i)));
        }
        assertThat(gap.figures(T0.plus(DAY)).errorRate()).isZero();
        assertThat(gap.figures(T0.plus(DAY)).unpricedRate()).isEqualTo(0.9);
        assertThat(gap.figures(T0.plus(Duration.ofDays(31))).unpricedRate()).as("out of the 30 days").isZero();
        // and the round trip keeps the three counts apart
        assertThat(AgentWindow.fromBytes(w.toBytes(), S).figures(now)).isEqualTo(f);
    }

    @Test
    void bytes_of_format_1_are_read_with_their_dead_letters_as_agent_errors_and_written_back_as_format_2() {
        AgentWindow w = new AgentWindow(S);
        Random r = new Random(3);
        for (int i = 0; i < 60; i++) {
            Instant t = T0.plus(Duration.ofHours(i * 11L));
            w.add(row(t, r.nextGaussian() * 40, 2, 30.0));
            w.recordAccepted(t);
            if (i % 7 == 0) {
                w.recordAgentError(t); // format 1 counted every dead letter here
            }
        }
        byte[] format2 = w.toBytes();
        byte[] format1 = withoutUnpricedCounts(format2, w.eventDayCount());
        assertThat(w.eventDayCount()).isGreaterThan(20);
        assertThat(format1[0]).isEqualTo((byte) 1);
        Instant now = T0.plus(Duration.ofDays(30));

        AgentWindow restored = AgentWindow.fromBytes(format1, S);

        assertThat(restored.figures(now)).isEqualTo(w.figures(now));
        assertThat(restored.figures(now).errorRate()).isGreaterThan(0);
        assertThat(restored.figures(now).unpricedRate()).isZero();
        assertThat(restored.toBytes()).as("written back in the new format").isEqualTo(format2);
        assertThatThrownBy(() -> AgentWindow.fromBytes(Arrays.copyOf(format1, format1.length - 8), S))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("AgentWindow");
        byte[] format2AsFormat1 = format2.clone();
        format2AsFormat1[0] = 1;
        assertThatThrownBy(() -> AgentWindow.fromBytes(format2AsFormat1, S)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Format 1 of a window without unpriced events: version byte 1, the same fields, then per day
     * (day, accepted, dead-lettered) where format 2 has (day, accepted, agent errors, unpriced = 0).
     */
    private static byte[] withoutUnpricedCounts(byte[] format2, int days) {
        ByteBuffer in = ByteBuffer.wrap(format2);
        int start = format2.length - 4 - days * 32; // the day counts come last: a count, then 32 bytes a day
        assertThat(in.getInt(start)).isEqualTo(days);
        ByteBuffer out = ByteBuffer.allocate(start + 4 + days * 24);
        out.put(format2, 0, start).putInt(days);
        for (int d = 0; d < days; d++) {
            int at = start + 4 + d * 32;
            assertThat(in.getLong(at + 24)).as("no unpriced events").isZero();
            out.putLong(in.getLong(at)).putLong(in.getLong(at + 8)).putLong(in.getLong(at + 16));
        }
        byte[] bytes = out.array();
        bytes[0] = 1;
        return bytes;
    }
}
