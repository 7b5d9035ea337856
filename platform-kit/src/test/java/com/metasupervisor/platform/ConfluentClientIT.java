package com.metasupervisor.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.schemas.ServiceCatalog;
import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9, acceptance 3: on a fresh platform where nothing was written yet, an agent whose Confluent client runs
 * with {@code auto.register.schemas=false} and {@code use.latest.version=true} produces and consumes every input
 * topic (every topic an outside party writes, per the service catalog). Confluent's serializer is not on Maven
 * Central, so the client is built by hand the way it works: it asks {@code /apis/ccompat/v7} for the subject's
 * latest version, frames magic byte 0 + the 4-byte id + Avro binary with that schema, and reads a frame back by
 * looking the id up. Its own platform: the shared one has seen writes (and registrations) by other tests.
 */
class ConfluentClientIT {

    private static LocalPlatform platform;
    private static RegistryHttp registry;

    @BeforeAll
    static void freshPlatform() {
        platform = LocalPlatform.start();
        registry = new RegistryHttp(platform.registry());
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    static Stream<Topic<?>> inputTopics() {
        return ServiceCatalog.standard().writtenByOutsideParties().stream();
    }

    @Test
    void thereAreInputTopicsToTry() {
        assertThat(inputTopics()).contains(Topics.ALPHA_EVENTS, Topics.MARKET_PRICES, Topics.GOVERNANCE_CONFIG_PATCHES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputTopics")
    <V extends SpecificRecord> void aClientWithAutoRegistrationOffAndTheLatestVersionProducesAndConsumesIt(Topic<V> topic)
            throws Exception {
        String subject = topic.valueSubject();
        // use.latest.version: the serializer looks the subject up instead of registering (Confluent's 40401 if absent)
        RegistryHttp.Answer latest = registry.version(subject, "latest");
        assertThat(latest.status()).as("GET /subjects/%s/versions/latest on a fresh platform: %s", subject, latest.body())
                .isEqualTo(200);
        int id = latest.body().get("id").asInt();
        Schema schema = new Schema.Parser().parse(latest.body().get("schema").asText());
        assertThat(schema).as("latest schema of %s", subject).isEqualTo(topic.valueSchema());

        V sent = SampleRecords.sample(topic.valueType(), subject.hashCode());
        String key = "confluent-client-" + UUID.randomUUID();
        byte[] frame = frame(id, schema, sent);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(RawTopics.producerProps(platform), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8), frame)).get();
        }

        byte[] read = RawTopics.readOne(platform, topic.name(), key).value();
        assertThat(read).isEqualTo(frame);
        assertThat(unframe(topic, read)).as("read back by the hand-built Confluent deserializer").isEqualTo(sent);
        try (Serde<V> product = topic.valueSerde(platform.registry())) {
            assertThat(product.deserializer().deserialize(topic.name(), read)).as("read by the product's serde").isEqualTo(sent);
        }
        assertThat(registry.versions(subject).body()).as("versions of %s: the client registered nothing", subject).hasSize(1);
    }

    /** What Confluent's KafkaAvroSerializer writes: magic byte 0, the schema id big-endian, the Avro binary. */
    private static <V extends SpecificRecord> byte[] frame(int id, Schema schema, V value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(Integer.BYTES).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<V>(schema).write(value, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** What Confluent's KafkaAvroDeserializer does: check the magic byte, fetch the writer schema by id, decode into the reader's. */
    private static <V extends SpecificRecord> V unframe(Topic<V> topic, byte[] frame) throws IOException {
        assertThat(frame[0]).as("magic byte").isEqualTo((byte) 0);
        int id = ByteBuffer.wrap(frame, 1, Integer.BYTES).getInt();
        RegistryHttp.Answer byId = registry.schemaById(id);
        assertThat(byId.status()).as("GET /schemas/ids/%d: %s", id, byId.body()).isEqualTo(200);
        Schema writer = new Schema.Parser().parse(byId.body().get("schema").asText());
        byte[] payload = Arrays.copyOfRange(frame, 1 + Integer.BYTES, frame.length);
        return new SpecificDatumReader<V>(writer, topic.valueSchema())
                .read(null, DecoderFactory.get().binaryDecoder(payload, null));
    }
}
