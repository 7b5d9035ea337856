package com.metasupervisor.risk.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatisticalTailsTest {

    @Test
    void the_binomial_lower_tail_matches_exact_sums() {
        assertThat(BinomialTail.atMost(3, 10, 0.5)).isCloseTo(176 / 1024.0, within(1e-15));
        assertThat(BinomialTail.atMost(0, 20, 0.16)).isCloseTo(Math.pow(0.84, 20), within(1e-15));
        assertThat(BinomialTail.atMost(1, 3, 0.25)).isCloseTo(27 / 64.0 + 27 / 64.0, within(1e-15));
        assertThat(BinomialTail.atMost(-1, 10, 0.5)).isZero();
        assertThat(BinomialTail.atMost(10, 10, 0.5)).isEqualTo(1);
        assertThat(BinomialTail.atMost(5, 10, 0)).isEqualTo(1);
        assertThat(BinomialTail.atMost(5, 10, 1)).isZero();
    }

    @Test
    void the_binomial_tail_of_a_long_window_neither_underflows_nor_exceeds_one() {
        // (1 − p)^n underflows a double here; the log-space sum does not
        double p = BinomialTail.atMost(900, 2_000, 0.5);
        assertThat(p).isGreaterThan(0).isLessThan(1e-5);
        assertThat(BinomialTail.atMost(1_000, 2_000, 0.5)).isCloseTo(0.5 + 0.0089, within(1e-3));
        assertThat(BinomialTail.atMost(1_999, 2_000, 0.5)).isLessThanOrEqualTo(1);
        assertThatThrownBy(() -> BinomialTail.atMost(1, 2, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_chi_square_upper_tail_matches_tables_and_closed_forms() {
        // 5 % critical values of the tables
        assertThat(ChiSquareTail.atLeast(3.841459, 1)).isCloseTo(0.05, within(1e-6));
        assertThat(ChiSquareTail.atLeast(5.991465, 2)).isCloseTo(0.05, within(1e-6));
        assertThat(ChiSquareTail.atLeast(7.814728, 3)).isCloseTo(0.05, within(1e-6));
        assertThat(ChiSquareTail.atLeast(101.8795, 80)).isCloseTo(0.05, within(1e-5));
        assertThat(ChiSquareTail.atLeast(124.3421, 100)).isCloseTo(0.05, within(1e-5));
        // 1 % of 20 degrees of freedom; k = 2: e^{−x/2}
        assertThat(ChiSquareTail.atLeast(37.56623, 20)).isCloseTo(0.01, within(1e-6));
        assertThat(ChiSquareTail.atLeast(10, 2)).isCloseTo(Math.exp(-5), within(1e-15));
        assertThat(ChiSquareTail.atLeast(0, 5)).isEqualTo(1);
        // a long window: no overflow, a tiny but positive tail
        assertThat(ChiSquareTail.atLeast(4_000, 2_000)).isGreaterThanOrEqualTo(0).isLessThan(1e-100);
        // Wilson–Hilferty: 1 − Φ(√(2 / 9k)) = 0.49579
        assertThat(ChiSquareTail.atLeast(2_000, 2_000)).isCloseTo(0.49579, within(1e-4));
    }
}
