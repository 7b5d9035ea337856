package com.metasupervisor.reconciler.domain;

import com.metasupervisor.streams.check.ArgChecker;

/**
 * One (event, horizon) reconciled: what the call made against what the sim model expected of it.
 *
 * @param entry          the event's entry price, or the first tick at or after emitted_at
 * @param exit           the first tick at or after emitted_at + horizon; its time is matured_at
 * @param realizedPnlBps direction × (exit / entry − 1) in bps
 * @param expected       the sim model's expectation
 */
public record Reconciliation(PricePoint entry, PricePoint exit, double realizedPnlBps, ExpectedPnl expected) {

    public Reconciliation {
        ArgChecker.notNull(entry, "entry");
        ArgChecker.notNull(exit, "exit");
        ArgChecker.notNull(expected, "expected");
    }

    /**
     * @param direction  +1 long, −1 short
     * @param scoreFinal the call's final score (a model feature)
     * @param confidence the call's confidence (a model feature)
     * @param model      the newest trained model of the horizon, or null
     */
    public static Reconciliation of(int direction, double scoreFinal, double confidence, PricePoint entry, PricePoint exit,
                                    SimModelCoefficients model) {
        return new Reconciliation(entry, exit, PnlMath.realizedPnlBps(direction, entry.price(), exit.price()),
                ExpectedPnl.of(model, scoreFinal, confidence));
    }

    /** realized − expected. */
    public double pnlErrorBps() {
        return realizedPnlBps - expected.expectedBps();
    }

    public double absErrorBps() {
        return Math.abs(pnlErrorBps());
    }

    /** The call made money. */
    public boolean hit() {
        return realizedPnlBps > 0;
    }
}
