package com.metasupervisor.streams;

import com.metasupervisor.streams.security.TestSecret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.platform.SharedPlatformExtension;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.deadletter.DeadLetter;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Micronaut service built on the kit, on the real broker and registry: bad input is
 * dead-lettered with its reason (exactly once, inside the transaction), the service stays RUNNING
 * and processes the next valid record, and health and Prometheus metrics say so.
 */
@ExtendWith(SharedPlatformExtension.class)
class StreamsServiceIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalPlatform platform;
    private static ApplicationContext service;
    private static EmbeddedServer server;

    @BeforeAll
    static void startService(LocalPlatform shared) throws Exception {
        platform = shared;
        try (var admin = platform.admin()) {
            admin.createTopics(List.of(new NewTopic(PriceGateTopology.VALID_PRICES, 1, (short) 1))).all().get();
        }
        Map<String, Object> config = new HashMap<>();
        config.put(PriceGateTopology.ENABLED, true);
        config.put("kafka.bootstrap.servers", platform.bootstrapServers());
        config.put("registry.url", platform.registry().url());
        config.put("kafka.streams.default.application.id", "streams-kit-it-" + UUID.randomUUID());
        config.put("micronaut.server.port", -1);
        server = ApplicationContext.run(EmbeddedServer.class, TestSecret.in(config));
        service = server.getApplicationContext();
        KafkaStreams streams = service.getBean(KafkaStreams.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void badInputIsDeadLetteredWithItsReasonAndTheServiceGoesOnWithTheNextValidRecord() throws Exception {
        byte[] notWireFormat = "{\"symbol\":\"BTC\",\"price\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] unknownSchema = ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(42).array();
        PriceTick negative = tick("NEG", -5);
        PriceTick valid = tick("ETH", 2_500);

        try (Serde<PriceTick> serde = Topics.MARKET_PRICES.valueSerde(platform.registry());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(platform.clientProperties(),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            String topic = Topics.MARKET_PRICES.name();
            producer.send(new ProducerRecord<>(topic, bytes("BTC"), notWireFormat)).get();
            producer.send(new ProducerRecord<>(topic, bytes("XYZ"), unknownSchema)).get();
            producer.send(new ProducerRecord<>(topic, bytes("NEG"), serde.serializer().serialize(topic, negative))).get();
            producer.send(new ProducerRecord<>(topic, bytes("ETH"), serde.serializer().serialize(topic, valid))).get();
        }

        List<ConsumerRecord<byte[], byte[]>> dead = readCommitted(Topics.MARKET_PRICES.deadLetterTopic(), 3);
        Map<String, String> reasonByKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            reasonByKey.put(new String(r.key(), StandardCharsets.UTF_8), header(r, DeadLetter.REASON));
            assertThat(header(r, DeadLetter.STAGE)).isIn("deserialize", "validate");
            assertThat(header(r, DeadLetter.AT)).isNotBlank();
        }
        assertThat(reasonByKey).containsExactlyInAnyOrderEntriesOf(Map.of(
                "BTC", "not_wire_format",
                "XYZ", "unknown_schema",
                "NEG", "price_not_positive"));
        assertThat(dead).filteredOn(r -> new String(r.key(), StandardCharsets.UTF_8).equals("BTC"))
                .singleElement().satisfies(r -> assertThat(r.value()).isEqualTo(notWireFormat));

        List<ConsumerRecord<byte[], byte[]>> passed = readCommitted(PriceGateTopology.VALID_PRICES, 1);
        try (Serde<PriceTick> serde = Topics.MARKET_PRICES.valueSerde(platform.registry())) {
            assertThat(serde.deserializer().deserialize(PriceGateTopology.VALID_PRICES, passed.getFirst().value())).isEqualTo(valid);
        }
        assertThat(service.getBean(KafkaStreams.class).state()).isEqualTo(KafkaStreams.State.RUNNING);

        String metrics = get("/prometheus").body();
        assertThat(metrics).containsPattern(
                "meta_supervisor_dead_letters_total\\{[^}]*reason=\"price_not_positive\"[^}]*} 1\\.0");
        assertThat(metrics).containsPattern(
                "meta_supervisor_dead_letters_total\\{[^}]*reason=\"unknown_schema\"[^}]*} 1\\.0");
    }

    @Test
    void healthIncludesTheKafkaStreamsState() {
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("kafkaStreams").contains("RUNNING");
    }

    private static HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(path + ": " + e, e);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int expected) {
        Properties props = platform.clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= expected;
            });
            // nothing beyond what was expected: each bad record dead-lettered once
            consumer.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        assertThat(out).as("records on %s", topic).hasSize(expected);
        return out;
    }

    private static PriceTick tick(String symbol, double price) {
        return PriceTick.newBuilder().setSymbol(symbol).setTs(Instant.parse("2026-02-01T09:30:00Z")).setPrice(price).build();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<?, ?> r, String key) {
        var h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

}
