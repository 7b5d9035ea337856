package com.metasupervisor.allocator.bench;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link AllocatorBenchmarks} with short but sound settings (1 fork, 3 × 1 s warm-up, 5 × 1 s measurement,
 * average time in µs) and prints the results table; an argument is a regular expression of the benchmarks to run.
 */
public final class AllocatorJmh {

    private AllocatorJmh() {
    }

    public static void main(String[] args) throws RunnerException {
        String include = args.length > 0 ? args[0] : AllocatorBenchmarks.class.getName();
        Options options = new OptionsBuilder()
                .include(include)
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1))
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.println("benchmark                 agents     µs/op      ± error");
        for (RunResult r : results) {
            var s = r.getPrimaryResult();
            System.out.printf("%-25s %6s %10.1f %10.1f%n", r.getParams().getBenchmark().replaceAll(".*\\.", ""),
                    r.getParams().getParam("agents"), s.getScore(), s.getScoreError());
        }
    }
}
