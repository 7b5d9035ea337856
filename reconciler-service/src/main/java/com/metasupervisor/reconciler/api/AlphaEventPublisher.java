package com.metasupervisor.reconciler.api;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.schemas.RegistryFailure;
import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.Topics;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces alpha events that arrived over REST to {@code alpha.events}, keyed by agent, with the
 * catalog's value serde, through one idempotent producer ({@code enable.idempotence=true},
 * {@code acks=all}) shared by every request.
 *
 * <p>A batch is serialised whole before anything is sent, so a registry failure produces nothing.
 * Then every record is sent and every acknowledgement awaited; if Kafka fails part-way some events
 * of the batch may have been written, and the caller retries the whole batch: the event id is the
 * idempotency key and the reconciler drops duplicates (SPEC §3).
 */
@Singleton
public class AlphaEventPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlphaEventPublisher.class);
    private static final String TOPIC = Topics.ALPHA_EVENTS.name();
    private static final long LINGER_MS = 5;

    private final Producer<String, byte[]> producer;
    private final Serde<AlphaEvent> valueSerde;
    private final Serializer<AlphaEvent> valueSerializer;
    private final Duration sendTimeout;

    /** Why a batch was not (entirely) published; the message is fit for the HTTP client. */
    public static final class PublishException extends Exception {

        /** Transient: the client should retry later (HTTP 503). */
        private final boolean retryable;

        PublishException(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    @Inject
    AlphaEventPublisher(@Value("${kafka.bootstrap.servers}") String bootstrapServers,
                        RegistrySettings registry,
                        AlphaEventApiSettings settings) {
        this(new KafkaProducer<>(producerConfig(bootstrapServers, settings.sendTimeout()),
                        new StringSerializer(), new ByteArraySerializer()),
                Topics.ALPHA_EVENTS.valueSerde(registry), settings.sendTimeout());
    }

    AlphaEventPublisher(Producer<String, byte[]> producer, Serde<AlphaEvent> valueSerde, Duration sendTimeout) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.valueSerde = Objects.requireNonNull(valueSerde, "valueSerde");
        this.valueSerializer = valueSerde.serializer();
        this.sendTimeout = Objects.requireNonNull(sendTimeout, "sendTimeout");
    }

    /** The idempotent producer's settings; every wait is bounded by {@code sendTimeout}. */
    static Map<String, Object> producerConfig(String bootstrapServers, Duration sendTimeout) {
        long timeoutMs = sendTimeout.toMillis();
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "reconciler-alpha-events-api",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, String.valueOf(LINGER_MS),
                // metadata and buffer space: how long send() may block
                ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeoutMs),
                // from send() to acknowledged or failed, retries included (must be >= linger + request timeout)
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMs),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.min(30_000, timeoutMs - LINGER_MS)));
    }

    /**
     * Sends every event (key: its agent) and returns once Kafka has acknowledged all of them.
     *
     * @throws PublishException when the registry or Kafka fails, or the acknowledgements do not
     *                          all arrive within the send timeout
     */
    public void publish(List<AlphaEvent> events) throws PublishException {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
        for (AlphaEvent event : events) {
            byte[] value;
            try {
                value = valueSerializer.serialize(TOPIC, event);
            } catch (RuntimeException e) {
                LOG.warn("could not serialise alpha event {} of agent {} with the registry", event.getEventId(), event.getAgent(), e);
                if (RegistryFailure.of(e) == RegistryFailure.REGISTRY_UNAVAILABLE) {
                    throw new PublishException("the schema registry is unavailable; nothing was published, retry later", true, e);
                }
                throw new PublishException("the events could not be encoded with the AlphaEvent schema of the registry;"
                        + " nothing was published", false, e);
            }
            records.add(new ProducerRecord<>(TOPIC, event.getAgent(), value));
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
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(sendTimeout.toMillis() + 2_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw kafkaFailure(e.getCause(), acks, records.size());
        } catch (TimeoutException | RuntimeException e) {
            throw kafkaFailure(e, acks, records.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while waiting for Kafka; retry the whole batch"
                    + " (event ids make a retry safe)", true, e);
        }
    }

    private PublishException kafkaFailure(Throwable failure, List<CompletableFuture<Void>> acks, int total) {
        long acknowledged = acks.stream().filter(a -> a.isDone() && !a.isCompletedExceptionally()).count();
        LOG.warn("publishing {} alpha events to {} failed: {} acknowledged", total, TOPIC, acknowledged, failure);
        String what = failure instanceof TimeoutException || failure instanceof org.apache.kafka.common.errors.TimeoutException
                ? "Kafka did not acknowledge the events within " + sendTimeout.toSeconds() + " s"
                : "Kafka refused the events (" + failure.getClass().getSimpleName() + ")";
        return new PublishException(what + " (" + acknowledged + " of " + total + " acknowledged); retry the whole batch later"
                + " (event ids make a retry safe: the reconciler drops duplicates)", true, failure);
    }

    @PreDestroy
    @Override
    public void close() {
        try {
            producer.close(Duration.ofSeconds(10));
        } finally {
            valueSerde.close();
        }
    }
}
