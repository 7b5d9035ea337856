package com.metasupervisor.risk.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.util.Locale;

/**
 * One divergence trigger as evaluated (the Avro {@code AlertTrigger}). Every trigger reads as
 * "value against threshold, larger is worse", so the resolve rule "below resolve-ratio × threshold"
 * means the same thing for all of them. A trigger with a significance test fires only when the value
 * reaches the threshold and the test's p-value is below its significance level.
 *
 * @param name         {@code mean_abs_error}, {@code mean_error}, {@code rmse_spike} or {@code hit_rate_collapse}
 * @param value        observed (bps; for the hit rate: expected hit rate − hit rate)
 * @param threshold    where it fires (same unit)
 * @param firing       breached now
 * @param clear        below resolve-ratio × threshold: it does not hold an open alert open
 * @param pValue       the significance test's p-value; null for a trigger without one
 * @param significance the level the p-value must be below to fire; null exactly when pValue is
 * @param cusum        the trigger's CUSUM statistic when it has one (hit-rate collapse), else null
 * @param cusumLimit   where the CUSUM decides; null exactly when cusum is
 */
public record AlertTrigger(String name, double value, double threshold, boolean firing, boolean clear,
        Double pValue, Double significance, Double cusum, Double cusumLimit) {

    public static final String MEAN_ABS_ERROR = "mean_abs_error";
    public static final String MEAN_ERROR = "mean_error";
    public static final String RMSE_SPIKE = "rmse_spike";
    public static final String HIT_RATE_COLLAPSE = "hit_rate_collapse";

    /** Significant digits a figure is printed with, at least: more when fewer would print value and threshold alike. */
    static final int DIGITS = 4;

    public AlertTrigger {
        ArgChecker.notBlank(name, "name");
        ArgChecker.finite(value, name + ".value");
        ArgChecker.finite(threshold, name + ".threshold");
        ArgChecker.isTrue(!(firing && clear), name + ": a firing trigger is not clear");
        ArgChecker.isTrue((pValue == null) == (significance == null), name + ": pValue and significance come together");
        ArgChecker.isTrue(pValue == null || (pValue >= 0 && pValue <= 1), name + ": pValue must be in [0, 1], was " + pValue);
        ArgChecker.isTrue((cusum == null) == (cusumLimit == null), name + ": cusum and cusumLimit come together");
    }

    /** A trigger with a significance test and no CUSUM. */
    public AlertTrigger(String name, double value, double threshold, boolean firing, boolean clear,
                        Double pValue, Double significance) {
        this(name, value, threshold, firing, clear, pValue, significance, null, null);
    }

    /** A trigger without a significance test. */
    public AlertTrigger(String name, double value, double threshold, boolean firing, boolean clear) {
        this(name, value, threshold, firing, clear, null, null, null, null);
    }

    /**
     * For a human, with the precision that decided it: "hit_rate_collapse 0.1520 >= 0.1500 (p = 3.2e-05 < 1e-04)".
     * Value and threshold take 4 significant digits, more when 4 would print two different numbers alike.
     */
    public String describe() {
        int digits = DIGITS;
        while (digits < 17 && value != threshold && format(value, digits).equals(format(threshold, digits))) {
            digits++;
        }
        String relation = value >= threshold ? ">=" : "<";
        String out = name + " " + format(value, digits) + " " + relation + " " + format(threshold, digits);
        boolean cusumDecided = cusum != null && cusum >= cusumLimit && (pValue == null || pValue >= significance);
        if (cusumDecided) {
            // the window's test did not decide: the evidence accumulated over more rows did
            out += " (CUSUM " + format(cusum, DIGITS) + " >= " + format(cusumLimit, DIGITS)
                    + (pValue == null ? "" : String.format(Locale.ROOT, "; window p = %.2g", pValue)) + ")";
        } else if (pValue != null) {
            out += String.format(Locale.ROOT, " (p = %.2g %s %.2g)", pValue, pValue < significance ? "<" : ">=", significance);
        }
        return out;
    }

    private static String format(double x, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "g", x);
    }
}
