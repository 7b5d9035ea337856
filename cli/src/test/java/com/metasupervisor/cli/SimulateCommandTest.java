package com.metasupervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.simulator.SimulationSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./ms simulate}'s options: usage errors name the option and publish nothing. */
class SimulateCommandTest {

    @Test
    void badOptionsAreUsageErrorsNamingTheOption() {
        assertThat(CommandRun.of("simulate", "--days", "0")).satisfies(r -> {
            assertThat(r.exitCode()).isEqualTo(SimulateCommand.USAGE);
            assertThat(r.err()).contains("--days must be >= 1, was 0");
        });
        assertThat(CommandRun.of("simulate", "--agents", "7").err()).contains("--agents must be >= 12");
        assertThat(CommandRun.of("simulate", "--speed", "fast").err()).contains("speed must be 'max'");
        assertThat(CommandRun.of("simulate", "--tick", "5m").err()).contains("--tick: not an ISO-8601 duration");
        assertThat(CommandRun.of("simulate", "--tick", "PT7M").err()).contains("--tick must be positive and divide a day");
        assertThat(CommandRun.of("simulate", "--days", "0").out()).isEmpty();
    }

    @Test
    void theSpanIsThePastRoundedToTheTick() {
        Instant now = Instant.parse("2026-11-30T09:17:23Z");
        SimulateCommand command = new SimulateCommand(Clock.fixed(now, ZoneOffset.UTC));
        new CommandLine(command).parseArgs("--days", "3", "--agents", "30", "--seed", "7", "--tick", "PT15M");

        SimulationSpec spec = command.simulationSpec(now);

        assertThat(spec.start()).isEqualTo(Instant.parse("2026-11-27T09:15:00Z"));
        assertThat(spec.end()).isBeforeOrEqualTo(now);
        assertThat(spec.seed()).isEqualTo(7);
        assertThat(spec.fleet().agents()).isEqualTo(30);
        assertThat(spec.tick()).isEqualTo(Duration.ofMinutes(15));
    }
}
