package com.metasupervisor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.schemas.SchemaRegistration;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable registry (KafkaSQL on a real broker) gives every subject the same id, version and rule after a SIGKILL
 * and after a clean stop: the journal topic is its storage, replayed on every start.
 */
class RegistryKafkaSqlIT {

    /** What a record's reader depends on: the id in its frame, and what a writer's change is checked against. */
    record SubjectState(int id, int version, String compatibility) {
    }

    @Test
    void idsVersionsAndRulesSurviveAKillAndACleanStop(@TempDir Path data) throws Exception {
        // the registry's log is kept for reading after the run
        Path logs = Path.of("target", "registry-kafkasql-it");
        FileTree.delete(logs);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            int port = freePort();
            Path registryDir = data.resolve("registry");

            long t0 = System.nanoTime();
            ApicurioRegistryProcess registry = ApicurioRegistryProcess.startDurable(logs, registryDir, broker.bootstrapServers(), port);
            System.out.printf("registry (KafkaSQL) first start: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            Map<String, SubjectState> before;
            List<SchemaRegistration.Registered> registered;
            try {
                assertThat(registry.port()).isEqualTo(port);
                if (!OwnSession.prefix().isEmpty()) {
                    assertThat(sessionOf(registry.processHandle().pid())).as("leads a session of its own: Ctrl-C misses it")
                            .isEqualTo(registry.processHandle().pid());
                }
                registered = SchemaRegistration.to(registry.settings()).registerCatalog();
                before = states(registry, registered);
                assertThat(before).isNotEmpty();
                assertThat(before.values()).extracting(SubjectState::compatibility).contains("BACKWARD", "FULL_TRANSITIVE");
                assertThatThrownBy(() -> ApicurioRegistryProcess.startDurable(logs, registryDir, broker.bootstrapServers(), port))
                        .isInstanceOf(PlatformException.class)
                        .hasMessageContaining("port " + port + " ")
                        .hasMessageContaining("in use");
                assertThat(journalConfig(broker.bootstrapServers())).as("journal topic created by the registry")
                        .containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "-1")
                        .containsEntry("retention.bytes", "-1");
            } finally {
                registry.kill();
            }
            assertThat(registry.processHandle().isAlive()).isFalse();

            t0 = System.nanoTime();
            registry = ApicurioRegistryProcess.startDurable(logs, registryDir, broker.bootstrapServers(), port);
            System.out.printf("registry (KafkaSQL) start after SIGKILL: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            try {
                assertThat(states(registry, registered)).as("after SIGKILL").isEqualTo(before);
                assertThat(ids(SchemaRegistration.to(registry.settings()).registerCatalog()))
                        .as("registering the catalog again").isEqualTo(ids(registered));
            } finally {
                long stop = System.nanoTime();
                registry.close();
                System.out.printf("registry (KafkaSQL) clean stop: %d ms%n", (System.nanoTime() - stop) / 1_000_000);
            }

            t0 = System.nanoTime();
            registry = ApicurioRegistryProcess.startDurable(logs, registryDir, broker.bootstrapServers(), port);
            System.out.printf("registry (KafkaSQL) start after a clean stop: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            try {
                assertThat(states(registry, registered)).as("after a clean stop").isEqualTo(before);
                assertThat(ids(SchemaRegistration.to(registry.settings()).registerCatalog())).isEqualTo(ids(registered));
            } finally {
                registry.close();
            }
            assertThat(logs.resolve("apicurio-registry.log")).content().contains("KafkaSQL storage bootstrapped");
        }
    }

    private static Map<String, SubjectState> states(ApicurioRegistryProcess registry, List<SchemaRegistration.Registered> registered) {
        RegistryHttp http = new RegistryHttp(registry.settings());
        Map<String, SubjectState> states = new LinkedHashMap<>();
        for (SchemaRegistration.Registered r : registered) {
            String subject = r.subject().name();
            RegistryHttp.Answer latest = http.version(subject, "latest");
            RegistryHttp.Answer rule = http.compatibility(subject);
            assertThat(latest.status()).as("latest version of %s", subject).isEqualTo(200);
            assertThat(rule.status()).as("rule of %s", subject).isEqualTo(200);
            assertThat(http.schemaById(latest.body().get("id").asInt()).status()).as("schema by id of %s", subject).isEqualTo(200);
            states.put(subject, new SubjectState(latest.body().get("id").asInt(), latest.body().get("version").asInt(),
                    rule.body().get("compatibilityLevel").asText()));
        }
        return states;
    }

    private static Map<String, String> journalConfig(String bootstrapServers) throws Exception {
        ConfigResource journal = new ConfigResource(ConfigResource.Type.TOPIC, "kafkasql-journal");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Config config = admin.describeConfigs(List.of(journal)).all().get().get(journal);
            Map<String, String> values = new LinkedHashMap<>();
            config.entries().forEach(e -> values.put(e.name(), e.value()));
            return values;
        }
    }

    private static Map<String, Integer> ids(List<SchemaRegistration.Registered> registered) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        registered.forEach(r -> ids.put(r.subject().name(), r.id()));
        return ids;
    }

    /** The session id in {@code /proc/<pid>/stat}: the fourth field after the command name. */
    private static long sessionOf(long pid) throws IOException {
        String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
