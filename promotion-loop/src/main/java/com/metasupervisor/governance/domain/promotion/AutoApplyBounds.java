package com.metasupervisor.governance.domain.promotion;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Where bounded_auto may move one kind of value (SPEC §6): into [min, max], at most {@code maxStep} per cycle from
 * the current live value. Decimal arithmetic so that 0.1-steps land on 0.3, not 0.30000000000000004.
 * The range must be a whole number of steps, so that every bound is reachable by full steps.
 *
 * @param name what the bounds are for (a settings key prefix), used in messages
 */
public record AutoApplyBounds(String name, BigDecimal min, BigDecimal max, BigDecimal maxStep) {

    public AutoApplyBounds {
        if (min == null || max == null || maxStep == null) {
            throw new IllegalArgumentException(name + ": min, max and max-step are required");
        }
        if (min.compareTo(max) >= 0) {
            throw new IllegalArgumentException(name + "-min (" + min + ") must be below " + name + "-max (" + max + ")");
        }
        if (maxStep.signum() <= 0) {
            throw new IllegalArgumentException(name + "-max-step must be > 0, was " + maxStep);
        }
        BigDecimal range = max.subtract(min);
        if (range.remainder(maxStep).signum() != 0) {
            throw new IllegalArgumentException(name + ": range [" + min.toPlainString() + ", " + max.toPlainString()
                    + "] is not reachable in whole steps of " + name + "-max-step " + maxStep.toPlainString());
        }
    }

    /** From configured doubles, read through their shortest decimal text (0.1 stays 0.1). */
    public static AutoApplyBounds of(String name, double min, double max, double maxStep) {
        return new AutoApplyBounds(name, decimal(min, name + "-min"), decimal(max, name + "-max"),
                decimal(maxStep, name + "-max-step"));
    }

    private static BigDecimal decimal(double value, String key) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(key + " must be finite, was " + value);
        }
        return BigDecimal.valueOf(value);
    }

    /** Number of whole steps from min to max. */
    public int steps() {
        return max.subtract(min).divide(maxStep, 0, RoundingMode.UNNECESSARY).intValueExact();
    }

    public boolean contains(BigDecimal value) {
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }

    /**
     * The next live value from {@code current} toward {@code requested}: requested clamped into [min, max], then
     * at most one max-step away from current. Null when current is so far outside the range that one step cannot
     * land inside it (the caller reports it instead of writing an out-of-bounds value).
     */
    public BigDecimal nextValue(BigDecimal current, BigDecimal requested) {
        BigDecimal goal = requested.max(min).min(max);
        BigDecimal delta = goal.subtract(current);
        if (delta.abs().compareTo(maxStep) > 0) {
            delta = delta.signum() > 0 ? maxStep : maxStep.negate();
        }
        BigDecimal next = current.add(delta).stripTrailingZeros();
        return contains(next) ? next : null;
    }
}
