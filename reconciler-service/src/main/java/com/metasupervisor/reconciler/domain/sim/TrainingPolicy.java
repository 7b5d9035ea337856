package com.metasupervisor.reconciler.domain.sim;

import com.metasupervisor.streams.check.ArgChecker;

/**
 * How a horizon's ridge sim model is trained (SPEC §3).
 *
 * @param lambda          ridge penalty on the feature coefficients (the intercept is not penalised)
 * @param minRows         fewer rows than this: no model, {@code insufficient_rows}
 * @param maxRows         train on the newest this-many rows of the horizon
 * @param holdoutFraction time-ordered newest share of the rows kept out of the fit to measure it
 */
public record TrainingPolicy(double lambda, int minRows, int maxRows, double holdoutFraction) {

    /** Fewest rows a fit may use: more than the three parameters (two coefficients and the intercept). */
    static final int MIN_FIT_ROWS = 4;

    public TrainingPolicy {
        ArgChecker.notNegative(lambda, "lambda");
        ArgChecker.fraction(holdoutFraction, "holdoutFraction");
        int smallest = smallestMinRows(holdoutFraction);
        ArgChecker.isTrue(minRows >= smallest,
                "minRows must be >= " + smallest + " for holdoutFraction " + holdoutFraction + ", was " + minRows);
        ArgChecker.isTrue(maxRows >= minRows, "maxRows (" + maxRows + ") must be >= minRows (" + minRows + ")");
    }

    /** The fewest rows that leave {@link #MIN_FIT_ROWS} to fit after holding out {@code holdoutFraction}, and one held out. */
    public static int smallestMinRows(double holdoutFraction) {
        return (int) Math.ceil(MIN_FIT_ROWS / (1 - holdoutFraction)) + 1;
    }
}
