package com.metasupervisor.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.simulator.SimulationSpec;
import com.metasupervisor.simulator.publish.ReplayProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final SimulationSpec SPEC = SimulationSpec.of(42, 30, 24, START, Duration.ofMinutes(5));

    @Test
    void showsTheSimulatedDayEventRateOpenAlertsAndTheLastAllocation() {
        FleetWatch.Counts counts = new FleetWatch.Counts(10, 10, 5, 3, Map.of(), Map.of(), 2,
                Optional.of(Instant.parse("2026-11-30T09:46:31.864Z")), Optional.of(0.25));

        String line = DemoMain.progressLine(new ReplayProgress(START.plus(Duration.ofHours(36)), 4000, 1234.4), SPEC, counts);

        assertThat(line).startsWith("day   1.5/30 |   1234 events/s | open alerts   3 | last allocation 11-30 09:46:31 cash 0.25");
        assertThat(line).doesNotContain("\n");
    }

    @Test
    void saysSoWhenNoAllocationHasComeYet() {
        FleetWatch.Counts counts = new FleetWatch.Counts(0, 0, 0, 0, Map.of(), Map.of(), 0, Optional.empty(), Optional.empty());

        String line = DemoMain.progressLine(new ReplayProgress(START, 0, 0), SPEC, counts);

        assertThat(line).contains("day   0.0/30").contains("open alerts   0").contains("last allocation none yet");
    }
}
