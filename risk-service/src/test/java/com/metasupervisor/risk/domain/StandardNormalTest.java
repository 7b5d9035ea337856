package com.metasupervisor.risk.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StandardNormalTest {

    @Test
    void phi_of_0_is_one_half_exactly() {
        assertThat(StandardNormal.cdf(0)).isEqualTo(0.5);
    }

    /** References: 0.5·erfc(−x/√2) (correctly rounded erfc), i.e. 15–16 significant digits. */
    @ParameterizedTest(name = "Φ({0}) = {1}")
    @CsvSource({
            "1.96, 0.9750021048517795",
            "-1, 0.15865525393145707",
            "1, 0.8413447460685429",
            "2, 0.9772498680518208",
            "-2, 0.02275013194817922",
            "3, 0.9986501019683699",
            "-3, 0.0013498980316300957",
            "0.5, 0.6914624612740131",
            "-0.5, 0.3085375387259869",
            "2.5758293035489, 0.995",
            "5, 0.9999997133484281",
            "-5, 2.866515718791946e-07",
            "-8, 6.220960574271819e-16"})
    void phi_matches_reference_values_to_1e_14(double x, double expected) {
        assertThat(StandardNormal.cdf(x)).isCloseTo(expected, within(1e-14));
    }

    @Test
    void phi_is_symmetric_monotone_and_saturates_beyond_the_cutoff() {
        double previous = -1;
        for (double x = -10; x <= 10; x += 0.01) {
            double p = StandardNormal.cdf(x);
            // monotone up to the stated absolute accuracy (far in the tail Φ itself is ~1e-15)
            assertThat(p).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previous - 1e-14);
            assertThat(p + StandardNormal.cdf(-x)).isCloseTo(1.0, within(1e-14));
            previous = p;
        }
        assertThat(StandardNormal.cdf(-StandardNormal.CUTOFF)).isZero();
        assertThat(StandardNormal.cdf(40)).isEqualTo(1.0);
        assertThat(StandardNormal.cdf(Double.NEGATIVE_INFINITY)).isZero();
    }

    @Test
    void nan_is_refused() {
        assertThatThrownBy(() -> StandardNormal.cdf(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
