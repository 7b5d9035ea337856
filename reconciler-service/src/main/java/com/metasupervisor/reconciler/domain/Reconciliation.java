package com.metasupervisor.reconciler.domain;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.avro.SimModel;

/** One (event, horizon) reconciled: what the call made against what the sim model expected of it. */
public final class Reconciliation {

    private Reconciliation() {
    }

    /**
     * @param event         the validated call
     * @param strategyClass the event's override, else the registry's class, else {@code unknown}
     * @param entry         the event's entry price, or the first tick at or after emitted_at
     * @param exit          the first tick at or after emitted_at + horizon; its time is matured_at
     * @param model         the newest model of this horizon, or null
     */
    public static ReconciledAlpha reconcile(AlphaEvent event, String strategyClass, int horizonHours,
                                            PricePoint entry, PricePoint exit, SimModel model) {
        double realized = PnlMath.realizedPnlBps(event.getDirection(), entry.price(), exit.price());
        ExpectedPnl expected = ExpectedPnl.of(model, event.getScoreFinal(), event.getConfidence());
        double error = realized - expected.expectedBps();
        return ReconciledAlpha.newBuilder()
                .setEventId(event.getEventId())
                .setAgent(event.getAgent())
                .setStrategyClass(strategyClass)
                .setSymbol(event.getSymbol())
                .setRegime(event.getRegime())
                .setHorizonHours(horizonHours)
                .setEmittedAt(event.getEmittedAt())
                .setMaturedAt(exit.at())
                .setDirection(event.getDirection())
                .setScoreFinal(event.getScoreFinal())
                .setConfidence(event.getConfidence())
                .setEntryPrice(entry.price())
                .setExitPrice(exit.price())
                .setRealizedPnlBps(realized)
                .setExpectedPnlBps(expected.expectedBps())
                .setExpectedSigmaBps(expected.sigmaBps())
                .setPnlErrorBps(error)
                .setAbsErrorBps(Math.abs(error))
                .setSimVersion(expected.simVersion())
                .setHit(realized > 0)
                .build();
    }
}
