package com.metasupervisor.risk.domain;

import com.metasupervisor.streams.check.ArgChecker;

/**
 * One divergence trigger as evaluated (the Avro {@code AlertTrigger}). Every trigger reads as
 * "value against threshold, larger is worse", so the resolve rule "below resolve-ratio × threshold"
 * means the same thing for all of them.
 *
 * @param name      {@code mean_abs_error}, {@code mean_error}, {@code rmse_spike} or {@code hit_rate_collapse}
 * @param value     observed (bps; for the hit rate: expected hit rate − hit rate)
 * @param threshold where it fires (same unit)
 * @param firing    breached now
 * @param clear     below resolve-ratio × threshold: it does not hold an open alert open
 */
public record AlertTrigger(String name, double value, double threshold, boolean firing, boolean clear) {

    public static final String MEAN_ABS_ERROR = "mean_abs_error";
    public static final String MEAN_ERROR = "mean_error";
    public static final String RMSE_SPIKE = "rmse_spike";
    public static final String HIT_RATE_COLLAPSE = "hit_rate_collapse";

    public AlertTrigger {
        ArgChecker.notBlank(name, "name");
        ArgChecker.finite(value, name + ".value");
        ArgChecker.finite(threshold, name + ".threshold");
        ArgChecker.isTrue(!(firing && clear), name + ": a firing trigger is not clear");
    }
}
