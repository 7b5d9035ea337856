package com.metasupervisor.risk.domain;

import static com.metasupervisor.risk.domain.Rows.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.metasupervisor.risk.config.MultiplierSettings;
import com.metasupervisor.risk.config.RiskSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConfidenceMultiplierTest {

    private static final MultiplierSettings S = MultiplierSettings.defaults();

    @Test
    void an_agent_erring_no_more_than_its_model_and_just_heard_from_keeps_full_confidence() {
        ConfidenceMultiplier m = ConfidenceMultiplier.of(40.0, 60.0, T0, T0, S);

        assertThat(m.errorFactor()).isEqualTo(1.0);
        assertThat(m.timeFactor()).isEqualTo(1.0);
        assertThat(m.value()).isEqualTo(1.0);
    }

    @Test
    void only_error_beyond_the_model_rmse_counts_scaled_by_75_bps() {
        assertThat(ConfidenceMultiplier.of(100.0, 75.0, T0, T0, S).errorFactor()).isCloseTo(1 / (1 + 25 / 75.0), within(1e-15));
        assertThat(ConfidenceMultiplier.of(100.0, 75.0, T0, T0, S).value()).isCloseTo(0.75, within(1e-15));
        assertThat(ConfidenceMultiplier.of(150.0, 75.0, T0, T0, S).errorFactor()).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void seven_silent_days_halve_the_time_factor() {
        ConfidenceMultiplier week = ConfidenceMultiplier.of(10.0, 20.0, T0, T0.plus(Duration.ofDays(7)), S);
        ConfidenceMultiplier halfWeek = ConfidenceMultiplier.of(10.0, 20.0, T0, T0.plus(Duration.ofHours(84)), S);

        assertThat(week.timeFactor()).isCloseTo(0.5, within(1e-15));
        assertThat(week.value()).isCloseTo(0.5, within(1e-15));
        assertThat(halfWeek.timeFactor()).isCloseTo(Math.sqrt(0.5), within(1e-15));
        assertThat(ConfidenceMultiplier.of(10.0, 20.0, T0, T0.plus(Duration.ofDays(14)), S).timeFactor())
                .isCloseTo(0.25, within(1e-15));
    }

    @Test
    void the_product_is_clamped_to_the_bounds() {
        // m_err 0.75 · m_time 0.5^(3.5/7) = 0.530…, inside; two weeks: 0.1875 → the floor 0.5
        assertThat(ConfidenceMultiplier.of(100.0, 75.0, T0, T0.plus(Duration.ofHours(84)), S).value())
                .isCloseTo(0.75 * Math.sqrt(0.5), within(1e-15));
        ConfidenceMultiplier floored = ConfidenceMultiplier.of(100.0, 75.0, T0, T0.plus(Duration.ofDays(14)), S);
        assertThat(floored.value()).isEqualTo(0.5);
        assertThat(floored.errorFactor() * floored.timeFactor()).isCloseTo(0.1875, within(1e-15));
        assertThat(ConfidenceMultiplier.of(1e6, 0.0, T0, T0.plus(Duration.ofDays(400)), S).value()).isEqualTo(0.5);

        MultiplierSettings narrow = new MultiplierSettings(50, Duration.ofDays(7), 75, 0.2, 0.9);
        assertThat(ConfidenceMultiplier.of(10.0, 20.0, T0, T0, narrow).value()).isEqualTo(0.9);
        assertThat(ConfidenceMultiplier.of(10.0, 20.0, T0, T0.plus(Duration.ofDays(70)), narrow).value()).isEqualTo(0.2);
    }

    @Test
    void never_below_0_5_never_above_1_and_never_rising_with_silence_for_random_inputs() {
        Random r = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            Double ewma = r.nextInt(10) == 0 ? null : r.nextDouble() * 1_000;
            Double rmse = r.nextInt(10) == 0 ? null : r.nextDouble() * 200;
            Instant last = r.nextInt(10) == 0 ? null : T0.minus(Duration.ofMinutes(r.nextInt(60 * 24 * 60)));
            Instant now = T0.plus(Duration.ofMinutes(r.nextInt(60 * 24 * 10) - 60 * 24));
            double v = ConfidenceMultiplier.of(ewma, rmse, last, now, S).value();
            double later = ConfidenceMultiplier.of(ewma, rmse, last, now.plus(Duration.ofHours(6)), S).value();
            assertThat(v).isBetween(0.5, 1.0);
            assertThat(later).isLessThanOrEqualTo(v);
        }
    }

    @Test
    void without_a_model_rmse_rows_or_a_last_row_there_is_nothing_to_discount() {
        assertThat(ConfidenceMultiplier.of(500.0, null, T0, T0, S).errorFactor()).isEqualTo(1.0);
        assertThat(ConfidenceMultiplier.of(null, 50.0, T0, T0, S).errorFactor()).isEqualTo(1.0);
        assertThat(ConfidenceMultiplier.of(null, null, null, T0, S).value()).isEqualTo(1.0);
        assertThat(ConfidenceMultiplier.of(10.0, 20.0, T0, T0.minus(Duration.ofDays(3)), S).timeFactor())
                .as("a now before the last row is no silence").isEqualTo(1.0);
    }

    @Test
    void from_agent_figures_it_uses_their_ewma_last_row_and_as_of_time() {
        AgentWindow w = new AgentWindow(RiskSettings.defaults());
        w.add(new ReconciledRow(T0, 155, 5, 75.0)); // |error| 150: EWMA 150
        AgentFigures f = w.figures(T0.plus(Duration.ofDays(7)));

        ConfidenceMultiplier m = ConfidenceMultiplier.of(f, 75.0, S);

        assertThat(m.errorFactor()).isCloseTo(0.5, within(1e-15));
        assertThat(m.timeFactor()).isCloseTo(0.5, within(1e-15));
        assertThat(m.value()).isEqualTo(0.5);
    }
}
