package com.metasupervisor.reconciler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.metasupervisor.avro.AlphaEvent;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The publisher against a mock producer: keys, all-or-nothing serialisation, failures told apart. */
class AlphaEventPublisherTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void theProducerIsIdempotentWithAcksAllAndEveryWaitBounded() {
        assertThat(AlphaEventPublisher.producerConfig("broker:9092", Duration.ofSeconds(30)))
                .containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("acks", "all")
                .containsEntry("max.block.ms", "30000")
                .containsEntry("delivery.timeout.ms", "30000")
                .containsEntry("request.timeout.ms", "29995");
    }

    @Test
    void everyEventGoesToAlphaEventsKeyedByItsAgent() throws Exception {
        MockProducer<String, byte[]> producer = producer(true);
        try (AlphaEventPublisher publisher = new AlphaEventPublisher(producer, serde(byId()), TIMEOUT)) {
            publisher.publish(List.of(event("e-1", "agent-a"), event("e-2", "agent-b")));
        }

        assertThat(producer.history()).extracting(ProducerRecord::topic, ProducerRecord::key, r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly(
                        tuple("alpha.events", "agent-a", "e-1"),
                        tuple("alpha.events", "agent-b", "e-2"));
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void aRegistryOutageWhileSerialisingSendsNothingAndIsRetryable() {
        MockProducer<String, byte[]> producer = producer(true);
        Serializer<AlphaEvent> failsOnSecond = (topic, e) -> {
            if (e.getEventId().equals("e-2")) {
                throw new SerializationException("registry", new ConnectException("Connection refused"));
            }
            return e.getEventId().getBytes(StandardCharsets.UTF_8);
        };
        AlphaEventPublisher publisher = new AlphaEventPublisher(producer, serde(failsOnSecond), TIMEOUT);

        assertThatThrownBy(() -> publisher.publish(List.of(event("e-1", "a"), event("e-2", "a"))))
                .isInstanceOfSatisfying(AlphaEventPublisher.PublishException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessage("the schema registry is unavailable; nothing was published, retry later");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aSchemaTheRegistryRefusesIsNotRetryable() {
        Serializer<AlphaEvent> refused = (topic, e) -> {
            throw new SerializationException("incompatible schema");
        };
        AlphaEventPublisher publisher = new AlphaEventPublisher(producer(true), serde(refused), TIMEOUT);

        assertThatThrownBy(() -> publisher.publish(List.of(event("e-1", "a"))))
                .isInstanceOfSatisfying(AlphaEventPublisher.PublishException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("could not be encoded").hasMessageContaining("nothing was published");
    }

    @Test
    void aKafkaFailureAfterSomeAcknowledgementsSaysHowManyAndAsksForARetryOfTheWholeBatch() throws Exception {
        MockProducer<String, byte[]> producer = producer(false);
        AlphaEventPublisher publisher = new AlphaEventPublisher(producer, serde(byId()), TIMEOUT);

        CompletableFuture<Exception> publishing = CompletableFuture.supplyAsync(() -> {
            try {
                publisher.publish(List.of(event("e-1", "a"), event("e-2", "b")));
                return null;
            } catch (AlphaEventPublisher.PublishException e) {
                return e;
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 2);
        producer.completeNext();
        producer.errorNext(new NotLeaderOrFollowerException("gone"));

        assertThat(publishing.get(5, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(AlphaEventPublisher.PublishException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessage("Kafka refused the events (NotLeaderOrFollowerException) (1 of 2 acknowledged); retry the whole batch"
                        + " later (event ids make a retry safe: the reconciler drops duplicates)");
    }

    private static MockProducer<String, byte[]> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new StringSerializer(), new ByteArraySerializer());
    }

    private static Serializer<AlphaEvent> byId() {
        return (topic, e) -> e.getEventId().getBytes(StandardCharsets.UTF_8);
    }

    private static Serde<AlphaEvent> serde(Serializer<AlphaEvent> serializer) {
        return Serdes.serdeFrom(serializer, (topic, bytes) -> {
            throw new UnsupportedOperationException();
        });
    }

    private static AlphaEvent event(String id, String agent) {
        return AlphaEvent.newBuilder().setEventId(id).setAgent(agent).setSymbol("BTC-USD").setDirection(1).setScoreFinal(0.1)
                .setConfidence(0.5).setRegime("TREND").setEmittedAt(Instant.parse("2026-03-01T10:00:00Z")).build();
    }
}
