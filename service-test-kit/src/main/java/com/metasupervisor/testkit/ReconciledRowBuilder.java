package com.metasupervisor.testkit;

import com.metasupervisor.avro.ReconciledAlpha;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A reconciled row (a record of {@code alpha.reconciled}) as the reconciler writes it, by named fields: one
 * symbol (BTC, long, entry 100), emitted one horizon before it matured, error, abs error, hit and exit price
 * derived from the PnLs as SPEC §3 defines them. Immutable: each setter returns a changed copy, so a test can
 * keep a base row and vary it.
 *
 * <pre>{@code
 * ReconciledAlpha row = reconciledRow().eventId("e1").agent("agent-a").strategy("arb").regime("TREND")
 *         .horizonHours(24).maturedAt(T0).realizedBps(20).expectedBps(0).build();
 * }</pre>
 *
 * @param sigmaBps the model's expected_sigma_bps; null = no sim model priced the row (sim_version fallback_zero)
 */
public record ReconciledRowBuilder(String eventId, String agent, String strategy, String regime, int horizonHours,
                                   Instant maturedAt, double realizedBps, double expectedBps, Double sigmaBps) {

    public ReconciledRowBuilder {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(regime, "regime");
        Objects.requireNonNull(maturedAt, "maturedAt");
        if (horizonHours <= 0) {
            throw new IllegalArgumentException("horizonHours must be > 0, was " + horizonHours);
        }
    }

    /** A row of event {@code e1} of {@code agent-1}, strategy {@code arb}, regime TREND, 24 h, 2026-01-01, PnL 0, no model. */
    public static ReconciledRowBuilder reconciledRow() {
        return new ReconciledRowBuilder("e1", "agent-1", "arb", "TREND", 24, Instant.parse("2026-01-01T00:00:00Z"), 0, 0, null);
    }

    public ReconciledRowBuilder eventId(String eventId) {
        return new ReconciledRowBuilder(eventId, agent, strategy, regime, horizonHours, maturedAt, realizedBps, expectedBps, sigmaBps);
    }

    public ReconciledRowBuilder agent(String agent) {
        return new ReconciledRowBuilder(eventId, agent, strategy, regime, horizonHours, maturedAt, realizedBps, expectedBps, sigmaBps);
    }

    public ReconciledRowBuilder strategy(String strategy) {
        return new ReconciledRowBuilder(eventId, agent, strategy, regime, horizonHours, maturedAt, realizedBps, expectedBps, sigmaBps);
    }

    public ReconciledRowBuilder regime(String regime) {
        return new ReconciledRowBuilder(eventId, agent, strategy, regime, horizonHours, maturedAt, realizedBps, expectedBps, sigmaBps);
    }

    public ReconciledRowBuilder horizonHours(int horizonHours) {
        return new ReconciledRowBuilder(eventId, agent, strategy, regime, horizonHours, maturedAt, realizedBps, expectedBps, sigmaBps);
    }

    public ReconciledRowBuilder maturedAt(Instant maturedAt) {
        return new ReconciledRowBuilder(eventId, agent, strategy, regime, horizonHours, maturedAt, realizedBps, expectedBps, sigmaBps);
    }

    public ReconciledRowBuilder realizedBps(double realizedBps) {
        return new ReconciledRowBuilder(eventId, agent, strategy, regime, horizonHours, maturedAt, realizedBps, expectedBps, sigmaBps);
    }

    public ReconciledRowBuilder expectedBps(double expectedBps) {
        return new ReconciledRowBuilder(eventId, agent, strategy, regime, horizonHours, maturedAt, realizedBps, expectedBps, sigmaBps);
    }

    public ReconciledRowBuilder sigmaBps(Double sigmaBps) {
        return new ReconciledRowBuilder(eventId, agent, strategy, regime, horizonHours, maturedAt, realizedBps, expectedBps, sigmaBps);
    }

    public ReconciledAlpha build() {
        double error = realizedBps - expectedBps;
        return ReconciledAlpha.newBuilder()
                .setEventId(eventId)
                .setAgent(agent)
                .setStrategyClass(strategy)
                .setSymbol("BTC")
                .setRegime(regime)
                .setHorizonHours(horizonHours)
                .setEmittedAt(maturedAt.minus(Duration.ofHours(horizonHours)))
                .setMaturedAt(maturedAt)
                .setDirection(1)
                .setScoreFinal(0.5)
                .setConfidence(0.5)
                .setEntryPrice(100.0)
                .setExitPrice(100.0 * (1 + realizedBps / 10_000))
                .setRealizedPnlBps(realizedBps)
                .setExpectedPnlBps(expectedBps)
                .setExpectedSigmaBps(sigmaBps)
                .setPnlErrorBps(error)
                .setAbsErrorBps(Math.abs(error))
                .setSimVersion(sigmaBps == null ? "fallback_zero" : "ridge_h" + horizonHours + "_v1")
                .setHit(realizedBps > 0)
                .build();
    }
}
