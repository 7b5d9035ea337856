package com.metasupervisor.reconciler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How far an exactly-once Kafka Streams application (its consumer group is its application id) has got
 * through its topics, read from the outside: whether it has committed past every committed record of them.
 * Under exactly-once an application commits its input offsets in the same transaction as what it wrote for
 * them, so once it has processed its source topics and then its repartition topics (in topology order) all
 * its output is committed: no quiet period to guess.
 */
public final class StreamsProgress implements AutoCloseable {

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> probe;
    private final String applicationId;

    public StreamsProgress(Properties clientProperties, String applicationId) {
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException("applicationId must not be blank");
        }
        this.applicationId = applicationId;
        this.admin = Admin.create(clientProperties);
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        this.probe = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** {@code <application id>-<name>-repartition}: the topic of a {@code Repartitioned.withName(name)}. */
    public String repartitionTopic(String name) {
        return applicationId + "-" + name + "-repartition";
    }

    /**
     * Whether the application has committed its position past every committed record of each topic, checked in
     * the order given (list source topics before the repartition topics they feed). A gap between its committed
     * offset and the end that holds only transaction markers counts as processed.
     */
    public boolean hasProcessed(List<String> topicsInTopologyOrder) throws ExecutionException, InterruptedException {
        for (String topic : topicsInTopologyOrder) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get();
            List<TopicPartition> partitions = new ArrayList<>();
            probe.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            Map<TopicPartition, Long> ends = probe.endOffsets(partitions); // read_committed: the last stable offsets
            Map<TopicPartition, Long> starts = probe.beginningOffsets(partitions);
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata at = committed.get(partition);
                long from = Math.max(at == null ? 0 : at.offset(), starts.get(partition));
                if (from < ends.get(partition) && recordAtOrAfter(partition, from, ends.get(partition))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether a committed record lies in [from, end): reads until the first one or the end. Polls a bounded number
     * of times (the caller asks again): a gap that could not be read through counts as not processed.
     */
    private boolean recordAtOrAfter(TopicPartition partition, long from, long end) {
        probe.assign(List.of(partition));
        probe.seek(partition, from);
        for (int polls = 0; polls < 10; polls++) {
            if (!probe.poll(Duration.ofMillis(200)).isEmpty()) {
                return true;
            }
            if (probe.position(partition) >= end) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        probe.close();
        admin.close();
    }
}
