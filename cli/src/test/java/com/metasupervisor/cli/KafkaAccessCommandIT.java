package com.metasupervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.metasupervisor.platform.EmbeddedKafkaBroker;
import com.metasupervisor.platform.kafka.KafkaAccessControl;
import com.metasupervisor.schemas.ServiceCatalog;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./ms kafka-access}: printed from the catalog alone, and applied to a broker that authenticates and authorizes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaAccessCommandIT {

    private final String adminPassword = "admin-pw-" + UUID.randomUUID();
    private final KafkaAccessControl access = KafkaAccessControl.of(ServiceCatalog.standard());
    private EmbeddedKafkaBroker broker;

    @BeforeAll
    void startSecuredBroker() {
        broker = EmbeddedKafkaBroker.startSecured(adminPassword);
    }

    @AfterAll
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void withoutApplyItPrintsEveryBindingFromTheCatalogWithNoBroker() {
        CommandRun run = CommandRun.of("kafka-access", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(KafkaAccessCommand.DONE);
        assertThat(run.out()).contains("User:reconciler-service  WRITE  TOPIC  alpha.reconciled",
                "User:trading-agents  WRITE  TOPIC  alpha.events", "User:schema-registry", "User:admin  super user");
        assertThat(run.out().lines().filter(l -> l.startsWith("User:"))).hasSize(access.bindings().size() + 1);
        assertThat(run.out()).contains(access.bindings().size() + " bindings");
    }

    @Test
    void applyCreatesTheBindingsAndSetsTheCredentialsWithoutPrintingThem(@TempDir Path dir) throws Exception {
        Path config = adminConfig(dir, adminPassword);
        Path passwords = Files.createDirectories(dir.resolve("passwords"));
        String agentsPassword = "agents-pw-" + UUID.randomUUID();
        String riskPassword = "risk-pw-" + UUID.randomUUID();
        Files.writeString(passwords.resolve("trading-agents"), agentsPassword + "\n");
        Files.writeString(passwords.resolve("risk-service"), riskPassword);
        Files.writeString(passwords.resolve("mallory"), "not-a-principal");

        CommandRun run = CommandRun.of("kafka-access", "--apply", "--bootstrap-servers", broker.bootstrapServers(),
                "--command-config", config.toString(), "--passwords-dir", passwords.toString());
        CommandRun again = CommandRun.of("kafka-access", "--apply", "--bootstrap-servers", broker.bootstrapServers(),
                "--command-config", config.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(KafkaAccessCommand.DONE);
        assertThat(again.exitCode()).as("idempotent: " + again.err()).isEqualTo(KafkaAccessCommand.DONE);
        assertThat(run.out()).contains("SCRAM credential set for risk-service", "SCRAM credential set for trading-agents")
                .doesNotContain("SCRAM credential set for mallory");
        assertThat(run.err()).contains("ignored", "mallory");
        for (String secret : new String[] {adminPassword, agentsPassword, riskPassword}) {
            assertThat(run.out() + run.err()).doesNotContain(secret);
        }
        try (Admin admin = Admin.create(broker.adminProperties())) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get()).containsExactlyInAnyOrderElementsOf(access.bindings()));
        }
        // the file's trailing newline is not part of the password: the agents log in with it
        try (Admin agents = Admin.create(broker.clientProperties("trading-agents", agentsPassword))) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(agents.describeCluster().nodes().get()).hasSize(1));
        }
    }

    @Test
    void aRefusedAdminFailsWithoutShowingItsPassword(@TempDir Path dir) throws Exception {
        String wrong = "wrong-pw-" + UUID.randomUUID();

        CommandRun run = CommandRun.of("kafka-access", "--apply", "--bootstrap-servers", broker.bootstrapServers(),
                "--command-config", adminConfig(dir, wrong).toString());

        assertThat(run.exitCode()).isEqualTo(KafkaAccessCommand.FAILED);
        assertThat(run.err()).contains("kafka-access:").doesNotContain(wrong);
    }

    @Test
    void aMissingPasswordsDirectoryFails(@TempDir Path dir) throws Exception {
        CommandRun run = CommandRun.of("kafka-access", "--apply", "--bootstrap-servers", broker.bootstrapServers(),
                "--command-config", adminConfig(dir, adminPassword).toString(), "--passwords-dir", dir.resolve("none").toString());

        assertThat(run.exitCode()).isEqualTo(KafkaAccessCommand.FAILED);
        assertThat(run.err()).contains("is not a directory");
    }

    @Test
    void theOperatorToolsLogInAsTheirPrincipalThroughCommandConfig(@TempDir Path dir) throws Exception {
        Path passwords = Files.createDirectories(dir.resolve("passwords"));
        String opsPassword = "ops-pw-" + UUID.randomUUID();
        Files.writeString(passwords.resolve("ops"), opsPassword);
        CommandRun applied = CommandRun.of("kafka-access", "--apply", "--bootstrap-servers", broker.bootstrapServers(),
                "--command-config", adminConfig(dir, adminPassword).toString(), "--passwords-dir", passwords.toString());
        assertThat(applied.exitCode()).as(applied.err()).isEqualTo(KafkaAccessCommand.DONE);
        try (Admin admin = Admin.create(broker.adminProperties())) {
            admin.createTopics(java.util.List.of(new org.apache.kafka.clients.admin.NewTopic("alerts", 1, (short) 1),
                    new org.apache.kafka.clients.admin.NewTopic("allocations", 1, (short) 1))).all().get();
        }
        Path ops = clientConfig(dir, "ops", opsPassword);

        // ops read the alerts (the catalog says so) and nothing they do not read
        CommandRun alerts = CommandRun.of("export", "alerts", "--output", dir.resolve("alerts.jsonl").toString(),
                "--bootstrap-servers", broker.bootstrapServers(), "--command-config", ops.toString());
        CommandRun allocations = CommandRun.of("export", "allocations", "--output", dir.resolve("allocations.jsonl").toString(),
                "--bootstrap-servers", broker.bootstrapServers(), "--command-config", ops.toString());
        CommandRun plaintext = CommandRun.of("export", "alerts", "--output", dir.resolve("plain.jsonl").toString(),
                "--bootstrap-servers", broker.bootstrapServers());

        assertThat(alerts.exitCode()).as(alerts.err()).isZero();
        assertThat(allocations.exitCode()).as(allocations.out()).isEqualTo(1);
        assertThat(allocations.err()).contains("allocations").containsIgnoringCase("authoriz");
        assertThat(plaintext.exitCode()).as("no login: %s", plaintext.err()).isEqualTo(1);
        for (CommandRun run : java.util.List.of(alerts, allocations, plaintext)) {
            assertThat(run.out() + run.err()).doesNotContain(opsPassword);
        }
        // the file carries only how to log in: any other client setting is a usage error naming it
        Path widened = dir.resolve("widened.properties");
        Files.writeString(widened, Files.readString(ops) + "\nisolation.level=read_uncommitted\n");
        CommandRun refused = CommandRun.of("export", "alerts", "--output", dir.resolve("w.jsonl").toString(),
                "--bootstrap-servers", broker.bootstrapServers(), "--command-config", widened.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("isolation.level is not a Kafka client security setting").doesNotContain(opsPassword);
    }

    /** A principal's client properties file, as an operator keeps it for {@code --command-config}. */
    private Path clientConfig(Path dir, String name, String password) throws IOException {
        Properties props = broker.clientProperties(name, password);
        props.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        Path file = dir.resolve(name + "-" + UUID.randomUUID() + ".properties");
        try (Writer writer = Files.newBufferedWriter(file)) {
            props.store(writer, null);
        }
        return file;
    }

    /** The admin client properties file compose's ACL job mounts. */
    private Path adminConfig(Path dir, String password) throws IOException {
        Properties props = broker.clientProperties(KafkaAccessControl.ADMIN, password);
        props.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        Path file = dir.resolve("admin-" + UUID.randomUUID() + ".properties");
        try (Writer writer = Files.newBufferedWriter(file)) {
            props.store(writer, null);
        }
        return file;
    }
}
