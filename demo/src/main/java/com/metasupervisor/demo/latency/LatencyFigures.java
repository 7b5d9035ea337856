package com.metasupervisor.demo.latency;

import com.metasupervisor.streams.check.ArgChecker;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Nearest-rank percentiles of a set of latencies in milliseconds. */
public record LatencyFigures(int n, double p50Millis, double p99Millis, double maxMillis) {

    public LatencyFigures {
        ArgChecker.positive(n, "n");
        ArgChecker.isTrue(p50Millis <= p99Millis && p99Millis <= maxMillis, "p50 <= p99 <= max");
    }

    /** The figures of {@code millis}; empty when there are none. */
    public static Optional<LatencyFigures> of(List<Double> millis) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Optional.empty();
        }
        return Optional.of(new LatencyFigures(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]));
    }

    private static double rank(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    public String text() {
        return String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms, max %.0f ms (n = %d)", p50Millis, p99Millis, maxMillis, n);
    }
}
