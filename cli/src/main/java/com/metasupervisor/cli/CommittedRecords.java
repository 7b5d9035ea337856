package com.metasupervisor.cli;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Every committed record a topic holds when the read starts (each partition up to its last stable offset then), as raw
 * bytes, partition by partition in offset order; a reader joins no group and commits nothing.
 */
final class CommittedRecords {

    private static final Duration POLL = Duration.ofMillis(500);

    private CommittedRecords() {
    }

    /** Reads {@code topic} from the first record at or after {@code fromMillis} (null: the beginning) to its end now. */
    static void read(BrokerOptions broker, String clientId, String topic, Long fromMillis, Consumer<ConsumerRecord<String, byte[]>> each) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(broker.rawConsumer(clientId))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("no topic " + topic);
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions); // read_committed: the last stable offset
            consumer.seekToBeginning(partitions);
            if (fromMillis != null) {
                Map<TopicPartition, Long> at = new HashMap<>();
                partitions.forEach(p -> at.put(p, fromMillis));
                for (Map.Entry<TopicPartition, OffsetAndTimestamp> start : consumer.offsetsForTimes(at).entrySet()) {
                    consumer.seek(start.getKey(), start.getValue() == null ? ends.get(start.getKey()) : start.getValue().offset());
                }
            }
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        each.accept(record);
                    }
                }
            }
        }
    }
}
