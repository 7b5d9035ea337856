package com.metasupervisor.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.demo.latency.ZeroWeightLatency;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyTextTest {

    @Test
    void figuresAreNearestRankPercentiles() {
        List<Double> millis = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            millis.add((double) i);
        }
        assertThat(DemoMain.percentiles(millis)).isEqualTo("p50 50 ms, p99 99 ms, max 100 ms (n = 100)");
        assertThat(DemoMain.percentiles(List.of(7.0))).isEqualTo("p50 7 ms, p99 7 ms, max 7 ms (n = 1)");
        assertThat(DemoMain.percentiles(List.of())).isEqualTo("none");
    }

    @Test
    void theSummaryLineTimesKillsApartFromAllRemovalsAndAnErrorRateKillOnlyFromItsDecision() {
        List<ZeroWeightLatency.Sample> removals = List.of(
                new ZeroWeightLatency.Sample("a", "KILL", 800.0, 500.0),
                new ZeroWeightLatency.Sample("m1", "RETIRE", 50.0, 30.0),
                new ZeroWeightLatency.Sample("f", "KILL", null, 20.0));

        String text = DemoMain.latencyText(removals, 1);

        assertThat(text).contains("trigger row → zero weight: KILL p50 800 ms, p99 800 ms, max 800 ms (n = 1)")
                .contains("; KILL + RETIRE p50 50 ms, p99 800 ms, max 800 ms (n = 2)")
                .contains("decision → zero weight: p50 30 ms, p99 500 ms, max 500 ms (n = 3) (1 not zeroed at the end)");
    }
}
