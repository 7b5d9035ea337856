package com.metasupervisor.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopicRetentionTest {

    @Test
    void deleteAfterIsCleanupDeleteAndRetentionMs() {
        assertThat(TopicRetention.deleteAfter(Duration.ofHours(36)).kafkaConfigs())
                .containsExactly(Map.entry("cleanup.policy", "delete"), Map.entry("retention.ms", "129600000"));
    }

    @Test
    void keepForeverIsUnlimitedInTimeAndBytesAsApicuriosJournalRequires() {
        TopicRetention forever = TopicRetention.keepForever();
        assertThat(forever.unlimited()).isTrue();
        assertThat(forever.kafkaConfigs()).containsExactly(Map.entry("cleanup.policy", "delete"),
                Map.entry("retention.ms", "-1"), Map.entry("retention.bytes", "-1"));
        assertThat(TopicRetention.deleteAfter(Duration.ofDays(1)).unlimited()).isFalse();
    }

    @Test
    void compactionStatesItsLagAndSegmentAndTombstoneLifeOnlyWhenGiven() {
        TopicRetention compacted = TopicRetention.compact(Duration.ZERO, Duration.ofDays(1));
        assertThat(compacted.kafkaConfigs()).containsExactly(Map.entry("cleanup.policy", "compact"),
                Map.entry("min.compaction.lag.ms", "0"), Map.entry("segment.ms", "86400000"));
        assertThat(compacted.withDeleteRetention(Duration.ofDays(7)).kafkaConfigs())
                .containsEntry("delete.retention.ms", "604800000").hasSize(4);
        assertThat(compacted.unlimited()).isFalse();
    }

    @Test
    void refusesWhatKafkaWouldNotMeanOrWhatContradictsThePolicy() {
        assertThatThrownBy(() -> TopicRetention.deleteAfter(Duration.ZERO)).hasMessageContaining("retention must be > 0");
        assertThatThrownBy(() -> TopicRetention.deleteAfter(Duration.ofDays(-1))).hasMessageContaining("retention must be > 0");
        assertThatThrownBy(() -> TopicRetention.deleteAfter(Duration.ofNanos(1_500_000))).hasMessageContaining("whole milliseconds");
        assertThatThrownBy(() -> TopicRetention.compact(Duration.ofDays(-1), Duration.ofDays(1)))
                .hasMessageContaining("minCompactionLag must be >= 0");
        assertThatThrownBy(() -> TopicRetention.compact(Duration.ZERO, Duration.ZERO)).hasMessageContaining("segment must be > 0");
        assertThatThrownBy(() -> TopicRetention.keepForever().withDeleteRetention(Duration.ofDays(1)))
                .hasMessageContaining("no compaction settings");
        assertThatThrownBy(() -> new TopicRetention(CleanupPolicy.COMPACT, Optional.of(Duration.ofDays(1)), Duration.ZERO,
                Optional.of(Duration.ofDays(1)), Optional.empty())).hasMessageContaining("no retention");
        assertThatThrownBy(() -> new TopicRetention(CleanupPolicy.COMPACT, Optional.empty(), Duration.ZERO,
                Optional.empty(), Optional.empty())).hasMessageContaining("needs a segment.ms");
        assertThatThrownBy(() -> new TopicRetention(CleanupPolicy.DELETE, Optional.empty(), Duration.ofDays(1),
                Optional.empty(), Optional.empty())).hasMessageContaining("no compaction settings");
    }

    @Test
    void kafkaConfigsGiveBackExactlyTheDurationsForRandomRetentions() {
        Random random = new Random(15);
        for (int i = 0; i < 500; i++) {
            Duration a = Duration.ofMillis(1 + random.nextLong(400L * 86_400_000L));
            Duration b = Duration.ofMillis(1 + random.nextLong(30L * 86_400_000L));
            Duration lag = Duration.ofMillis(random.nextInt(3) == 0 ? 0 : random.nextLong(100L * 86_400_000L));
            TopicRetention retention = switch (random.nextInt(3)) {
                case 0 -> TopicRetention.deleteAfter(a);
                case 1 -> TopicRetention.compact(lag, b);
                default -> TopicRetention.compact(lag, b).withDeleteRetention(a);
            };
            Map<String, String> configs = retention.kafkaConfigs();
            assertThat(configs.keySet().iterator().next()).isEqualTo("cleanup.policy");
            assertThat(configs.get("cleanup.policy")).isEqualTo(retention.cleanup().kafkaValue());
            TopicRetention back = configs.get("cleanup.policy").equals("delete")
                    ? TopicRetention.deleteAfter(millis(configs, "retention.ms"))
                    : new TopicRetention(CleanupPolicy.COMPACT, Optional.empty(), millis(configs, "min.compaction.lag.ms"),
                            Optional.of(millis(configs, "segment.ms")),
                            Optional.ofNullable(configs.get("delete.retention.ms")).map(v -> Duration.ofMillis(Long.parseLong(v))));
            assertThat(back).as("round trip of %s", configs).isEqualTo(retention);
        }
    }

    private static Duration millis(Map<String, String> configs, String key) {
        return Duration.ofMillis(Long.parseLong(configs.get(key)));
    }
}
