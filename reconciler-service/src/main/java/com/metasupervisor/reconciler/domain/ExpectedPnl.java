package com.metasupervisor.reconciler.domain;

import com.metasupervisor.streams.check.ArgChecker;

/**
 * What the sim model expected of a call: the newest trained model of the horizon, or zero with no
 * sigma ({@code fallback_zero}) when there is none.
 */
public record ExpectedPnl(double expectedBps, Double sigmaBps, String simVersion) {

    public static final String FALLBACK_VERSION = "fallback_zero";

    public ExpectedPnl {
        ArgChecker.notBlank(simVersion, "simVersion");
    }

    /** @param model the newest trained model of the call's horizon, or null */
    public static ExpectedPnl of(SimModelCoefficients model, double scoreFinal, double confidence) {
        if (model == null) {
            return new ExpectedPnl(0, null, FALLBACK_VERSION);
        }
        return new ExpectedPnl(model.expectedPnlBps(scoreFinal, confidence), model.holdoutRmseBps(), model.version());
    }
}
