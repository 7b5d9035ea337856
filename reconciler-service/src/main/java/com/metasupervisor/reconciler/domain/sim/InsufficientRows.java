package com.metasupervisor.reconciler.domain.sim;

import java.time.Instant;
import java.util.Objects;

/**
 * No model: the horizon has fewer reconciled rows than the minimum (SPEC §3, {@code insufficient_rows}).
 *
 * @param horizonHours the horizon in hours
 * @param n            the rows that exist
 * @param required     the rows needed to train
 * @param at           when the training was attempted
 */
public record InsufficientRows(int horizonHours, long n, int required, Instant at) implements TrainingOutcome {

    /** The reason reported for this outcome. */
    public static final String REASON = "insufficient_rows";

    public InsufficientRows {
        if (horizonHours <= 0) {
            throw new IllegalArgumentException("horizonHours must be > 0, was " + horizonHours);
        }
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        if (required <= 0) {
            throw new IllegalArgumentException("required must be > 0, was " + required);
        }
        if (n >= required) {
            throw new IllegalArgumentException("n (" + n + ") is not fewer than required (" + required + ")");
        }
        Objects.requireNonNull(at, "at");
    }

    /** {@value #REASON}. */
    public String reason() {
        return REASON;
    }
}
