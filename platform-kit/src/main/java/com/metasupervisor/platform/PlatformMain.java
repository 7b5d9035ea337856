package com.metasupervisor.platform;

import com.metasupervisor.schemas.Topics;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./ms run}: brings the platform up on its embedded default, then every built service in a JVM
 * of its own, shows that all are healthy, and keeps them running until Ctrl-C or SIGTERM, which stop
 * every child process and delete the run's data. {@code --check} stops once it has shown that (exit
 * status 0 healthy, 1 not).
 *
 * <p>The console shows only the product's own lines: everything else this JVM writes (its logging, and
 * what libraries print, such as the broker's formatting output) goes to {@code platform.log} in the run
 * directory ({@link RunDirectory}, system property {@code meta-supervisor.run-dir}), beside the
 * registry's and each service's log.
 */
public final class PlatformMain {

    private static final String RUN_DIR_PROPERTY = "meta-supervisor.run-dir";
    private static final String HOME_PROPERTY = "meta-supervisor.home";
    /** Longer than a service's own graceful stop ({@link ServiceProcess#close()}). */
    private static final Duration CHILDREN_STOP_TIMEOUT = Duration.ofSeconds(45);

    private final PrintStream console;
    private final RunDirectory run;
    private LocalPlatform platform;
    private ServiceFleet fleet;
    private boolean stopped;

    private PlatformMain(PrintStream console, RunDirectory run) {
        this.console = console;
        this.run = run;
    }

    public static void main(String[] args) throws InterruptedException {
        boolean checkOnly = List.of(args).contains("--check");
        Path home = Path.of(System.getProperty(HOME_PROPERTY, "..")).toAbsolutePath().normalize();
        PrintStream console = System.out;
        RunDirectory run;
        try {
            run = RunDirectory.claim(Path.of(System.getProperty(RUN_DIR_PROPERTY, home.resolve("target/run").toString())));
            // the run directory may hold java.io.tmpdir (./ms run puts it there): it was just emptied
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (PlatformException | java.io.IOException e) {
            console.println("Meta-Supervisor: " + e.getMessage());
            System.exit(1);
            return;
        }
        PrintStream log = run.newLog("platform");
        System.setOut(log);
        System.setErr(log);

        PlatformMain product = new PlatformMain(console, run);
        // registered first: a stop during start-up stops what has started so far
        Runtime.getRuntime().addShutdownHook(new Thread(product::stop, "platform-stop"));
        console.println("Meta-Supervisor: starting the platform (Kafka broker + Apicurio Registry); logs in " + run.dir());
        boolean healthy;
        try {
            healthy = product.start(home);
        } catch (RuntimeException e) {
            e.printStackTrace(log);
            console.println("Meta-Supervisor could not start: " + e.getMessage());
            console.println("  see " + run.dir().resolve("platform.log"));
            healthy = false;
        }
        if (checkOnly || !healthy) {
            System.exit(healthy ? 0 : 1); // the shutdown hook stops everything
        }
        console.println("Running. Agents publish to alpha.events (or POST http://localhost:8081/alpha-events);"
                + " Ctrl-C stops everything and deletes its data.");
        new CountDownLatch(1).await(); // until the JVM is stopped: the shutdown hook does the rest
    }

    /** Starts the platform and the services; true when all are healthy. */
    private boolean start(Path home) {
        LocalPlatform started = LocalPlatform.start(LocalPlatform.KafkaMode.fromEnvironment(), run.dir());
        synchronized (this) {
            platform = started;
            if (stopped) { // stopped while starting: the hook has run and missed it
                started.close();
                return false;
            }
        }
        PlatformHealth health = PlatformHealth.of(started);
        console.println(health.describe());
        if (!health.healthy()) {
            return false;
        }
        List<String> skipped = new ArrayList<>();
        console.println("Starting the services ...");
        ServiceFleet services = ServiceFleet.start(home, started, run.dir(), skipped);
        synchronized (this) {
            fleet = services;
            if (stopped) {
                services.close();
                return false;
            }
        }
        List<String> unhealthy = services.awaitHealthy(Duration.ofMinutes(3));
        for (ServiceFleet.Running service : services.running()) {
            boolean up = unhealthy.stream().noneMatch(u -> u.startsWith(service.name()));
            console.printf("  %-20s %s  %s%n", service.name(), service.url(), up ? "UP" : "DOWN");
        }
        skipped.forEach(s -> console.println("  (skipped " + s + ")"));
        unhealthy.forEach(u -> console.println("  UNHEALTHY: " + u));
        boolean healthy = unhealthy.isEmpty();
        console.println(healthy ? "HEALTHY" : "UNHEALTHY");
        return healthy;
    }

    /**
     * The shutdown hook: the services first (they commit to the broker as they stop), then the registry
     * and the broker, then the run's data. The child processes' own hooks stop them too, at the same time.
     */
    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        console.println("Meta-Supervisor: stopping ...");
        try {
            if (fleet != null) {
                fleet.close();
            }
        } catch (RuntimeException e) {
            e.printStackTrace(System.err);
        }
        try {
            if (platform != null) {
                platform.close();
            }
        } catch (RuntimeException e) {
            e.printStackTrace(System.err);
        }
        ServiceProcess.awaitChildrenGone(CHILDREN_STOP_TIMEOUT);
        try {
            run.deleteData();
            console.println("Meta-Supervisor: stopped, its data deleted; logs in " + run.dir() + ": "
                    + String.join(", ", run.logs().stream().map(p -> p.getFileName().toString()).toList()));
        } catch (PlatformException e) {
            console.println("Meta-Supervisor: stopped, but " + e.getMessage());
        }
        run.release();
    }

    /** What an operator wants to see first: both parts answer and every topic is there. */
    record PlatformHealth(String kafka, String registry, Set<String> missingTopics, long startupMillis, boolean registryAnswers) {

        static PlatformHealth of(LocalPlatform platform) {
            Set<String> present = platform.topicNames();
            Set<String> missing = new TreeSet<>(Topics.allNamesWithDeadLetters());
            missing.removeAll(present);
            return new PlatformHealth(
                    platform.broker().kind() + " at " + platform.bootstrapServers(),
                    platform.registry().url(),
                    missing,
                    platform.startupTime().toMillis(),
                    RegistryProbe.answers(platform.registry()));
        }

        boolean healthy() {
            return missingTopics.isEmpty() && registryAnswers;
        }

        String describe() {
            int expected = Topics.allNamesWithDeadLetters().size();
            return String.join(System.lineSeparator(),
                    "  Kafka:    " + kafka,
                    "  Registry: " + registry + " (Confluent-compatible API at " + registry + "/apis/ccompat/v7)"
                            + (registryAnswers ? "" : " NOT ANSWERING"),
                    "  Topics:   " + (expected - missingTopics.size()) + "/" + expected + " catalog and dead-letter topics"
                            + (missingTopics.isEmpty() ? "" : ", missing " + missingTopics),
                    "  Started in " + startupMillis + " ms" + (healthy() ? "" : ": UNHEALTHY"));
        }
    }
}
