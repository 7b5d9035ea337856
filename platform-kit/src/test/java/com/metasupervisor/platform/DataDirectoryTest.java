package com.metasupervisor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.platform.credentials.AccessTokens;
import com.metasupervisor.platform.credentials.InstallationCredentials;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @Test
    void aSecondClaimFromAnotherJvmIsRefusedNamingTheHolderAndSucceedsOnceTheHolderIsKilled(@TempDir Path dir) throws Exception {
        Process holder = holdInChildJvm(dir);
        try {
            assertThatThrownBy(() -> DataDirectory.claim(dir))
                    .isInstanceOf(PlatformException.class)
                    .hasMessage("another ./ms run is using " + dir.toAbsolutePath().normalize() + " (pid " + holder.pid()
                            + "): stop it first");
        } finally {
            holder.destroyForcibly().waitFor(); // SIGKILL: the kernel releases its lock
        }
        try (DataDirectory data = DataDirectory.claim(dir)) {
            assertThat(Files.readString(dir.resolve(DataDirectory.LOCK)).trim())
                    .isEqualTo(Long.toString(ProcessHandle.current().pid()));
            assertThat(data.brokerDir()).isEqualTo(data.dir().resolve("broker"));
            assertThat(data.registryDir()).isEqualTo(data.dir().resolve("registry"));
            assertThat(data.serviceDir("reconciler-service")).isEqualTo(data.dir().resolve("services/reconciler-service"));
            assertThatThrownBy(() -> data.serviceDir("../escape")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theSameJvmClaimingTwiceIsRefusedAndAClosedClaimCanBeTakenAgain(@TempDir Path dir) {
        try (DataDirectory first = DataDirectory.claim(dir)) {
            assertThatThrownBy(() -> DataDirectory.claim(dir))
                    .hasMessageContaining("(pid " + ProcessHandle.current().pid() + ")");
        }
        DataDirectory.claim(dir).close();
    }

    @Test
    void zeroChoosesAFreePortAndKeepsItAnExplicitPortWinsAndIsKept(@TempDir Path dir) throws Exception {
        DataDirectory.Ports chosen;
        try (DataDirectory data = DataDirectory.claim(dir)) {
            chosen = data.ports(new DataDirectory.Ports(0, 0, 0));
            assertThat(List.of(chosen.kafka(), chosen.controller(), chosen.registry())).allMatch(p -> p > 0).doesNotHaveDuplicates();
            assertThat(data.ports(new DataDirectory.Ports(0, 0, 0))).isEqualTo(chosen);
        }
        try (DataDirectory data = DataDirectory.claim(dir)) {
            assertThat(data.ports(new DataDirectory.Ports(0, 0, 0))).as("kept across claims").isEqualTo(chosen);
            DataDirectory.Ports wanted = data.ports(new DataDirectory.Ports(19092, 0, 18080));
            assertThat(wanted).isEqualTo(new DataDirectory.Ports(19092, chosen.controller(), 18080));
            assertThat(data.ports(new DataDirectory.Ports(0, 0, 0))).isEqualTo(wanted);
        }
        Properties installation = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(DataDirectory.INSTALLATION))) {
            installation.load(in);
        }
        assertThat(installation).containsEntry("layout", "1").containsEntry("kafka.port", "19092")
                .containsEntry("registry.port", "18080").containsKey("created.at");
        assertThatThrownBy(() -> new DataDirectory.Ports(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownLayoutIsRefusedUntilFreshEmptiesIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(DataDirectory.INSTALLATION), "layout=2\nkafka.port=9092\n");
        try (DataDirectory data = DataDirectory.claim(dir)) {
            assertThatThrownBy(() -> data.ports(new DataDirectory.Ports(0, 0, 0))).hasMessageContaining("layout 2");
            data.deleteContents();
            assertThat(data.ports(new DataDirectory.Ports(0, 0, 0)).kafka()).isNotEqualTo(9092).isPositive();
        }
    }

    @Test
    void deleteContentsDeletesAllButTheLockAndListsWhatItDeletedLargestFirst(@TempDir Path dir) throws Exception {
        try (DataDirectory data = DataDirectory.claim(dir)) {
            data.ports(new DataDirectory.Ports(0, 0, 0));
            Files.createDirectories(data.brokerDir().resolve("logs/topic-0"));
            Files.write(data.brokerDir().resolve("logs/topic-0/00000.log"), new byte[300_000]);
            Files.createDirectories(data.serviceDir("risk-service").resolve("state"));
            Files.write(data.serviceDir("risk-service").resolve("state/rocks.sst"), new byte[40_000]);
            long before = data.sizeBytes();

            List<DataDirectory.Deleted> deleted = data.deleteContents();

            assertThat(deleted).extracting(DataDirectory.Deleted::path)
                    .containsExactly(data.brokerDir(), data.dir().resolve("services"), data.dir().resolve(DataDirectory.INSTALLATION));
            assertThat(deleted.get(0).bytes()).isGreaterThanOrEqualTo(300_000);
            assertThat(deleted.get(1).bytes()).isBetween(40_000L, 300_000L);
            assertThat(before).isGreaterThanOrEqualTo(deleted.stream().mapToLong(DataDirectory.Deleted::bytes).sum());
            try (var left = Files.list(dir)) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactly(DataDirectory.LOCK);
            }
            assertThat(deleted.get(0).describe()).matches(java.util.regex.Pattern.quote(data.brokerDir().toString())
                    + " \\(3\\d\\d\\.\\d kB\\)");
        }
    }

    @Test
    void freshDeletesTheCredentialsSoTheNextStartHasANewSecret(@TempDir Path dir) throws Exception {
        try (DataDirectory data = DataDirectory.claim(dir)) {
            Instant now = Instant.parse("2026-11-30T12:00:00Z");
            InstallationCredentials first = InstallationCredentials.ensure(data.credentialsDir(), now);
            assertThat(first.secretFile()).isEqualTo(dir.toAbsolutePath().normalize().resolve("credentials/token-secret"));
            String secret = InstallationCredentials.readSecret(first.secretFile());
            String token = Files.readString(first.operatorTokenFile()).strip();

            assertThat(data.deleteContents()).extracting(DataDirectory.Deleted::path).contains(data.credentialsDir());

            InstallationCredentials next = InstallationCredentials.ensure(data.credentialsDir(), now);
            String newSecret = InstallationCredentials.readSecret(next.secretFile());
            assertThat(newSecret).isNotEqualTo(secret);
            assertThat(InstallationCredentials.verifies(token, newSecret, AccessTokens.OPERATOR, now))
                    .as("a token of the old installation").isFalse();
        }
    }

    @Test
    void sizesReadAsPeopleWriteThem() {
        assertThat(DataDirectory.humanSize(0)).isEqualTo("0 B");
        assertThat(DataDirectory.humanSize(999)).isEqualTo("999 B");
        assertThat(DataDirectory.humanSize(340_000)).isEqualTo("340.0 kB");
        assertThat(DataDirectory.humanSize(999_999)).isEqualTo("1.0 MB");
        assertThat(DataDirectory.humanSize(1_240_000_000L)).isEqualTo("1.2 GB");
    }

    @Test
    void everySizeReadsBackWithinItsRoundingSeeded() {
        java.util.Random random = new java.util.Random(42);
        List<String> units = List.of("B", "kB", "MB", "GB", "TB", "PB", "EB");
        for (int i = 0; i < 2_000; i++) {
            long bytes = random.nextLong(Long.MAX_VALUE) >>> random.nextInt(63);
            String text = DataDirectory.humanSize(bytes);
            String[] parts = text.split(" ");
            assertThat(parts).as(text).hasSize(2);
            double value = Double.parseDouble(parts[0]);
            assertThat(value).as(text).isLessThan(1000);
            double scale = Math.pow(1000, units.indexOf(parts[1]));
            assertThat(units).as(text).contains(parts[1]);
            // one decimal: at most half a tenth of the unit off
            assertThat(Math.abs(value * scale - bytes)).as("%s for %d", text, bytes).isLessThanOrEqualTo(0.05 * scale + 1e-6 * bytes);
        }
    }

    @Test
    void stopOrphansStopsLiveRecordedChildrenServicesFirstAndLeavesDeadOrReusedPidsAlone(@TempDir Path dir) throws Exception {
        Process broker = sleeper();
        Process service = sleeper();
        Process reused = sleeper();
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        try (DataDirectory data = DataDirectory.claim(dir)) {
            data.recordProcess("broker", broker.toHandle());
            data.recordProcess("reconciler-service", service.toHandle());
            data.recordProcess("registry", dead.toHandle());
            data.recordProcess("risk-service", reused.toHandle());
            data.recordProcess("governance-service", service.toHandle());
            data.forgetProcess("governance-service");
            // the pid of "risk-service" now belongs to a process started an hour after ours did
            Properties processes = new Properties();
            try (InputStream in = Files.newInputStream(dir.resolve(DataDirectory.PROCESSES))) {
                processes.load(in);
            }
            assertThat(processes.stringPropertyNames()).doesNotContain("governance-service.pid");
            long reusedStart = Long.parseLong(processes.getProperty("risk-service.start"));
            processes.setProperty("risk-service.start", Long.toString(reusedStart - Duration.ofHours(1).toMillis()));
            try (var out = Files.newOutputStream(dir.resolve(DataDirectory.PROCESSES))) {
                processes.store(out, null);
            }

            List<String> stopped = data.stopOrphans(Duration.ofSeconds(10));

            assertThat(stopped).containsExactly(
                    "stopped reconciler-service (pid " + service.pid() + ") left running by a run that was killed",
                    "stopped the broker (pid " + broker.pid() + ") left running by a run that was killed");
            assertThat(broker.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(service.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(reused.isAlive()).as("a reused pid is not ours").isTrue();
            assertThat(data.stopOrphans(Duration.ofSeconds(1))).as("nothing recorded any more").isEmpty();
        } finally {
            for (Process p : List.of(broker, service, reused)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void aChildIgnoringSigtermIsKilledAfterTheTimeout(@TempDir Path dir) throws Exception {
        Process stubborn = new ProcessBuilder("sh", "-c", "trap '' TERM; echo trapped; while :; do sleep 1; done").start();
        try (DataDirectory data = DataDirectory.claim(dir);
             BufferedReader out = new BufferedReader(new InputStreamReader(stubborn.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("trapped");
            data.recordProcess("registry", stubborn.toHandle());

            List<String> stopped = data.stopOrphans(Duration.ofSeconds(1));

            assertThat(stopped).containsExactly("stopped the registry (pid " + stubborn.pid()
                    + ") left running by a run that was killed (SIGKILL after 1 s)");
            assertThat(stubborn.isAlive()).isFalse();
        } finally {
            stubborn.destroyForcibly().waitFor();
        }
    }

    private static Process sleeper() throws IOException {
        return new ProcessBuilder("sleep", "300").start();
    }

    /** A child JVM that claims {@code dir}; returns once it said so. */
    private static Process holdInChildJvm(Path dir) throws IOException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DataDirectoryHolder.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String first = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(first).as("the child JVM's first line").startsWith("claimed ");
        return child;
    }
}
