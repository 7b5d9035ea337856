package com.metasupervisor.reporting.feed;

import static com.metasupervisor.testkit.ReconciledRowBuilder.reconciledRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.reporting.domain.report.ReportHistory;
import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.connection.KafkaConnection;
import com.metasupervisor.testkit.TopologyDriver;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * The feed over a consumer that holds a fixed log per topic (Kafka's MockConsumer, with offsetsForTimes answered from
 * the log): where it starts and stops, and that an undecodable record is skipped. The feed on a real broker and
 * registry is the service's integration test.
 */
class TopicHistoryFeedTest {

    private static final Instant NOW = Instant.parse("2026-03-10T00:00:00Z");

    /** One partition per input topic; records are (timestamp, value bytes), offsets from 0. */
    private final Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> log = new HashMap<>();

    private <V extends SpecificRecord> void write(Topic<V> topic, String at, V value) {
        writeBytes(topic, at, TopologyDriver.SERDES.value(topic).serializer().serialize(topic.name(), value));
    }

    private void writeBytes(Topic<?> topic, String at, byte[] value) {
        TopicPartition tp = new TopicPartition(topic.name(), 0);
        List<ConsumerRecord<String, byte[]>> records = log.computeIfAbsent(tp, k -> new ArrayList<>());
        records.add(new ConsumerRecord<>(topic.name(), 0, records.size(), Instant.parse(at).toEpochMilli(),
                TimestampType.CREATE_TIME, 0, value == null ? 0 : value.length, "k", value, new RecordHeaders(), Optional.empty()));
    }

