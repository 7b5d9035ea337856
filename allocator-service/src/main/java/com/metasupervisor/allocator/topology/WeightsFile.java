package com.metasupervisor.allocator.topology;

import static com.metasupervisor.schemas.Topics.ALLOCATIONS;

import com.metasupervisor.allocator.config.AllocatorSettings;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.TopicSerdes;
import com.metasupervisor.streams.connection.KafkaConnection;
import com.metasupervisor.streams.files.AtomicFileWrite;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.serde.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the newest snapshot on {@code allocations} as {@code allocation/weights.json} to {@code allocator.weights-file}
 * (for consumers that read files), replacing the file atomically (a temporary file beside it, then a move). It reads the
 * topic read_committed, so the file never shows a snapshot of an aborted transaction; with no group (the single
 * partition assigned, read from the start of the compacted topic) every instance keeps its own file. The bean exists
 * only when the key is set.
 */
@Context
@Requires(property = "allocator.weights-file", pattern = ".*\\S.*")
public class WeightsFile {

    private static final Logger LOG = LoggerFactory.getLogger(WeightsFile.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Path path;
    private final Map<String, Object> consumerConfig;
    private final Deserializer<AllocationSnapshot> snapshots;
    private volatile boolean running;
    private volatile KafkaConsumer<String, AllocationSnapshot> consumer;
    private Thread thread;

    @Inject
    WeightsFile(AllocatorSettings settings, RegistrySettings registry, KafkaConnection kafka) {
        this(settings.weightsFile().orElse(null), kafka,
                TopicSerdes.registry(registry).value(ALLOCATIONS).deserializer());
    }

    /** {@code path} null: nothing to write. */
    WeightsFile(Path path, KafkaConnection kafka, Deserializer<AllocationSnapshot> snapshots) {
        this.path = path;
        this.snapshots = snapshots;
        this.consumerConfig = consumerConfig(kafka);
        if (path != null) {
            start();
        }
    }

    /** The service's connection (bootstrap servers, SASL), read_committed, no group (nothing to commit, no group ACL). */
    static Map<String, Object> consumerConfig(KafkaConnection kafka) {
        return Map.copyOf(kafka.committedReaderConfig("allocator-weights-file"));
    }

    private synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("allocator-weights-file").start(this::follow);
        LOG.info("writing allocation/weights.json to {} from the committed {} topic", path, ALLOCATIONS.name());
    }

    private void follow() {
        try (KafkaConsumer<String, AllocationSnapshot> c = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), snapshots)) {
            consumer = c;
            if (!running) {
                return;
            }
            TopicPartition partition = new TopicPartition(ALLOCATIONS.name(), 0);
            c.assign(List.of(partition));
            c.seekToBeginning(List.of(partition));
            while (running) {
                AllocationSnapshot newest = null;
                for (ConsumerRecord<String, AllocationSnapshot> r : c.poll(POLL)) {
                    if (r.value() != null) {
                        newest = r.value();
                    }
                }
                if (newest != null) {
                    try {
                        write(path, newest);
                    } catch (UncheckedIOException e) {
                        LOG.warn("could not write {}: {}", path, e.getMessage()); // the next snapshot tries again
                    }
                }
            }
        } catch (WakeupException e) {
            // stop() woke the consumer up
        } catch (RuntimeException e) {
            LOG.error("the weights file writer stopped: {}", e.toString(), e);
        }
    }

    /** Stops following the topic; the file keeps the last snapshot written. */
    @PreDestroy
    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, AllocationSnapshot> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    /** Writes {@code snapshot}'s document to {@code path} atomically: readers see the old file or the new one, whole. */
    public static void write(Path path, AllocationSnapshot snapshot) {
        try {
            AtomicFileWrite.replace(path, ObjectMapper.getDefault().writeValueAsBytes(WeightsDocument.of(snapshot)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
