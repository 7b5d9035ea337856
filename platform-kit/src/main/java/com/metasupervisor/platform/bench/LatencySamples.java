package com.metasupervisor.platform.bench;

import java.util.Collection;
import java.util.Objects;

/**
 * Latencies measured by a benchmark (nanoseconds), printed as nearest-rank percentiles in milliseconds: one line,
 * {@code <what>: n=…  p50 …  p99 …  p99.9 …  max …}, a percentile shown "n/a" while there are too few samples for it to
 * differ from the max.
 *
 * @param what        what was timed, e.g. "row -> KILLED on agent-status"
 * @param sortedNanos the samples, ascending
 */
public record LatencySamples(String what, long[] sortedNanos) {

    public LatencySamples {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(sortedNanos, "sortedNanos");
    }

    /** The samples of {@code nanos}, in any order. */
    public static LatencySamples of(String what, Collection<Long> nanos) {
        return new LatencySamples(what, nanos.stream().mapToLong(Long::longValue).sorted().toArray());
    }

    /** The nearest-rank {@code p}-th percentile in ns (with few samples, the max); Long.MAX_VALUE without samples. */
    public long percentileNanos(double p) {
        if (sortedNanos.length == 0) {
            return Long.MAX_VALUE;
        }
        int rank = (int) Math.ceil(p / 100 * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)];
    }

    /** As printed: n/a while there are too few samples for the percentile to differ from the max. */
    private String shown(double p) {
        return sortedNanos.length < Math.round(100 / (100 - p)) ? String.format("%10s", "n/a")
                : String.format("%7.1f ms", percentileNanos(p) / 1e6);
    }

    @Override
    public String toString() {
        if (sortedNanos.length == 0) {
            return String.format("%-48s no samples", what + ":");
        }
        return String.format("%-48s n=%,6d  p50 %s  p99 %s  p99.9 %s  max %7.1f ms", what + ":", sortedNanos.length, shown(50),
                shown(99), shown(99.9), sortedNanos[sortedNanos.length - 1] / 1e6);
    }
}
