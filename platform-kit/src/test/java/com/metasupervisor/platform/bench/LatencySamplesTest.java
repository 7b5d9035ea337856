package com.metasupervisor.platform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencySamplesTest {

    @Test
    void percentilesAreNearestRankAndShownOnlyWithEnoughSamples() {
        List<Long> nanos = new ArrayList<>(LongStream.rangeClosed(1, 200).map(ms -> ms * 1_000_000).boxed().toList());
        java.util.Collections.shuffle(nanos, new java.util.Random(7));
        LatencySamples samples = LatencySamples.of("row -> KILLED", nanos);

        assertThat(samples.percentileNanos(50)).isEqualTo(100_000_000L);
        assertThat(samples.percentileNanos(99)).isEqualTo(198_000_000L);
        assertThat(samples.toString()).startsWith("row -> KILLED:").contains("n=   200", "p50   100.0 ms", "p99   198.0 ms",
                "p99.9        n/a", "max   200.0 ms");
        assertThat(LatencySamples.of("few", List.of(5_000_000L)).percentileNanos(99)).isEqualTo(5_000_000L);
        assertThat(LatencySamples.of("none", List.of()).percentileNanos(99)).isEqualTo(Long.MAX_VALUE);
        assertThat(LatencySamples.of("none", List.of()).toString()).endsWith("no samples");
    }
}
