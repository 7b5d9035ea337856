package com.metasupervisor.risk.domain;

/** Arithmetic on epoch milliseconds as the windows keep their clocks. */
final class EpochMillis {

    /** Marks an absent time (an empty window has no clock, an agent without rows no last_matured_at). */
    static final long NONE = Long.MIN_VALUE;

    private EpochMillis() {
    }

    /** t − d, saturating instead of overflowing (the clock of an empty window is {@link #NONE}). */
    static long minus(long t, long d) {
        long r = t - d;
        return ((t ^ d) & (t ^ r)) < 0 ? Long.MIN_VALUE : r;
    }
}
