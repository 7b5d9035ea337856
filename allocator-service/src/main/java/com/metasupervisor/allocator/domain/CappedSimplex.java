package com.metasupervisor.allocator.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.util.Arrays;
import java.util.Optional;

/**
 * Exact projection of scores onto [min, max] with Σ = 1 (proportional water-filling, SPEC §5):
 * w_i = clip(t·s_i, min, max) with the smallest t that makes Σw = 1. f(t) = Σ w_i(t) is piecewise linear and
 * nondecreasing; its breakpoints are min/s_i (an agent leaves the floor) and max/s_i (it reaches the cap). Both
 * sequences are ordered by decreasing score, so one sort of the scores gives every breakpoint in order and the
 * piece holding f(t) = 1 is solved exactly: O(n log n), no boxing, no iteration to a tolerance. When no positive
 * score meets a bound (the usual case of a large fleet under a cap), the one linear piece is solved without the sort.
 */
public final class CappedSimplex {

    private CappedSimplex() {
    }

    /**
     * @param scores finite, ≥ 0, in the agents' order (not modified)
     * @param min    floor, 0 ≤ min ≤ max (lowered to 1/n with a warning when n·min > 1)
     * @param max    cap, 0 < max ≤ 1 (when n·max < 1, or too few scores are positive, the rest is cash)
     */
    public static Projection project(double[] scores, double min, double max) {
        ArgChecker.notNull(scores, "scores");
        ArgChecker.inRange(min, 0, 1, "min");
        ArgChecker.inRange(max, 0, 1, "max");
        ArgChecker.isTrue(max > 0, "max must be > 0, was " + max);
        ArgChecker.isTrue(min <= max, "min (" + min + ") must be <= max (" + max + ")");
        int n = scores.length;
        int positive = 0;
        for (double s : scores) {
            if (!(s >= 0 && s < Double.POSITIVE_INFINITY)) { // no message built per score: this loop is the hot path
                throw new IllegalArgumentException("every score must be finite and >= 0, was " + s);
            }
            if (s > 0) {
                positive++;
            }
        }
        double[] weights = new double[n];
        Bound[] bounds = new Bound[n];
        if (n == 0) {
            return new Projection(weights, 1.0, bounds, min, Optional.empty());
        }
        Optional<String> warning = Optional.empty();
        if (n * min > 1) {
            double lowered = 1.0 / n;
            warning = Optional.of("min allocation " + Decimals.fixed(min, 4) + " lowered to 1/n = " + Decimals.fixed(lowered, 4)
                    + ": " + n + " agents × " + Decimals.fixed(min, 4) + " > 1");
            min = lowered;
        }
        double limit = positive * max + (n - positive) * min; // f(∞)
        if (limit <= 1) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                boolean up = scores[i] > 0;
                weights[i] = up ? max : min;
                bounds[i] = up ? Bound.MAX : Bound.MIN;
                sum += weights[i];
            }
            return new Projection(weights, cash(sum), bounds, min, warning);
        }
        double t = level(scores, positive, min, max);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double raw = t * scores[i];
            double w = raw <= min ? min : Math.min(raw, max);
            weights[i] = w;
            bounds[i] = w >= max ? Bound.MAX : (raw <= min ? Bound.MIN : Bound.NONE);
            sum += w;
        }
        return new Projection(weights, cash(sum), bounds, min, warning);
    }

    /** 1 − Σw, with rounding noise (|·| ≤ 1e-12 when Σw should be 1) kept off a negative cash. */
    private static double cash(double sum) {
        return Math.max(0.0, 1.0 - sum);
    }

    /** The smallest t with f(t) = 1, given f(0) = n·min ≤ 1 < f(∞). */
    private static double level(double[] scores, int positive, double min, double max) {
        int n = scores.length;
        if (n * min >= 1) {
            return 0; // every agent at the floor already sums to 1 (min was lowered to 1/n)
        }
        // the common case first, O(n) with no sort: every positive score strictly between the bounds at
        // t = (1 − zeros·min) / Σ positive scores; f rises there (slope Σs > 0), so that t is the only solution
        double total = 0;
        for (double s : scores) {
            total += s;
        }
        double direct = (1 - (n - positive) * min) / total;
        boolean inside = true;
        for (int i = 0; i < n && inside; i++) {
            double s = scores[i];
            inside = s == 0 || (direct * s >= min && direct * s <= max);
        }
        if (inside) {
            return direct;
        }
        double[] sorted = new double[positive];
        int k = 0;
        for (double s : scores) {
            if (s > 0) {
                sorted[k++] = s;
            }
        }
        Arrays.sort(sorted);
        // Walk the breakpoints in increasing t: index i (next to leave the floor) and j (next to reach the cap) both
        // run over the scores from the largest down; the state between breakpoints is atFloor·min + atCap·max + t·free.
        int i = positive - 1;
        int j = positive - 1;
        int atFloor = n;
        int atCap = 0;
        double free = 0;
        while (true) {
            double leave = i >= 0 ? min / sorted[i] : Double.POSITIVE_INFINITY;
            double reach = j >= 0 ? max / sorted[j] : Double.POSITIVE_INFINITY;
            double next = Math.min(leave, reach);
            double atNext = atFloor * min + atCap * max + next * free;
            if (atNext >= 1 || next == Double.POSITIVE_INFINITY) {
                return (1 - atFloor * min - atCap * max) / free;
            }
            if (leave <= reach) {
                atFloor--;
                free += sorted[i--];
            } else {
                atCap++;
                free -= sorted[j--];
            }
        }
    }
}
