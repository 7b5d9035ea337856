package com.metasupervisor.allocator.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void fixedRoundsToTheGivenDecimals() {
        assertThat(Decimals.fixed(0.1234567, 4)).isEqualTo("0.1235");
        assertThat(Decimals.fixed(0.25, 4)).isEqualTo("0.2500");
        assertThat(Decimals.fixed(-12.34, 1)).isEqualTo("-12.3");
        assertThat(Decimals.fixed(-0.00001, 2)).isEqualTo("0.00");
        assertThat(Decimals.fixed(1234.5, 0)).isEqualTo("1235");
        assertThat(Decimals.fixed(0.0009, 3)).isEqualTo("0.001");
        assertThat(Decimals.fixed(Double.NaN, 2)).isEqualTo("NaN");
    }

    @Test
    void compactDropsTrailingZerosAndPercentSaysPercent() {
        assertThat(Decimals.compact(0.150, 4)).isEqualTo("0.15");
        assertThat(Decimals.compact(12.0, 4)).isEqualTo("12");
        assertThat(Decimals.compact(-3.10, 2)).isEqualTo("-3.1");
        assertThat(Decimals.percent(0.25)).isEqualTo("25 %");
        assertThat(Decimals.percent(1.0 / 30)).isEqualTo("3.33 %");
        assertThat(Decimals.percent(0.05)).isEqualTo("5 %");
    }
}
