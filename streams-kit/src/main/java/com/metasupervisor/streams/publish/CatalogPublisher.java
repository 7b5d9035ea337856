package com.metasupervisor.streams.publish;

import com.metasupervisor.schemas.RegistryFailure;
import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.TopicSerdes;
import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.connection.KafkaConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes catalog records from outside a topology (a REST request, a scheduled sync) through one idempotent producer
 * ({@code enable.idempotence=true}, {@code acks=all}) with the catalog's registry value serdes.
 *
 * <p>A batch is serialised whole before anything is sent, so a registry failure produces nothing. Then every record is
 * sent and every acknowledgement awaited within the send timeout; if Kafka fails part-way some records may have been
 * written, so batches must be safe to publish again (keyed, compacted values, or ids the reader deduplicates).
 */
public final class CatalogPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogPublisher.class);
    private static final long LINGER_MS = 5;

    private final Producer<String, byte[]> producer;
    private final TopicSerdes topicSerdes;
    private final Duration sendTimeout;
    private final Map<String, Serde<?>> serdes = new ConcurrentHashMap<>();

    /**
     * One record of a batch: a null value is a tombstone (it withdraws the key of a compacted topic); a null timestamp
     * is the time of sending, else the record carries it (an import, a simulated past, the old system's rows).
     */
    public record Keyed<V>(String key, V value, Instant timestamp) {
        public Keyed {
            ArgChecker.notNull(key, "key");
        }

        /** Stamped when sent. */
        public Keyed(String key, V value) {
            this(key, value, null);
        }
    }

    /** Why a batch was not (entirely) published; the message is fit for an HTTP client or a log line. */
    public static final class PublishException extends Exception {

        private final boolean retryable;
        private final boolean partial;

        PublishException(String message, boolean retryable, boolean partial, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
            this.partial = partial;
        }

        /** Transient (registry or Kafka unavailable): publishing the same batch later may succeed. */
        public boolean retryable() {
            return retryable;
        }

        /** Kafka failed while sending: some records of the batch may have been written (nothing was, when false). */
        public boolean partial() {
            return partial;
        }
    }

    /** A publisher on its own producer, client id {@code clientId}; every wait is bounded by {@code sendTimeout}. */
    public static CatalogPublisher create(KafkaConnection connection, RegistrySettings registry, String clientId, Duration sendTimeout) {
        ArgChecker.notNull(registry, "registry");
        return new CatalogPublisher(new KafkaProducer<>(producerConfig(connection, clientId, sendTimeout), new StringSerializer(),
                new ByteArraySerializer()), TopicSerdes.registry(registry), sendTimeout);
    }

    /** As {@link #create(KafkaConnection, RegistrySettings, String, Duration)} on a PLAINTEXT connection (the command line). */
    public static CatalogPublisher create(String bootstrapServers, RegistrySettings registry, String clientId, Duration sendTimeout) {
        return create(KafkaConnection.plaintext(bootstrapServers), registry, clientId, sendTimeout);
    }

    /** The producer's settings on a PLAINTEXT connection. */
    public static Map<String, Object> producerConfig(String bootstrapServers, String clientId, Duration sendTimeout) {
        return producerConfig(KafkaConnection.plaintext(bootstrapServers), clientId, sendTimeout);
    }

    /**
     * The producer's settings: the connection's (bootstrap servers, security), idempotent, acks=all, every wait bounded
     * by {@code sendTimeout}.
     */
    public static Map<String, Object> producerConfig(KafkaConnection connection, String clientId, Duration sendTimeout) {
        ArgChecker.notNull(connection, "connection");
        ArgChecker.notBlank(clientId, "clientId");
        ArgChecker.positive(sendTimeout, "sendTimeout");
        long timeoutMs = sendTimeout.toMillis();
        Map<String, Object> config = connection.clientConfig();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(LINGER_MS));
        // metadata and buffer space: how long send() may block
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeoutMs));
        // from send() to acknowledged or failed, retries included (must be >= linger + request timeout)
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMs));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.min(30_000, timeoutMs - LINGER_MS)));
        return config;
    }

    /** A publisher on {@code producer} (closed with it), values encoded by {@code topicSerdes}. */
    public CatalogPublisher(Producer<String, byte[]> producer, TopicSerdes topicSerdes, Duration sendTimeout) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topicSerdes = Objects.requireNonNull(topicSerdes, "topicSerdes");
        this.sendTimeout = ArgChecker.positive(sendTimeout, "sendTimeout");
    }

    /** Publishes one record and returns once Kafka acknowledged it. */
    public <V extends SpecificRecord> void publish(Topic<V> topic, String key, V value) throws PublishException {
        publish(topic, List.of(new Keyed<>(key, value)));
    }

    /**
     * Sends every record to {@code topic} in order and returns once Kafka has acknowledged all of them.
     *
     * @throws PublishException when the registry or Kafka fails, or the acknowledgements do not all arrive in time
     */
    public <V extends SpecificRecord> void publish(Topic<V> topic, List<Keyed<V>> batch) throws PublishException {
        publishTo(ArgChecker.notNull(topic, "topic").name(), topic, batch);
    }

    /**
     * As {@link #publish(Topic, List)}, to the topic called {@code target} with {@code topic}'s value type and schema
     * (a copy of a catalog topic, e.g. an import into another topic).
     */
    public <V extends SpecificRecord> void publishTo(String target, Topic<V> topic, List<Keyed<V>> batch) throws PublishException {
        ArgChecker.notBlank(target, "target");
        ArgChecker.notNull(topic, "topic");
        ArgChecker.notNull(batch, "batch");
        @SuppressWarnings("unchecked")
        Serde<V> serde = (Serde<V>) serdes.computeIfAbsent(topic.name(), name -> topicSerdes.value(topic));
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(batch.size());
        for (Keyed<V> record : batch) {
            byte[] value = null;
            if (record.value() != null) {
                try {
                    value = serde.serializer().serialize(target, record.value());
                } catch (RuntimeException e) {
                    LOG.warn("could not serialise a {} record (key {}) with the registry", target, record.key(), e);
                    if (RegistryFailure.of(e) == RegistryFailure.REGISTRY_UNAVAILABLE) {
                        throw new PublishException("the schema registry is unavailable; nothing was published, retry later", true, false, e);
                    }
                    throw new PublishException("the records could not be encoded with the " + topic.valueType().getSimpleName()
                            + " schema of the registry; nothing was published", false, false, e);
                }
            }
            records.add(new ProducerRecord<>(target, null, record.timestamp() == null ? null : record.timestamp().toEpochMilli(),
                    record.key(), value));
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>(records.size());
        try {
            for (ProducerRecord<String, byte[]> record : records) {
                CompletableFuture<Void> ack = new CompletableFuture<>();
                producer.send(record, (metadata, failure) -> {
                    if (failure == null) {
                        ack.complete(null);
                    } else {
                        ack.completeExceptionally(failure);
                    }
                });
                acks.add(ack);
            }
            // the producer fails every record by delivery.timeout.ms after its send; a little more to hear it
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(sendTimeout.toMillis() + 2_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw kafkaFailure(target, e.getCause(), acks, records.size());
        } catch (TimeoutException | RuntimeException e) {
            throw kafkaFailure(target, e, acks, records.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while waiting for Kafka; publish the batch again", true, true, e);
        }
    }

    private PublishException kafkaFailure(String topic, Throwable failure, List<CompletableFuture<Void>> acks, int total) {
        long acknowledged = acks.stream().filter(a -> a.isDone() && !a.isCompletedExceptionally()).count();
        LOG.warn("publishing {} records to {} failed: {} acknowledged", total, topic, acknowledged, failure);
        String what = failure instanceof TimeoutException || failure instanceof org.apache.kafka.common.errors.TimeoutException
                ? "Kafka did not acknowledge the records within " + sendTimeout.toSeconds() + " s"
                : "Kafka refused the records (" + failure.getClass().getSimpleName() + ")";
        return new PublishException(what + " (" + acknowledged + " of " + total + " acknowledged to " + topic
                + "); publish the batch again later", true, true, failure);
    }

    @Override
    public void close() {
        try {
            producer.close(Duration.ofSeconds(10));
        } finally {
            serdes.values().forEach(Serde::close);
        }
    }
}