    /** A consumer over {@link #log}: the records arrive once assigned; offsetsForTimes looks them up. */
    private MockConsumer<String, byte[]> consumer() {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest") {
            @Override
            public synchronized void assign(Collection<TopicPartition> partitions) {
                super.assign(partitions);
                partitions.forEach(tp -> log.getOrDefault(tp, List.of()).forEach(this::addRecord));
            }

            @Override
            public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> times) {
                Map<TopicPartition, OffsetAndTimestamp> found = new HashMap<>();
                times.forEach((tp, t) -> found.put(tp, log.getOrDefault(tp, List.of()).stream().filter(r -> r.timestamp() >= t)
                        .findFirst().map(r -> new OffsetAndTimestamp(r.offset(), r.timestamp())).orElse(null)));
                return found;
            }
        };
        Map<TopicPartition, Long> ends = new HashMap<>();
        Map<TopicPartition, Long> beginnings = new HashMap<>();
        for (Topic<? extends SpecificRecord> topic : ReportFacts.TOPICS) {
            consumer.updatePartitions(topic.name(), List.of(new PartitionInfo(topic.name(), 0, null, null, null)));
            TopicPartition tp = new TopicPartition(topic.name(), 0);
            ends.put(tp, (long) log.getOrDefault(tp, List.of()).size());
            beginnings.put(tp, 0L);
        }
        consumer.updateBeginningOffsets(beginnings);
        consumer.updateEndOffsets(ends);
        return consumer;
    }

    private TopicHistoryFeed feed(ReportHistory history) {
        return new TopicHistoryFeed(this::consumer, TopologyDriver.SERDES, history, Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofDays(8));
    }

    private void writeTheLog() {
        // long before any start: read all the same (a compacted topic is read from its beginning)
        write(Topics.ALLOCATIONS, "2026-01-15T00:00:00Z", ReportFactsTest.snapshot(Instant.parse("2026-01-15T00:00:00Z"), "s0",
                Map.of("a", 0.5, "b", 0.5), 0, List.of()));
        write(Topics.ALPHA_RECONCILED, "2026-02-20T10:00:00Z", reconciledRow().agent("early")
                .maturedAt(Instant.parse("2026-02-20T10:00:00Z")).realizedBps(1).build());
        write(Topics.ALPHA_RECONCILED, "2026-03-02T10:00:00Z", reconciledRow().agent("a")
                .maturedAt(Instant.parse("2026-03-02T10:00:00Z")).realizedBps(10).build());
        writeBytes(Topics.ALPHA_RECONCILED, "2026-03-02T11:00:00Z", "not avro".getBytes(StandardCharsets.UTF_8));
        writeBytes(Topics.ALPHA_RECONCILED, "2026-03-02T11:30:00Z", null); // a tombstone: nothing
        write(Topics.ALPHA_RECONCILED, "2026-03-03T10:00:00Z", reconciledRow().agent("b")
                .maturedAt(Instant.parse("2026-03-03T10:00:00Z")).realizedBps(-4).build());
        write(Topics.ALPHA_RECONCILED, "2026-03-06T10:00:00Z", reconciledRow().agent("late")
                .maturedAt(Instant.parse("2026-03-06T10:00:00Z")).realizedBps(7).build());
    }

    @Test
    void aReplayReadsFromItsStartToItsEndSkippingWhatCannotBeDecoded() {
        writeTheLog();
        TopicHistoryFeed feed = feed(new ReportHistory(24, 30));

        long applied = feed.replay(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-05T00:00:00Z"));

        assertThat(applied).isEqualTo(3); // s0, a, b: not the row before the start, nor the one after the end
        assertThat(feed.skipped()).isEqualTo(1);
        assertThat(feed.snapshot(ReportHistory::agents)).containsExactly("a", "b");
        double monday = feed.snapshot(h -> h.daily(java.time.LocalDate.parse("2026-03-02"), ZoneOffset.UTC).fleetPnlBps());
        assertThat(monday).isEqualTo(5.0); // 10 × 0.5: the allocation was read too
    }

    @Test
    void aReplayOfASpanWithoutRowsReadsOnlyWhatIsInForceAndReturns() {
        writeTheLog();
        TopicHistoryFeed feed = feed(new ReportHistory(24, 30));

        assertThat(feed.replay(Instant.parse("2026-04-01T00:00:00Z"), Instant.parse("2026-04-08T00:00:00Z"))).isOne(); // s0
        assertThat(feed.skipped()).isZero();
        assertThat(feed.snapshot(ReportHistory::agents)).isEmpty();
    }

    @Test
    void followingReadsTheHistoryKeptThenStops() {
        writeTheLog();
        try (TopicHistoryFeed feed = feed(new ReportHistory(24, 30))) {
            feed.follow();

            await().atMost(Duration.ofSeconds(20)).until(feed::caughtUp);
            // from NOW − 8 days = 2026-03-02T00:00: the allocation and every row but the early one
            assertThat(feed.applied()).isEqualTo(4);
            assertThat(feed.skipped()).isEqualTo(1);
            assertThat(feed.snapshot(ReportHistory::agents)).containsExactly("a", "b", "late");
            feed.stop();
        }
    }

    @Test
    void afterAFailureFollowingResumesAfterTheLastRecordApplied() {
        writeTheLog();
        AtomicInteger consumersMade = new AtomicInteger();
        AtomicInteger pollsOfTheSecond = new AtomicInteger();
        Supplier<Consumer<String, byte[]>> failingOnce = () -> {
            MockConsumer<String, byte[]> consumer = consumer();
            if (consumersMade.incrementAndGet() == 1) {
                consumer.schedulePollTask(() -> { }); // the first poll reads the log
                consumer.schedulePollTask(() -> consumer.setPollException(new KafkaException("broker gone")));
            } else {
                for (int i = 0; i < 1000; i++) {
                    consumer.schedulePollTask(pollsOfTheSecond::incrementAndGet);
                }
            }
            return consumer;
        };
        try (TopicHistoryFeed feed = new TopicHistoryFeed(failingOnce, TopologyDriver.SERDES, new ReportHistory(24, 30),
                Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(8))) {
            feed.follow();

            await().atMost(Duration.ofSeconds(20)).until(() -> pollsOfTheSecond.get() >= 3);
            assertThat(consumersMade.get()).isEqualTo(2);
            assertThat(feed.applied()).isEqualTo(4); // not 8: the second consumer started after the last record
            double monday = feed.snapshot(h -> h.daily(java.time.LocalDate.parse("2026-03-02"), ZoneOffset.UTC).fleetPnlBps());
            assertThat(monday).isEqualTo(5.0);
        }
    }

    @Test
    void aServicesFeedConnectsWithItsSecuritySettingsAndNoGroup() {
        KafkaConnection sasl = new KafkaConnection("kafka:29092", Map.of("security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;"));
        assertThat(TopicHistoryFeed.consumerConfig(sasl))
                .containsEntry("bootstrap.servers", "kafka:29092")
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsKey("sasl.jaas.config")
                .containsEntry("isolation.level", "read_committed")
                .doesNotContainKey("group.id");
    }
}
