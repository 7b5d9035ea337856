package com.metasupervisor.product;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic as a downstream reader does: read_committed (records of aborted transactions are never seen),
 * from the beginning of every partition to its last stable offset as of the start, partition by partition in
 * offset order (what a consumer of one key sees).
 */
final class TopicReader {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STALL_TIMEOUT = Duration.ofMinutes(2);

    private final String bootstrapServers;

    TopicReader(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Every record of {@code topic}, in offset order within each partition; returns how many. */
    long read(String topic, Consumer<ConsumerRecord<String, byte[]>> sink) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        long count = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions); // read_committed: last stable offsets
            long lastProgress = System.nanoTime();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                var records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL_TIMEOUT.toNanos()) {
                    throw new IllegalStateException("reading " + topic + " made no progress for " + STALL_TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        sink.accept(record);
                        count++;
                    }
                }
            }
        }
        return count;
    }
}
