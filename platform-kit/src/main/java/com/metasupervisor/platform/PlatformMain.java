package com.metasupervisor.platform;

import com.metasupervisor.schemas.Topics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./ms run}: brings the platform up on its embedded default, then every built service in a JVM
 * of its own, shows that all are healthy, and keeps them running until Ctrl-C. {@code --check}
 * exits once it has shown that (non-zero if not).
 */
public final class PlatformMain {

    private PlatformMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        boolean checkOnly = List.of(args).contains("--check");
        PrintStream out = System.out;
        out.println("Meta-Supervisor: starting the platform (Kafka broker + Apicurio Registry) ...");
        LocalPlatform platform = LocalPlatform.start();
        PlatformHealth health = PlatformHealth.of(platform);
        out.println(health.describe());
        if (!health.healthy()) {
            platform.close();
            System.exit(1);
        }
        Path home = Path.of(System.getProperty("meta-supervisor.home", ".."));
        List<String> skipped = new ArrayList<>();
        out.println("Starting the services ...");
        ServiceFleet fleet = ServiceFleet.start(home, platform, platform.workDir(), skipped);
        List<String> unhealthy = fleet.awaitHealthy(Duration.ofMinutes(3));
        for (ServiceFleet.Running service : fleet.running()) {
            boolean up = unhealthy.stream().noneMatch(u -> u.startsWith(service.name()));
            out.printf("  %-20s %s  %s%n", service.name(), service.url(), up ? "UP" : "DOWN");
        }
        skipped.forEach(s -> out.println("  (skipped " + s + ")"));
        unhealthy.forEach(u -> out.println("  UNHEALTHY: " + u));
        boolean healthy = unhealthy.isEmpty();
        out.println(healthy ? "HEALTHY" : "UNHEALTHY");
        if (checkOnly || !healthy) {
            fleet.close();
            platform.close();
            System.exit(healthy ? 0 : 1);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fleet.close();
            platform.close();
            stopped.countDown();
        }, "platform-stop"));
        out.println("Running. Agents publish to alpha.events (or POST " + "http://localhost:8081/alpha-events"
                + "); Ctrl-C stops everything and deletes its data.");
        stopped.await();
    }

    /** What an operator wants to see first: both parts answer and every topic is there. */
    record PlatformHealth(String kafka, String registry, Set<String> missingTopics, long startupMillis, boolean registryAnswers) {

        static PlatformHealth of(LocalPlatform platform) {
            Set<String> present = platform.topicNames();
            Set<String> missing = new java.util.TreeSet<>(Topics.allNamesWithDeadLetters());
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
