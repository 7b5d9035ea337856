package com.metasupervisor.reconciler.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** SPEC §3 on plain values: realised against expected PnL, the fallback without a model, the strategy class. */
class ReconciliationTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final PricePoint ENTRY = new PricePoint(T0, 100.0);
    private static final PricePoint EXIT = new PricePoint(T0.plusSeconds(3_600), 101.0);

    @Test
    void withoutAModelTheExpectationIsZeroWithNoSigma() {
        Reconciliation r = Reconciliation.of(-1, 0.8, 0.6, ENTRY, EXIT, null);
        assertThat(r.realizedPnlBps()).isCloseTo(-100.0, within(1e-9));
        assertThat(r.expected()).isEqualTo(new ExpectedPnl(0, null, ExpectedPnl.FALLBACK_VERSION));
        assertThat(r.pnlErrorBps()).isCloseTo(-100.0, within(1e-9));
        assertThat(r.absErrorBps()).isCloseTo(100.0, within(1e-9));
        assertThat(r.hit()).isFalse();
    }

    @Test
    void aModelExpectsInterceptPlusWeightedFeaturesAndItsHoldoutErrorIsTheSigma() {
        SimModelCoefficients model = new SimModelCoefficients("ridge_h1_v3", -2, 10, 20, 7.5);
        Reconciliation r = Reconciliation.of(+1, 0.8, 0.6, ENTRY, EXIT, model);
        assertThat(r.expected().expectedBps()).isCloseTo(-2 + 10 * 0.8 + 20 * 0.6, within(1e-9));
        assertThat(r.expected().sigmaBps()).isEqualTo(7.5);
        assertThat(r.expected().simVersion()).isEqualTo("ridge_h1_v3");
        assertThat(r.pnlErrorBps()).isCloseTo(100 - 18.0, within(1e-9));
        assertThat(r.hit()).isTrue();
    }

    @Test
    void pricesAndDirectionAreChecked() {
        assertThatThrownBy(() -> new PricePoint(T0, 0)).hasMessageStartingWith("price");
        assertThatThrownBy(() -> new PricePoint(T0, Double.NaN)).hasMessageStartingWith("price");
        assertThatThrownBy(() -> new PricePoint(null, 1)).hasMessageStartingWith("at");
        assertThatThrownBy(() -> Reconciliation.of(0, 0.8, 0.6, ENTRY, EXIT, null)).hasMessageContaining("direction");
        assertThatThrownBy(() -> new SimModelCoefficients(" ", 0, 0, 0, null)).hasMessageStartingWith("version");
    }

    @Test
    void strategyClassIsTheOverrideElseTheRegisteredElseUnknown() {
        assertThat(StrategyClass.of("arb", "macro")).isEqualTo("arb");
        assertThat(StrategyClass.of(" ", "macro")).isEqualTo("macro");
        assertThat(StrategyClass.of(null, "macro")).isEqualTo("macro");
        assertThat(StrategyClass.of(null, "")).isEqualTo(StrategyClass.UNKNOWN);
        assertThat(StrategyClass.of(null, null)).isEqualTo("unknown");
    }
}
