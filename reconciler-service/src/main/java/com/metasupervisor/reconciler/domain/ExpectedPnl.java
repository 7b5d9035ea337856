package com.metasupervisor.reconciler.domain;

import com.metasupervisor.avro.SimModel;
import com.metasupervisor.avro.SimModelStatus;

/**
 * What the sim model expected of a call: the newest trained model of the horizon, or zero with no
 * sigma ({@code fallback_zero}) when there is none.
 */
public record ExpectedPnl(double expectedBps, Double sigmaBps, String simVersion) {

    public static final String FALLBACK_VERSION = "fallback_zero";

    public static ExpectedPnl of(SimModel model, double scoreFinal, double confidence) {
        if (model == null || model.getStatus() != SimModelStatus.TRAINED
                || model.getCoefScoreFinal() == null || model.getCoefConfidence() == null) {
            return new ExpectedPnl(0, null, FALLBACK_VERSION);
        }
        double expected = model.getIntercept() + model.getCoefScoreFinal() * scoreFinal + model.getCoefConfidence() * confidence;
        return new ExpectedPnl(expected, model.getHoldoutRmseBps(), model.getVersion());
    }

    /** The key of a horizon's model on {@code models.sim}: {@code h1}, {@code h4}, {@code h24}. */
    public static String modelKey(int horizonHours) {
        return com.metasupervisor.schemas.TopicKeys.simModel(horizonHours);
    }
}
