package com.metasupervisor.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ms run} as a user starts it, on the modules this build has packaged ({@code --no-build}), on a data
 * directory of its own ({@code MS_DATA_DIR}, ports 0): its console opens with the product's own lines only, and
 * SIGTERM to the process the user started stops the services, then the registry, then the broker, says so, and
 * leaves every process it started gone, its data kept and its logs beside.
 */
class MsRunIT {

    private static final int CONSOLE_HEAD = 20;
    /** What a JVM or a library prints when it gets to the console (JDK and logging warnings, SLF4J, Kafka's formatter). */
    private static final List<String> NOISE = List.of("WARNING", "WARN", "SLF4J", "log4j", "Bootstrap metadata",
            "Formatting metadata", "Exception");

    @Test
    void sigtermStopsServicesRegistryAndBrokerInOrderAndKeepsTheData(@TempDir Path data, @TempDir Path runDir) throws IOException {
        Path dataDir = data.toAbsolutePath().normalize();
        try (MsRunProcess run = MsRunProcess.start(dataDir, runDir.toAbsolutePath().normalize())) {
            run.awaitHealthy();
            List<String> console = run.consoleLines();
            long services = run.serviceUrls().size();
            assertThat(services).as("services up").isGreaterThanOrEqualTo(2);
            assertThat(run.children()).as("the broker, the registry and every service, each a process of its own")
                    .hasSizeGreaterThanOrEqualTo((int) services + 2);
            assertThat(console.subList(0, Math.min(CONSOLE_HEAD, console.size())))
                    .as("the first %d lines of the console", CONSOLE_HEAD)
                    .noneMatch(line -> NOISE.stream().anyMatch(line::contains));
            Path tokenFile = dataDir.resolve("credentials/operator.token");
            assertThat(console).as("where the operator credential is, and how to use it")
                    .contains("operator credential: " + tokenFile + " (curl -H \"Authorization: Bearer $(cat " + tokenFile
                            + ")\" http://127.0.0.1:8081/...)");
            String token = run.operatorToken(); // 0600 in a 0700 directory
            String secret = Files.readString(dataDir.resolve("credentials/token-secret")).strip();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("credentials/token-secret"))))
                    .isEqualTo("rw-------");
            assertThat(String.join("\n", console)).as("the console shows neither the token nor the secret")
                    .doesNotContain(token).doesNotContain(secret);

            run.stop();
            assertThat(run.exitValue()).as("exit status after SIGTERM").isEqualTo(128 + 15);
            assertStopLines(run.consoleLines(), dataDir);
            try (Stream<Path> kept = Files.list(dataDir)) {
                assertThat(kept.map(p -> p.getFileName().toString()).toList()).as("what the data directory keeps")
                        .contains("broker", "registry", "services", "installation.properties", "credentials");
            }
            try (Stream<Path> left = Files.list(run.runDir())) {
                assertThat(left.map(p -> p.getFileName().toString()).toList())
                        .as("what the run directory keeps: the logs, and no data")
                        .contains("platform.log", "apicurio-registry.log", "reconciler-service.log", "risk-service.log")
                        .doesNotContain("broker", "registry", "services");
            }
        }
    }

    /**
     * The stop as the console tells it: "stopping ...", the services, the registry and the broker stopped in that
     * order (each with its time), then "stopped; its data kept in {@code dataDir}".
     */
    static void assertStopLines(List<String> console, Path dataDir) {
        int stopping = console.indexOf("Meta-Supervisor: stopping ...");
        assertThat(stopping).as("'Meta-Supervisor: stopping ...' in %s", console).isNotNegative();
        List<String> after = console.subList(stopping + 1, console.size());
        assertThat(after.stream().filter(l -> l.matches("  (services|registry|broker) stopped in \\d+ ms")).toList())
                .as("the stop lines, in order, in %s", after)
                .hasSize(3)
                .satisfies(lines -> {
                    assertThat(lines.get(0)).startsWith("  services stopped in ");
                    assertThat(lines.get(1)).startsWith("  registry stopped in ");
                    assertThat(lines.get(2)).startsWith("  broker stopped in ");
                });
        assertThat(after).as("the last word of the stop")
                .anyMatch(line -> line.startsWith("Meta-Supervisor: stopped; its data kept in " + dataDir));
    }
}
