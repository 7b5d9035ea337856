package com.metasupervisor.streams.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArgCheckerTest {

    @Test
    void atLeastReturnsAValueAtOrAboveTheBound() {
        assertThat(ArgChecker.atLeast(1, 1, "n")).isEqualTo(1);
        assertThat(ArgChecker.atLeast(1.0, 1, "x")).isEqualTo(1.0);
    }

    @Test
    void atLeastRefusesAValueBelowTheBoundNamingIt() {
        assertThatThrownBy(() -> ArgChecker.atLeast(0, 1, "reconciler.api.max-batch"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("reconciler.api.max-batch must be >= 1, was 0");
        assertThatThrownBy(() -> ArgChecker.atLeast(0.9, 1, "risk.divergence.escalation-factor"))
                .hasMessage("risk.divergence.escalation-factor must be a finite number >= 1.0, was 0.9");
        assertThatThrownBy(() -> ArgChecker.atLeast(Double.NaN, 1, "x")).hasMessage("x must be a finite number >= 1.0, was NaN");
        assertThatThrownBy(() -> ArgChecker.atLeast(Double.POSITIVE_INFINITY, 1, "x")).hasMessageStartingWith("x must be a finite number");
    }
}
