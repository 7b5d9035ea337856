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

class TopicsTest {

    @Test
    void compactedTopicsAreExactlyThoseTheSpecSaysAreCompacted() {
        Set<String> compacted = Topics.all().stream().filter(t -> t.cleanup() == CleanupPolicy.COMPACT)
                .map(Topic::name).collect(Collectors.toSet());
        assertThat(compacted).containsExactlyInAnyOrder(
                "agents.registry", "models.sim", "risk.strategy-cvar", "risk.agent-stats", "market.regime",
                "control.guardian", "allocations", "allocations.by-agent", "governance.agent-status",
                "governance.strategy-status", "reporting.ledger");
    }

    @Test
    void everySpecTopicIsCatalogedOnceWithItsValueType() {
        assertThat(Topics.all()).extracting(Topic::name).doesNotHaveDuplicates().containsExactly(
                "alpha.events", "market.prices", "agents.registry", "alpha.reconciled", "models.sim",
                "risk.strategy-cvar", "risk.agent-stats", "market.regime", "control.guardian", "alerts",
                "allocations", "allocations.by-agent", "governance.decisions", "governance.agent-status",
                "governance.strategy-status", "governance.config-patches", "governance.proposals", "reporting.ledger");
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
        assertThatThrownBy(() -> new Topic<>("bad name", AlphaEvent.class, CleanupPolicy.DELETE, 1, "k", "p", List.of()))
                .hasMessageContaining("illegal Kafka topic name");
        assertThatThrownBy(() -> new Topic<>("x.dlq", AlphaEvent.class, CleanupPolicy.DELETE, 1, "k", "p", List.of()))
                .hasMessageContaining("dead-letter");
        assertThatThrownBy(() -> new Topic<>("x", AlphaEvent.class, CleanupPolicy.DELETE, 0, "k", "p", List.of()))
                .hasMessageContaining("partitions must be >= 1");
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
