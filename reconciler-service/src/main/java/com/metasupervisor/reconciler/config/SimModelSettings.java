package com.metasupervisor.reconciler.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the ridge sim model is trained (SPEC §3), keys under {@code reconciler.model}.
 *
 * @param lambda          ridge penalty on the feature coefficients (the intercept is not penalised)
 * @param minRows         fewer rows than this: no model, {@code insufficient_rows}
 * @param maxRows         train on the newest this-many rows of the horizon
 * @param holdoutFraction time-ordered newest share of the rows kept out of the fit to measure it
 * @param trainInterval   how often the schedule trains every horizon
 */
public record SimModelSettings(double lambda, int minRows, int maxRows, double holdoutFraction, Duration trainInterval) {

    public static final String PREFIX = "reconciler.model.";

    public SimModelSettings {
        Objects.requireNonNull(trainInterval, PREFIX + "train-interval");
        if (!Double.isFinite(lambda) || lambda < 0) {
            throw new IllegalArgumentException(PREFIX + "lambda must be a finite number >= 0, was " + lambda);
        }
        if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
            throw new IllegalArgumentException(PREFIX + "holdout-fraction must be in (0, 1), was " + holdoutFraction);
        }
        // the fit needs more rows than parameters (2 features + intercept), and the holdout at least one
        int smallest = (int) Math.ceil(4 / (1 - holdoutFraction)) + 1;
        if (minRows < smallest) {
            throw new IllegalArgumentException(PREFIX + "min-rows must be >= " + smallest + " for holdout-fraction "
                    + holdoutFraction + ", was " + minRows);
        }
        if (maxRows < minRows) {
            throw new IllegalArgumentException(PREFIX + "max-rows (" + maxRows + ") must be >= " + PREFIX + "min-rows (" + minRows + ")");
        }
        if (trainInterval.isNegative() || trainInterval.isZero()) {
            throw new IllegalArgumentException(PREFIX + "train-interval must be positive, was " + trainInterval);
        }
    }

    /** SPEC §3 defaults: λ 5, at least 250 rows, newest 12 000, last 20 % held out, daily. */
    public static SimModelSettings defaults() {
        return new SimModelSettings(5, 250, 12_000, 0.2, Duration.ofDays(1));
    }
}
