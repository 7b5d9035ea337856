package com.metasupervisor.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.avro.AlphaEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicsTest {

    private static final TopicRetention A_WEEK = TopicRetention.deleteAfter(Duration.ofDays(7));
    /** How far back the weekly LP report's feed reads: reporting's history-weeks (8) + 2 days (LpReportSettings.feedKeep()). */
    private static final Duration REPORT_FEED_REACH = Duration.ofDays(8 * 7 + 2);
    /** The reconciler's catch-up bound, reconciler.price-history (P7D, SPEC §3: >= 7 days of market time). */
    private static final Duration RECONCILER_CATCH_UP_BOUND = Duration.ofDays(7);

    @Test
    void everyTopicStatesItsRetentionAsKafkaConfigsThatAgreeWithItsCleanupPolicy() {
        for (Topic<?> topic : Topics.all()) {
            Map<String, String> configs = topic.kafkaConfigs();
            assertThat(configs).as(topic.name()).containsEntry("cleanup.policy", topic.cleanup().kafkaValue())
                    .isEqualTo(topic.retention().kafkaConfigs());
            if (topic.cleanup() == CleanupPolicy.DELETE) {
                assertThat(configs).as("%s: delete policy, a finite retention and nothing else", topic.name())
                        .containsOnlyKeys("cleanup.policy", "retention.ms");
                assertThat(Long.parseLong(configs.get("retention.ms"))).as(topic.name()).isPositive();
            } else {
                assertThat(configs).as("%s: compacted, never deleted by time", topic.name())
                        .doesNotContainKeys("retention.ms", "retention.bytes")
                        .containsKeys("min.compaction.lag.ms", "segment.ms");
                assertThat(Duration.ofMillis(Long.parseLong(configs.get("segment.ms")))).as(topic.name())
                        .isEqualTo(Duration.ofDays(1));
            }
        }
    }

    @Test
    void theCatalogsRetentionsAreTheStatedOnes() {
        Map<String, String> stated = new TreeMap<>();
        Topics.all().forEach(t -> stated.put(t.name(), t.kafkaConfigs().toString()));
        String day = Long.toString(Duration.ofDays(1).toMillis());
        assertThat(stated).containsEntry("alpha.events", "{cleanup.policy=delete, retention.ms=" + 30 * 86_400_000L + "}")
                .containsEntry("market.prices", "{cleanup.policy=delete, retention.ms=" + 8 * 86_400_000L + "}")
                .containsEntry("alpha.reconciled", "{cleanup.policy=delete, retention.ms=" + 90 * 86_400_000L + "}")
                .containsEntry("governance.decisions", "{cleanup.policy=delete, retention.ms=" + 365 * 86_400_000L + "}")
                .containsEntry("allocations", "{cleanup.policy=compact, min.compaction.lag.ms=" + 63 * 86_400_000L
                        + ", segment.ms=" + day + "}")
                .containsEntry("risk.agent-stats", "{cleanup.policy=compact, min.compaction.lag.ms=0, segment.ms=" + day + "}")
                .containsEntry("reporting.ledger", "{cleanup.policy=compact, min.compaction.lag.ms=" + 7 * 86_400_000L
                        + ", segment.ms=" + day + ", delete.retention.ms=" + 7 * 86_400_000L + "}");
    }

    @Test
    void theWeeklyReportsInputsOutliveItsHistory() {
        // reporting-core's ReportFacts.TOPICS: delete-policy topics are read from now - 58 d, so they must keep that long
        for (Topic<?> topic : List.of(Topics.ALPHA_RECONCILED, Topics.GOVERNANCE_DECISIONS, Topics.ALERTS,
                Topics.GOVERNANCE_PROPOSALS)) {
            assertThat(topic.retention().retention()).as(topic.name()).get().satisfies(r ->
                    assertThat(r).as("%s retention vs the report's reach", topic.name()).isGreaterThanOrEqualTo(REPORT_FEED_REACH));
        }
        // compacted topics the report reads "as in force at each hour": every change kept as long as the feed reaches
        for (Topic<?> topic : List.of(Topics.ALLOCATIONS, Topics.GOVERNANCE_STRATEGY_STATUS)) {
            assertThat(topic.retention().minCompactionLag()).as("%s min.compaction.lag", topic.name())
                    .isGreaterThanOrEqualTo(REPORT_FEED_REACH).isEqualTo(Topics.REPORT_IN_FORCE_LAG);
        }
    }

    @Test
    void theReconcilerCanCatchUpWithinItsBoundFromWhatTheTopicsKeep() {
        assertThat(Topics.MARKET_PRICES.retention().retention()).get().satisfies(r ->
                assertThat(r).isGreaterThan(RECONCILER_CATCH_UP_BOUND));
        assertThat(Topics.ALPHA_EVENTS.retention().retention()).get().satisfies(r ->
                assertThat(r).isGreaterThan(RECONCILER_CATCH_UP_BOUND));
    }

    @Test
    void deadLetterTopicsKeepTheirRecordsThirtyDays() {
        for (Topic<?> topic : Topics.all()) {
            assertThat(topic.deadLetterKafkaConfigs()).as(topic.deadLetterTopic())
                    .containsExactly(Map.entry("cleanup.policy", "delete"),
                            Map.entry("retention.ms", Long.toString(Duration.ofDays(30).toMillis())));
        }
    }

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
        assertThatThrownBy(() -> new Topic<>("bad name", AlphaEvent.class, A_WEEK, 1, "k"))
                .hasMessageContaining("illegal Kafka topic name");
        assertThatThrownBy(() -> new Topic<>("x.dlq", AlphaEvent.class, A_WEEK, 1, "k"))
                .hasMessageContaining("dead-letter");
        assertThatThrownBy(() -> new Topic<>("x", AlphaEvent.class, A_WEEK, 0, "k"))
                .hasMessageContaining("partitions must be >= 1");
        assertThatThrownBy(() -> new Topic<>("x", AlphaEvent.class, null, 1, "k")).hasMessageContaining("retention");
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
        // ops write the switches themselves, or through allocator-service's operator endpoints
        assertThat(Topics.CONTROL_GUARDIAN.producers()).containsExactly("allocator-service", "ops");
        assertThat(Topics.MARKET_REGIME.producers()).containsExactly("allocator-service", "ops");
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
