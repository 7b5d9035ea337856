package com.metasupervisor.platform;

import com.metasupervisor.schemas.Topics;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./ms run}: brings the platform up on its embedded default, shows that it is healthy, and
 * keeps it running until Ctrl-C. {@code --check} exits once it has shown that (non-zero if not).
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
        if (checkOnly || !health.healthy()) {
            platform.close();
            System.exit(health.healthy() ? 0 : 1);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            stopped.countDown();
        }, "platform-stop"));
        out.println("Running. Ctrl-C stops it and deletes its data.");
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
                    "  Started in " + startupMillis + " ms",
                    healthy() ? "HEALTHY" : "UNHEALTHY");
        }
    }
}
