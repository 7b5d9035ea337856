package com.metasupervisor.allocator;

import com.metasupervisor.allocator.bench.AllocatorJmh;
import java.util.Arrays;

/**
 * Not a test: what {@code ./ms bench allocator [args]} runs (issue 11 acceptance 6).
 * <ul>
 *   <li>no argument: the JMH benchmarks ({@link AllocatorJmh}: the projection and a full evaluation of every policy for
 *       10, 1 000 and 10 000 agents), then the latency benchmark on a real broker ({@link AllocatorLatencyBenchmark});</li>
 *   <li>{@code jmh [regex of the benchmarks]}: the JMH part only;</li>
 *   <li>{@code latency [trials] [streams key=value ...]}: the latency part only.</li>
 * </ul>
 */
public final class AllocatorBenchmark {

    /** The argument that runs the JMH part alone. */
    public static final String JMH = "jmh";

    private AllocatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String[] words = Arrays.stream(String.join(" ", args).strip().split("\\s+")).filter(w -> !w.isBlank()).toArray(String[]::new);
        if (AllocatorLatencyBenchmark.isRequested(words)) {
            AllocatorLatencyBenchmark.main(words);
            return;
        }
        if (words.length > 0 && words[0].equals(JMH)) {
            AllocatorJmh.main(Arrays.copyOfRange(words, 1, words.length));
            return;
        }
        if (words.length > 0) {
            throw new IllegalArgumentException("./ms bench allocator takes nothing, '" + JMH + " [regex]' or '"
                    + AllocatorLatencyBenchmark.ARGUMENT + " [trials] [key=value ...]', not: " + String.join(" ", words));
        }
        AllocatorJmh.main(new String[0]);
        AllocatorLatencyBenchmark.main(new String[0]); // JMH measured in a forked JVM: this one starts the broker only now
    }
}
