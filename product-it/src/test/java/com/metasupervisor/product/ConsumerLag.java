package com.metasupervisor.product;

import com.metasupervisor.schemas.ServiceDefinition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * A service's consumer lag: over every partition its Kafka Streams application (group = application id) has
 * committed offsets for (its source topics and its repartition topics; global tables are read outside the group),
 * the last stable offset minus the committed offset. Empty while the broker does not answer.
 */
final class ConsumerLag implements AutoCloseable {

    private static final long TIMEOUT_MS = 10_000;

    private final Admin admin;

    ConsumerLag(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS));
    }

    /** Lag per partition of the group (empty map: nothing committed yet); empty when the broker does not answer. */
    java.util.Optional<Map<TopicPartition, Long>> partitions(String applicationId) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            committed.forEach((tp, offset) -> {
                if (offset != null) {
                    latest.put(tp, OffsetSpec.latest());
                }
            });
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin
                    .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> lag = new LinkedHashMap<>();
            ends.forEach((tp, end) -> lag.put(tp, Math.max(0, end.offset() - committed.get(tp).offset())));
            return java.util.Optional.of(lag);
        } catch (ExecutionException | TimeoutException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    /** The group's total lag; empty when the broker does not answer or nothing is committed yet. */
    OptionalLong total(String applicationId) {
        return partitions(applicationId).filter(lag -> !lag.isEmpty())
                .map(lag -> OptionalLong.of(lag.values().stream().mapToLong(Long::longValue).sum()))
                .orElse(OptionalLong.empty());
    }

    /** Total lag of each service (-1 where unknown). */
    Map<String, Long> totals(List<ServiceDefinition> services) {
        Map<String, Long> totals = new LinkedHashMap<>();
        services.forEach(s -> totals.put(s.name(), total(s.applicationId()).orElse(-1)));
        return totals;
    }

    /** Every service's lag known and at most {@code bound}. */
    boolean allAtMost(List<ServiceDefinition> services, long bound) {
        return services.stream().allMatch(s -> {
            OptionalLong lag = total(s.applicationId());
            return lag.isPresent() && lag.getAsLong() <= bound;
        });
    }

    Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(10));
    }
}
