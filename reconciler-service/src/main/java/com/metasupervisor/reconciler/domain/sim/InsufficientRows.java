package com.metasupervisor.reconciler.domain.sim;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Instant;

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
        ArgChecker.positive(horizonHours, "horizonHours");
        ArgChecker.notNegative(n, "n");
        ArgChecker.positive(required, "required");
        ArgChecker.isTrue(n < required, "n (" + n + ") is not fewer than required (" + required + ")");
        ArgChecker.notNull(at, "at");
    }

    /** {@value #REASON}. */
    public String reason() {
        return REASON;
    }
}
