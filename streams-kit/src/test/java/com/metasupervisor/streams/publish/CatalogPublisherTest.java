package com.metasupervisor.streams.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.TopicSerdes;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.connection.KafkaConnection;
import com.metasupervisor.streams.publish.CatalogPublisher.Keyed;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The publisher against Kafka's MockProducer: keys and tombstones, all-or-nothing serialisation, failures told apart. */
class CatalogPublisherTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void theProducerIsIdempotentWithAcksAllAndEveryWaitBounded() {
        assertThat(CatalogPublisher.producerConfig("broker:9092", "governance-publisher", Duration.ofSeconds(30)))
                .containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("client.id", "governance-publisher")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("acks", "all")
                .containsEntry("max.block.ms", "30000")
                .containsEntry("delivery.timeout.ms", "30000")
                .containsEntry("request.timeout.ms", "29995");
    }

    @Test
    void theProducerConnectsWithTheServicesSecuritySettings() {
        KafkaConnection sasl = new KafkaConnection("kafka:29092", Map.of("security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\" password=\"pw\";"));
        Map<String, Object> config = CatalogPublisher.producerConfig(sasl, "reconciler-alpha-events-api", Duration.ofSeconds(30));
        assertThat(config)
                .containsEntry("bootstrap.servers", "kafka:29092")
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", sasl.security().get("sasl.jaas.config"))
                .containsEntry("enable.idempotence", "true");
        // Kafka accepts it as a producer config (a misspelt key or a bad protocol would fail here)
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        assertThat(new ProducerConfig(config).getString("security.protocol")).isEqualTo("SASL_PLAINTEXT");
    }

    @Test
    void everyRecordGoesToItsTopicWithItsKeyAndANullValueIsATombstone() throws Exception {
        MockProducer<String, byte[]> producer = producer(true);
        try (CatalogPublisher publisher = new CatalogPublisher(producer, serdes(byId()), TIMEOUT)) {
            publisher.publish(Topics.ALPHA_EVENTS, List.of(new Keyed<>("agent-a", event("e-1", "agent-a")),
                    new Keyed<>("agent-b", event("e-2", "agent-b"))));
            publisher.publish(Topics.AGENTS_REGISTRY, "gone", (AgentManifest) null);
        }

        assertThat(producer.history()).extracting(ProducerRecord::topic, ProducerRecord::key,
                        r -> r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly(
                        tuple("alpha.events", "agent-a", "e-1"),
                        tuple("alpha.events", "agent-b", "e-2"),
                        tuple("agents.registry", "gone", null));
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void aRecordCarriesItsOwnTimestampWhenGivenAndACopyGoesToTheTargetTopic() throws Exception {
        MockProducer<String, byte[]> producer = producer(true);
        java.time.Instant past = java.time.Instant.parse("2026-10-01T12:00:00Z");
        try (CatalogPublisher publisher = new CatalogPublisher(producer, serdes(byId()), TIMEOUT)) {
            publisher.publish(Topics.ALPHA_EVENTS, List.of(new Keyed<>("agent-a", event("e-1", "agent-a"), past),
                    new Keyed<>("agent-b", event("e-2", "agent-b"))));
            publisher.publishTo("alpha.events.copy", Topics.ALPHA_EVENTS, List.of(new Keyed<>("agent-c", event("e-3", "agent-c"), past)));
        }

        assertThat(producer.history()).extracting(ProducerRecord::topic, ProducerRecord::key, ProducerRecord::timestamp)
                .containsExactly(
                        tuple("alpha.events", "agent-a", past.toEpochMilli()),
                        tuple("alpha.events", "agent-b", null),
                        tuple("alpha.events.copy", "agent-c", past.toEpochMilli()));
    }

    @Test
    void aRegistryOutageWhileSerialisingSendsNothingAndIsRetryable() {
        MockProducer<String, byte[]> producer = producer(true);
        Serializer<SpecificRecord> failsOnSecond = (topic, e) -> {
            if (((AlphaEvent) e).getEventId().equals("e-2")) {
                throw new SerializationException("registry", new ConnectException("Connection refused"));
            }
            return ((AlphaEvent) e).getEventId().getBytes(StandardCharsets.UTF_8);
        };
        CatalogPublisher publisher = new CatalogPublisher(producer, serdes(failsOnSecond), TIMEOUT);

        assertThatThrownBy(() -> publisher.publish(Topics.ALPHA_EVENTS, List.of(new Keyed<>("a", event("e-1", "a")),
                new Keyed<>("a", event("e-2", "a")))))
                .isInstanceOfSatisfying(CatalogPublisher.PublishException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.partial()).isFalse();
                })
                .hasMessage("the schema registry is unavailable; nothing was published, retry later");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aSchemaTheRegistryRefusesIsNotRetryable() {
        Serializer<SpecificRecord> refused = (topic, e) -> {
            throw new SerializationException("incompatible schema");
        };
        CatalogPublisher publisher = new CatalogPublisher(producer(true), serdes(refused), TIMEOUT);

        assertThatThrownBy(() -> publisher.publish(Topics.ALPHA_EVENTS, "a", event("e-1", "a")))
                .isInstanceOfSatisfying(CatalogPublisher.PublishException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessage("the records could not be encoded with the AlphaEvent schema of the registry; nothing was published");
    }

    @Test
    void aKafkaFailureAfterSomeAcknowledgementsSaysHowManyAndIsRetryable() throws Exception {
        MockProducer<String, byte[]> producer = producer(false);
        CatalogPublisher publisher = new CatalogPublisher(producer, serdes(byId()), TIMEOUT);

        CompletableFuture<Exception> publishing = CompletableFuture.supplyAsync(() -> {
            try {
                publisher.publish(Topics.ALPHA_EVENTS, List.of(new Keyed<>("a", event("e-1", "a")), new Keyed<>("b", event("e-2", "b"))));
                return null;
            } catch (CatalogPublisher.PublishException e) {
                return e;
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 2);
        producer.completeNext();
        producer.errorNext(new NotLeaderOrFollowerException("gone"));

        assertThat(publishing.get(5, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(CatalogPublisher.PublishException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.partial()).isTrue();
                })
                .hasMessage("Kafka refused the records (NotLeaderOrFollowerException) (1 of 2 acknowledged to alpha.events);"
                        + " publish the batch again later");
    }

    private static MockProducer<String, byte[]> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new StringSerializer(), new ByteArraySerializer());
    }

    private static Serializer<SpecificRecord> byId() {
        return (topic, e) -> ((AlphaEvent) e).getEventId().getBytes(StandardCharsets.UTF_8);
    }

    /** Every topic's values through {@code serializer} (a stand-in for the registry's). */
    private static TopicSerdes serdes(Serializer<SpecificRecord> serializer) {
        return new TopicSerdes() {
            @Override
            @SuppressWarnings("unchecked")
            public <V extends SpecificRecord> Serde<V> value(Topic<V> topic) {
                return (Serde<V>) Serdes.serdeFrom(serializer, (t, bytes) -> {
                    throw new UnsupportedOperationException();
                });
            }
        };
    }

    private static AlphaEvent event(String id, String agent) {
        return AlphaEvent.newBuilder().setEventId(id).setAgent(agent).setSymbol("BTC-USD").setDirection(1).setScoreFinal(0.1)
                .setConfidence(0.5).setRegime("TREND").setEmittedAt(Instant.parse("2026-03-01T10:00:00Z")).build();
    }
}
