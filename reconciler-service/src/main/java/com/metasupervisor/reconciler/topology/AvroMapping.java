package com.metasupervisor.reconciler.topology;

import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.avro.SimModel;
import com.metasupervisor.avro.SimModelStatus;
import com.metasupervisor.reconciler.domain.PricePoint;
import com.metasupervisor.reconciler.domain.Reconciliation;
import com.metasupervisor.reconciler.domain.SimModelCoefficients;
import com.metasupervisor.reconciler.domain.StrategyClass;

/** Between the Avro contracts the reconciler reads and writes and its pure-Java domain. */
final class AvroMapping {

    private AvroMapping() {
    }

    /** The call with its strategy class resolved (SPEC §3): its own, else the registry's, else {@code unknown}. */
    static AlphaEvent withStrategyClass(AlphaEvent event, AgentManifest registered) {
        String strategyClass = StrategyClass.of(event.getStrategyClass(), registered == null ? null : registered.getStrategyClass());
        return strategyClass.equals(event.getStrategyClass()) ? event
                : AlphaEvent.newBuilder(event).setStrategyClass(strategyClass).build();
    }

    /** The entry price the call gave, at its emission; null when it gave none. */
    static PricePoint givenEntry(AlphaEvent event) {
        Double given = event.getEntryPrice();
        return given == null ? null : new PricePoint(event.getEmittedAt(), given);
    }

    /** A model that can price calls; null for none, an insufficient_rows report, or one without coefficients. */
    static SimModelCoefficients coefficients(SimModel model) {
        if (model == null || model.getStatus() != SimModelStatus.TRAINED
                || model.getCoefScoreFinal() == null || model.getCoefConfidence() == null) {
            return null;
        }
        return new SimModelCoefficients(model.getVersion(), model.getIntercept(), model.getCoefScoreFinal(),
                model.getCoefConfidence(), model.getHoldoutRmseBps());
    }

    /** The row of {@code alpha.reconciled} for a call (its strategy class resolved) at one horizon. */
    static ReconciledAlpha row(AlphaEvent event, int horizonHours, Reconciliation r) {
        return ReconciledAlpha.newBuilder()
                .setEventId(event.getEventId()).setAgent(event.getAgent()).setStrategyClass(event.getStrategyClass())
                .setSymbol(event.getSymbol()).setRegime(event.getRegime()).setHorizonHours(horizonHours)
                .setEmittedAt(event.getEmittedAt()).setMaturedAt(r.exit().at()).setDirection(event.getDirection())
                .setScoreFinal(event.getScoreFinal()).setConfidence(event.getConfidence())
                .setEntryPrice(r.entry().price()).setExitPrice(r.exit().price()).setRealizedPnlBps(r.realizedPnlBps())
                .setExpectedPnlBps(r.expected().expectedBps()).setExpectedSigmaBps(r.expected().sigmaBps())
                .setPnlErrorBps(r.pnlErrorBps()).setAbsErrorBps(r.absErrorBps())
                .setSimVersion(r.expected().simVersion()).setHit(r.hit())
                .build();
    }
}
