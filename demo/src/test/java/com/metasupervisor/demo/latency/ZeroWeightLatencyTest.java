package com.metasupervisor.demo.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZeroWeightLatencyTest {

    private static final long MS = 1_000_000L;

    @Test
    void aKillIsTimedFromTheAgentsLastRowToTheFirstSnapshotWithoutIt() {
        ZeroWeightLatency latency = new ZeroWeightLatency(24);
        latency.snapshot(Map.of("a", 0.2, "b", 0.3), 0);
        latency.row("a", "arb", 24, 100 * MS);
        latency.row("a", "arb", 4, 150 * MS); // another horizon: not what governance judges
        latency.decision("a", "KILL", List.of("kill_drawdown: drawdown -510 bps"), 400 * MS);
        latency.snapshot(Map.of("a", 0.2, "b", 0.3), 500 * MS); // not yet zero
        assertThat(latency.pending()).isEqualTo(1);
        latency.snapshot(Map.of("b", 0.5), 900 * MS);

        assertThat(latency.samples()).containsExactly(new ZeroWeightLatency.Sample("a", "KILL", 800.0, 500.0));
        assertThat(latency.pending()).isZero();
    }

    @Test
    void aRetirementOfADisabledClassIsTimedFromTheClasssNewestRowAndAnErrorRateKillFromItsDecisionOnly() {
        ZeroWeightLatency latency = new ZeroWeightLatency(24);
        latency.snapshot(Map.of("m1", 0.2, "m2", 0.2, "f", 0.1), 0);
        latency.row("m1", "macro", 24, 10 * MS);
        latency.row("m2", "macro", 24, 30 * MS);
        latency.decision("m1", "RETIRE", List.of("retire_class_disabled: macro is DISABLED"), 50 * MS);
        latency.decision("f", "KILL", List.of("kill_error_rate: error rate 0.3 > 0.15"), 60 * MS);
        latency.decision("m2", "PROMOTE", List.of("promote: ..."), 60 * MS); // not a removal
        latency.snapshot(Map.of("m2", 0.2), 80 * MS);

        assertThat(latency.samples()).containsExactlyInAnyOrder(
                new ZeroWeightLatency.Sample("m1", "RETIRE", 50.0, 30.0),
                new ZeroWeightLatency.Sample("f", "KILL", null, 20.0));
    }

    @Test
    void aZeroSeenInThePollBeforeItsDecisionCountsFromWhenItWasSeenAndAnAgentWithoutWeightIsNotMeasured() {
        ZeroWeightLatency latency = new ZeroWeightLatency(24);
        latency.snapshot(Map.of("a", 0.2), 0);
        latency.row("a", "arb", 24, 100 * MS);
        latency.snapshot(Map.of(), 300 * MS); // records of one poll, in another topic's order
        latency.decision("a", "KILL", List.of("kill_drawdown: ..."), 300 * MS);
        latency.decision("ghost", "RETIRE", List.of("retire_performance: ..."), 300 * MS);

        assertThat(latency.samples()).containsExactly(new ZeroWeightLatency.Sample("a", "KILL", 200.0, 0));
        assertThat(latency.pending()).isZero();
    }
}
