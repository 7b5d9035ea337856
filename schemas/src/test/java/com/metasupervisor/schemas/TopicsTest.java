package com.metasupervisor.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.avro.AlphaEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicsTest {

    @Test
    void compactedTopicsAreExactlyThoseTheSpecSaysAreCompacted() {
        Set<String> compacted = Topics.all().stream().filter(t -> t.cleanup() == CleanupPolicy.COMPACT)
                .map(Topic::name).collect(Collectors.toSet());
        assertThat(compacted).containsExactlyInAnyOrder(
                "agents.registry", "models.sim", "risk.strategy-cvar", "risk.agent-stats", "market.regime",
                "control.guardian", "allocations", "allocations.by-agent", "allocations.shadow", "governance.agent-status",
                "governance.strategy-status", "governance.strategy-limits", "reporting.ledger");
    }

    @Test
    void everySpecTopicIsCatalogedOnceWithItsValueType() {
        assertThat(Topics.all()).extracting(Topic::name).doesNotHaveDuplicates().containsExactly(
                "alpha.events", "market.prices", "agents.registry", "alpha.reconciled", "models.sim",
                "risk.strategy-cvar", "risk.agent-stats", "market.regime", "control.guardian", "alerts",
                "allocations", "allocations.by-agent", "allocations.shadow", "governance.decisions", "governance.agent-status",
                "governance.strategy-status", "governance.strategy-limits", "governance.config-patches", "control.ops",
                "governance.proposals", "reporting.ledger");
        assertThat(Topics.byName("alpha.events")).get().extracting(Topic::valueType).isEqualTo(AlphaEvent.class);
        assertThat(Topics.byName("nope")).isEmpty();
    }

    @Test
    void everyRecordSchemaFileIsTheValueOfExactlyOneTopic() throws IOException {
        Pattern firstType = Pattern.compile("\"type\"\\s*:\\s*\"(\\w+)\"");
        Pattern firstName = Pattern.compile("\"name\"\\s*:\\s*\"(\\w+)\"");
        List<String> recordFiles;
        try (Stream<Path> files = Files.list(Path.of("src/main/avro"))) {
            recordFiles = files.filter(p -> p.toString().endsWith(".avsc")).map(p -> {
                String json = read(p);
                Matcher type = firstType.matcher(json);
                Matcher name = firstName.matcher(json);
                return type.find() && type.group(1).equals("record") && name.find() ? name.group(1) : null;
            }).filter(java.util.Objects::nonNull).toList();
        }
        assertThat(Topics.all()).extracting(t -> t.valueSchema().getName())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(recordFiles);
    }

    @Test
    void deadLetterTopicsAreNamedAfterTheirSource() {
        assertThat(Topics.ALPHA_EVENTS.deadLetterTopic()).isEqualTo("alpha.events.dlq");
        assertThat(Topics.allNamesWithDeadLetters()).hasSize(2 * Topics.all().size())
                .contains("market.prices", "market.prices.dlq");
    }

    @Test
    void aTopicRefusesIllegalNamesAndPartitions() {
        assertThatThrownBy(() -> new Topic<>("bad name", AlphaEvent.class, CleanupPolicy.DELETE, 1, "k"))
                .hasMessageContaining("illegal Kafka topic name");
        assertThatThrownBy(() -> new Topic<>("x.dlq", AlphaEvent.class, CleanupPolicy.DELETE, 1, "k"))
                .hasMessageContaining("dead-letter");
        assertThatThrownBy(() -> new Topic<>("x", AlphaEvent.class, CleanupPolicy.DELETE, 0, "k"))
                .hasMessageContaining("partitions must be >= 1");
    }

    @Test
    void producersAndConsumersAreWhatTheServiceCatalogSays() {
        // risk-service reads the dead letters of alpha.events (the agents' error rate), not alpha.events itself
        assertThat(Topics.ALPHA_EVENTS.producers()).containsExactly("reconciler-service", "trading-agents");
        assertThat(Topics.ALPHA_EVENTS.consumers()).containsExactly("reconciler-service", "allocator-service", "governance-service");
        assertThat(Topics.ALPHA_EVENTS.deadLetterConsumers()).containsExactly("risk-service");
        assertThat(Topics.ALPHA_RECONCILED.producers()).containsExactly("reconciler-service");
        assertThat(Topics.ALPHA_RECONCILED.consumers())
                .containsExactly("risk-service", "allocator-service", "governance-service", "reporting-service");
        assertThat(Topics.MODELS_SIM.consumers()).containsExactly("reconciler-service", "risk-service");
        assertThat(Topics.MARKET_PRICES.producers()).containsExactly("market-data");
        assertThat(Topics.ALLOCATIONS_BY_AGENT.consumers()).containsExactly("downstream-traders");
        assertThat(Topics.GOVERNANCE_CONFIG_PATCHES.producers()).containsExactly("learning-loop");
        assertThat(Topics.CONTROL_GUARDIAN.producers()).containsExactly("ops");
    }

    @Test
    void everyTopicHasAProducerAndAConsumerThatTheServiceCatalogKnows() {
        ServiceCatalog catalog = ServiceCatalog.bundled();
        Set<String> parties = catalog.parties().stream().map(TopicParty::name).collect(Collectors.toSet());
        for (Topic<?> topic : Topics.all()) {
            assertThat(topic.producers()).as("producers of %s", topic.name()).isNotEmpty()
                    .isEqualTo(catalog.producersOf(topic)).isSubsetOf(parties);
            assertThat(topic.consumers()).as("consumers of %s", topic.name()).isNotEmpty()
                    .isEqualTo(catalog.consumersOf(topic)).isSubsetOf(parties);
        }
    }

    @Test
    void producersAndConsumersFollowTheServiceCatalogInForce(@TempDir Path dir) throws IOException {
        Path copy = dir.resolve("services.yaml");
        Files.writeString(copy, ServiceCatalogTest.bundledText().replaceFirst("(?m)^parties:", """
                  - name: audit-service
                    port: 8091
                    application-id: meta-supervisor-audit
                    main-class: com.metasupervisor.audit.Application
                    env-prefix: AUDIT
                    reads: [alpha.reconciled, alerts.dlq]
                    writes: [governance.decisions]

                parties:"""));
        String before = System.getProperty(ServiceCatalog.PATH_PROPERTY);
        System.setProperty(ServiceCatalog.PATH_PROPERTY, copy.toString());
        try {
            assertThat(Topics.ALPHA_RECONCILED.consumers()).endsWith("audit-service");
            assertThat(Topics.ALERTS.deadLetterConsumers()).containsExactly("audit-service");
            assertThat(Topics.GOVERNANCE_DECISIONS.producers()).containsExactly("governance-service", "audit-service");
        } finally {
            if (before == null) {
                System.clearProperty(ServiceCatalog.PATH_PROPERTY);
            } else {
                System.setProperty(ServiceCatalog.PATH_PROPERTY, before);
            }
        }
        assertThat(Topics.ALPHA_RECONCILED.consumers()).doesNotContain("audit-service");
    }

    @Test
    void valueSubjectFollowsTheConfluentTopicNameStrategy() {
        assertThat(Topics.MARKET_PRICES.valueSubject()).isEqualTo("market.prices-value");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
