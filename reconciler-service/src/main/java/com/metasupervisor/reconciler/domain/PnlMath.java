package com.metasupervisor.reconciler.domain;

/** SPEC §3's PnL arithmetic, in basis points. */
public final class PnlMath {

    public static final double BPS = 10_000;

    private PnlMath() {
    }

    /** direction × (exit / entry − 1) × 10 000. */
    public static double realizedPnlBps(int direction, double entryPrice, double exitPrice) {
        if (direction != 1 && direction != -1) {
            throw new IllegalArgumentException("direction must be +1 or -1, was " + direction);
        }
        if (!(entryPrice > 0) || !(exitPrice > 0) || !Double.isFinite(entryPrice) || !Double.isFinite(exitPrice)) {
            throw new IllegalArgumentException("prices must be finite and > 0, were " + entryPrice + " and " + exitPrice);
        }
        return direction * (exitPrice / entryPrice - 1) * BPS;
    }
}
