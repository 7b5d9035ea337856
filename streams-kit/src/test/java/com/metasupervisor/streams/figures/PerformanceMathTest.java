package com.metasupervisor.streams.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PerformanceMathTest {

    @Test
    void drawdown_of_plus10_plus20_minus50_plus5_minus10_is_minus_55() {
        // cumulative 10, 30, −20, −15, −25: peak 30, lowest point after it −25
        assertThat(PerformanceMath.maxDrawdown(new double[] {10, 20, -50, 5, -10})).isEqualTo(-55.0);
    }

    @Test
    void drawdown_counts_from_the_starting_point_and_keeps_the_deepest_fall_not_the_last() {
        assertThat(PerformanceMath.maxDrawdown(new double[] {-10, 5})).isEqualTo(-10.0);
        // cumulative 40, 10, 60, 45, 100: falls of 30 then 15 → −30
        assertThat(PerformanceMath.maxDrawdown(new double[] {40, -30, 50, -15, 55})).isEqualTo(-30.0);
        assertThat(PerformanceMath.maxDrawdown(new double[] {1, 2, 3})).isEqualTo(0.0);
        assertThat(PerformanceMath.maxDrawdown(new double[] {})).isEqualTo(0.0);
        assertThat(1 / PerformanceMath.maxDrawdown(new double[] {0})).as("+0.0, not −0.0").isPositive();
    }

    @Test
    void sharpe_is_mean_over_sample_std_times_root_365_and_null_when_undefined() {
        // mean 2, deviations 1, −1, 3, −3 → Σ² = 20, sample variance 20/3
        assertThat(PerformanceMath.annualisedSharpe(new double[] {3, 1, 5, -1}))
                .isCloseTo(2 / Math.sqrt(20.0 / 3) * Math.sqrt(365), within(1e-12));
        assertThat(PerformanceMath.annualisedSharpe(new double[] {0, 0, 0})).isNull();
        assertThat(PerformanceMath.annualisedSharpe(new double[] {7.1, 7.1, 7.1, 7.1})).isNull();
        assertThat(PerformanceMath.annualisedSharpe(new double[] {5})).isNull();
    }
}
