package com.metasupervisor.cli;

import com.metasupervisor.simulator.FleetManifest;
import com.metasupervisor.simulator.FleetSimulation;
import com.metasupervisor.simulator.SimulationRun;
import com.metasupervisor.simulator.SimulationSpec;
import com.metasupervisor.simulator.fleet.FleetSettings;
import com.metasupervisor.simulator.publish.EventSink;
import com.metasupervisor.simulator.publish.FleetReplay;
import com.metasupervisor.simulator.publish.KafkaEventSink;
import com.metasupervisor.simulator.publish.ReplayProgress;
import com.metasupervisor.simulator.publish.ReplaySpeed;
import com.metasupervisor.simulator.publish.ReplayTotals;
import com.metasupervisor.simulator.publish.WallClockWait;
import com.metasupervisor.streams.files.AtomicFileWrite;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ms simulate [--days 30] [--agents 24] [--seed 42] [--speed 8640|max] ...}: a simulated fleet with known truth
 * (SPEC §9) replayed onto {@code market.prices} and {@code alpha.events} of any Kafka cluster and registry. The simulated
 * span is the past (now − days up to now), replayed compressed; the truth it was built from goes to a JSON file.
 */
@Command(name = "simulate",
        description = {"Publishes a simulated fleet (SPEC §9: regime-switching prices, agents of known skill, the demo's scenarios) to",
                "market.prices and alpha.events, deterministic by seed, and writes the truth it used to a JSON file.",
                "The span simulated is the last --days up to now, replayed at --speed simulated seconds per second.",
                "Exit status: 0 published, 1 Kafka, the registry or a file failed, 2 usage."})
final class SimulateCommand implements Callable<Integer> {

    static final int DONE = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Option(names = "--days", paramLabel = "<n>", defaultValue = "30", description = "Simulated days (now ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--agents", paramLabel = "<n>", defaultValue = "24",
            description = "Agents, dealt in turn to the six strategy classes, at least 12 (now ${DEFAULT-VALUE}).")
    int agents;

    @Option(names = "--seed", paramLabel = "<n>", defaultValue = "42", description = "The seed: one seed, one run (now ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--speed", paramLabel = "<x|max>", defaultValue = "8640",
            description = "Simulated seconds per wall second, or max: as fast as the broker takes (now ${DEFAULT-VALUE}: 30 days in 5 minutes).")
    String speed;

    @Option(names = "--tick", paramLabel = "<duration>", defaultValue = "PT5M",
            description = "Time between two prices of a symbol, ISO-8601, dividing a day (now ${DEFAULT-VALUE}).")
    String tick;

    @Option(names = "--truth", paramLabel = "<file>", defaultValue = "truth.json", description = "Where the truth goes (now ${DEFAULT-VALUE}).")
    Path truthFile;

    @Option(names = "--manifest-out", paramLabel = "<file>", description = "Also write the fleet as agents/manifest.yaml text to this file.")
    Path manifestFile;

    @Option(names = "--batch-size", paramLabel = "<n>", defaultValue = "1000", description = "Records per batch sent (now ${DEFAULT-VALUE}).")
    int batchSize;

    @Mixin
    BrokerOptions broker;

    @Spec
    CommandSpec spec;

    private final Clock clock;

    SimulateCommand() {
        this(Clock.systemUTC());
    }

    SimulateCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SimulationSpec simulation;
        ReplaySpeed replaySpeed;
        try {
            replaySpeed = ReplaySpeed.parse(speed);
            simulation = simulationSpec(clock.instant());
            if (batchSize < 1) {
                throw new IllegalArgumentException("--batch-size must be >= 1, was " + batchSize);
            }
        } catch (IllegalArgumentException e) {
            err.println("simulate: " + e.getMessage());
            return USAGE;
        }
        SimulationRun run = FleetSimulation.run(simulation);
        try {
            AtomicFileWrite.replace(truthFile, run.truth().toJson().getBytes(StandardCharsets.UTF_8));
            if (manifestFile != null) {
                AtomicFileWrite.replace(manifestFile, FleetManifest.yaml(run.fleet(), seed).getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            err.println("simulate: writing " + (manifestFile == null ? truthFile : truthFile + " or " + manifestFile) + " failed: " + e.getMessage());
            return FAILED;
        }
        out.printf(Locale.ROOT, "simulate: seed %d, %d agents, %d days from %s to %s, %d events, speed %s%n", seed, agents, days,
                simulation.start(), simulation.end(), run.events().size(), replaySpeed);
        ReplayTotals totals;
        try (KafkaEventSink sink = KafkaEventSink.create(broker.connection(), broker.registry(), "ms-simulate",
                Duration.ofSeconds(30))) {
            FleetReplay replay = new FleetReplay(sink, clock, WallClockWait.sleeping(clock), replaySpeed, batchSize, Duration.ofDays(1),
                    progress -> out.println(progressLine(progress, simulation)));
            totals = replay.replay(run.events());
        } catch (EventSink.EventSinkException | RuntimeException e) {
            err.println("simulate: publishing to " + broker.bootstrapServers + " (registry " + broker.registryUrl + ") failed: " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("simulate: interrupted");
            return FAILED;
        }
        out.printf(Locale.ROOT, "simulate: done: %d price ticks to market.prices, %d alpha events to alpha.events (%d bad) in %.1f s; truth: %s%s%n",
                totals.priceTicks(), totals.alphaEvents(), totals.badEvents(), totals.wallTime().toMillis() / 1000.0,
                truthFile.toAbsolutePath().normalize(),
                manifestFile == null ? "" : "; manifest: " + manifestFile.toAbsolutePath().normalize());
        return DONE;
    }

    /** The spec the options name, ending at or before {@code now}; an IllegalArgumentException naming the option otherwise. */
    SimulationSpec simulationSpec(Instant now) {
        if (days < 1) {
            throw new IllegalArgumentException("--days must be >= 1, was " + days);
        }
        if (agents < FleetSettings.MIN_AGENTS) {
            throw new IllegalArgumentException("--agents must be >= " + FleetSettings.MIN_AGENTS + " (two per strategy class), was " + agents);
        }
        Duration tickDuration;
        try {
            tickDuration = Duration.parse(tick);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--tick: not an ISO-8601 duration (e.g. PT5M): '" + tick + "'");
        }
        if (!tickDuration.isPositive() || Duration.ofDays(1).toMillis() % tickDuration.toMillis() != 0) {
            throw new IllegalArgumentException("--tick must be positive and divide a day, was " + tick);
        }
        return SimulationSpec.of(seed, days, agents, SimulationSpec.startEndingBy(now, days, tickDuration), tickDuration);
    }

    private static String progressLine(ReplayProgress progress, SimulationSpec simulation) {
        double day = Duration.between(simulation.start(), progress.simulatedTime()).toMillis() / 86_400_000d;
        return String.format(Locale.ROOT, "simulate: day %.1f of %d (%s), %d events sent, %.0f events/s", day, simulation.days(),
                progress.simulatedTime(), progress.eventsSent(), progress.eventsPerSecond());
    }
}
