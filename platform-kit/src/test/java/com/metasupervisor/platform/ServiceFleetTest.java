package com.metasupervisor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.metasupervisor.platform.credentials.InstallationCredentials;
import com.metasupervisor.schemas.ServiceCatalog;
import com.metasupervisor.schemas.ServiceDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet trusts a service's state checkpoints only after a clean stop: a service that was killed (or crashed)
 * starts with its checkpoints deleted, so Kafka Streams restores its stores from the changelogs; one that stopped on
 * SIGTERM in time keeps them. Real child processes ({@link IdleService}).
 */
class ServiceFleetTest {

    @TempDir
    Path dir;

    @Test
    void aServiceKeepsItsCheckpointsAfterACleanStopAndLosesThemAfterAKill() throws IOException {
        ServiceFleet.Launch launch = new ServiceFleet.Launch(idle(ServiceCatalog.standard().services().getFirst()),
                System.getProperty("java.class.path"));
        ServiceFleet.Plan plan = new ServiceFleet.Plan(List.of(launch), List.of());
        Path services = dir.resolve("services");
        Path checkpoint = launch.stateDir(services).resolve("0_1/.checkpoint");
        Path marker = services.resolve(launch.service().name()).resolve(ServiceFleet.CLEAN_STOP);
        ServiceFleet.Addresses nowhere = new ServiceFleet.Addresses("127.0.0.1:1", "http://127.0.0.1:1");

        write(checkpoint); // a first start finds state it has no marker for: a crashed earlier run
        InstallationCredentials credentials = InstallationCredentials.ensure(dir.resolve("credentials"), Instant.now());
        ServiceFleet first = ServiceFleet.start(plan, nowhere, services, dir, credentials, Map.of());
        assertThat(checkpoint).as("checkpoint of a run that did not stop cleanly").doesNotExist();
        write(checkpoint); // Streams writes them as it closes cleanly
        first.close();
        assertThat(marker).as("marker after SIGTERM ended it in time").exists();

        ServiceFleet second = ServiceFleet.start(plan, nowhere, services, dir, credentials, Map.of());
        try {
            assertThat(checkpoint).as("checkpoint after a clean stop").exists();
            assertThat(marker).as("marker while it runs").doesNotExist();
            second.running().getFirst().process().kill();
            ServiceFleet.Running restarted = second.restart(launch.service().name());
            assertThat(restarted.process().isAlive()).isTrue();
            assertThat(checkpoint).as("checkpoint after a SIGKILL").doesNotExist();
            assertThat(second.running()).containsExactly(restarted);
        } finally {
            second.close();
        }
    }

    @Test
    void everyServiceGetsThePathsOfTheTokenSecretAndTheRevokedTokensInItsEnvironment() throws IOException {
        ServiceFleet.Launch launch = new ServiceFleet.Launch(idle(ServiceCatalog.standard().services().getFirst()),
                System.getProperty("java.class.path"));
        Path report = dir.resolve("environment.txt");
        InstallationCredentials credentials = InstallationCredentials.ensure(dir.resolve("credentials"), Instant.now());
        ServiceFleet fleet = ServiceFleet.start(new ServiceFleet.Plan(List.of(launch), List.of()),
                new ServiceFleet.Addresses("127.0.0.1:1", "http://127.0.0.1:1"), dir.resolve("services"), dir, credentials,
                Map.of(launch.service().name(), Map.of(IdleService.ENVIRONMENT_FILE, report.toString())));
        try {
            await("the stand-in's report of its environment").atMost(Duration.ofSeconds(30))
                    .until(() -> Files.exists(report));
            assertThat(Files.readString(report)).isEqualTo("MS_TOKEN_SECRET_FILE=" + dir.resolve("credentials/token-secret").toAbsolutePath()
                    + "\nMS_TOKEN_SECRET set=false\nMS_REVOKED_TOKENS_FILE=" + dir.resolve("credentials/revoked-tokens").toAbsolutePath() + "\n");
        } finally {
            fleet.close();
        }
    }

    private static ServiceDefinition idle(ServiceDefinition real) {
        return new ServiceDefinition(real.name(), real.port(), real.applicationId(), IdleService.class.getName(),
                real.envPrefix(), real.benchmark(), real.runConfig(), real.reads(), real.writes());
    }

    private static void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "0\n");
    }
}
