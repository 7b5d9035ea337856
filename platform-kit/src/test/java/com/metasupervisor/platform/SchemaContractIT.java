package com.metasupervisor.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contracts on the real broker and the real registry, as an agent with a Confluent client
 * sees them: Confluent wire format, ids that {@code /apis/ccompat/v7} resolves, BACKWARD enforced.
 */
@ExtendWith(SharedPlatformExtension.class)
class SchemaContractIT {

    private static LocalPlatform platform;
    private static RegistryHttp registry;

    @BeforeAll
    static void platform(LocalPlatform shared) {
        platform = shared;
        registry = new RegistryHttp(shared.registry());
    }

    static Stream<Topic<?>> catalog() {
        return Topics.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    <V extends SpecificRecord> void everyRecordTypeRoundTripsInConfluentWireFormat(Topic<V> topic) throws Exception {
        V sent = SampleRecords.sample(topic.valueType(), topic.name().hashCode());
        String key = "key-" + UUID.randomUUID();

        try (Serde<V> serde = topic.valueSerde(platform.registry());
             KafkaProducer<String, V> producer = new KafkaProducer<>(RawTopics.producerProps(platform), topic.keySerde().serializer(), serde.serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, sent)).get();
        }

        ConsumerRecord<byte[], byte[]> raw = RawTopics.readOne(platform, topic.name(), key);
        byte[] bytes = raw.value();
        assertThat(bytes[0]).as("magic byte").isEqualTo((byte) 0);
        int schemaId = ByteBuffer.wrap(bytes, 1, 4).getInt();

        RegistryHttp.Answer byId = registry.schemaById(schemaId);
        assertThat(byId.status()).as("GET /apis/ccompat/v7/schemas/ids/%d", schemaId).isEqualTo(200);
        Schema registered = new Schema.Parser().parse(byId.body().get("schema").asText());
        assertThat(registered).as("schema behind id %d", schemaId).isEqualTo(topic.valueSchema());

        try (Serde<V> serde = topic.valueSerde(platform.registry())) {
            V received = serde.deserializer().deserialize(topic.name(), raw.headers(), bytes);
            assertThat(received).isEqualTo(sent);
            assertThat(received).isInstanceOf(topic.valueType());
        }
    }

    @Test
    void aRecordFramedByHandTheConfluentWayIsReadByOurDeserializer() throws Exception {
        String topicName = "contract-test.hand-framed-" + UUID.randomUUID();
        createTopic(topicName);
        PriceTick tick = PriceTick.newBuilder().setSymbol("BTC-USD").setTs(Instant.parse("2026-03-01T10:00:00Z"))
                .setPrice(64_123.5).build();

        // what a Confluent producer does: register under <topic>-value, then 0 + id + Avro binary
        RegistryHttp.Answer registered = registry.register(topicName + "-value", PriceTick.getClassSchema().toString());
        assertThat(registered.status()).as("register through ccompat: %s", registered.body()).isEqualTo(200);
        int id = registered.body().get("id").asInt();
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        framed.write(0);
        framed.write(ByteBuffer.allocate(4).putInt(id).array());
        framed.write(avroBinary(tick));

        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(RawTopics.producerProps(platform), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topicName, "BTC-USD".getBytes(), framed.toByteArray())).get();
        }
        ConsumerRecord<byte[], byte[]> raw = RawTopics.readOne(platform, topicName, "BTC-USD");
        try (Serde<PriceTick> serde = Topics.MARKET_PRICES.valueSerde(platform.registry())) {
            PriceTick read = serde.deserializer().deserialize(topicName, raw.headers(), raw.value());
            assertThat(read).isEqualTo(tick);
        }
    }

    @Test
    void theRegistryRefusesAnIncompatibleChangeAndAcceptsACompatibleOne() {
        String subject = "contract-test.evolution-" + UUID.randomUUID() + "-value";
        String v1 = AlphaEvent.getClassSchema().toString();
        assertThat(registry.register(subject, v1).status()).isEqualTo(200);

        // a new required field: old records cannot be read with it, so BACKWARD refuses it
        String incompatible = withExtraField(v1, "{\"name\":\"venue\",\"type\":\"string\"}");
        RegistryHttp.Answer refused = registry.register(subject, incompatible);
        assertThat(refused.status()).as("incompatible change: %s", refused.body()).isEqualTo(409);

        // a new optional field with a default: old records still read
        String compatible = withExtraField(v1, "{\"name\":\"venue\",\"type\":[\"null\",\"string\"],\"default\":null}");
        RegistryHttp.Answer accepted = registry.register(subject, compatible);
        assertThat(accepted.status()).as("compatible change: %s", accepted.body()).isEqualTo(200);
        assertThat(accepted.body().get("id").asInt()).isPositive();
    }

    /** SPEC §2, issue 9 acceptance 4: FULL_TRANSITIVE on an input topic refuses what BACKWARD let through. */
    @Test
    void theAlphaEventsSubjectRefusesASchemaThatDropsOrRetypesAFieldTheProductReadsAndAcceptsAnOptionalField() {
        String subject = Topics.ALPHA_EVENTS.valueSubject();
        String current = AlphaEvent.getClassSchema().toString();
        assertThat(registry.compatibility(subject).body().get("compatibilityLevel").asText()).isEqualTo("FULL_TRANSITIVE");

        // BACKWARD alone accepted this one: readers of the new schema ignore symbol; the product cannot read it
        RegistryHttp.Answer withoutSymbol = registry.register(subject, withoutField(current, "symbol"));
        assertThat(withoutSymbol.status()).as("AlphaEvent without symbol: %s", withoutSymbol.body()).isEqualTo(409);
        assertThat(withoutSymbol.body().toString()).contains("symbol");

        RegistryHttp.Answer confidenceAsText = registry.register(subject, retyped(current, "confidence", Schema.Type.STRING));
        assertThat(confidenceAsText.status()).as("AlphaEvent with confidence as a string: %s", confidenceAsText.body()).isEqualTo(409);

        RegistryHttp.Answer venue = registry.register(subject,
                withExtraField(current, "{\"name\":\"venue\",\"type\":[\"null\",\"string\"],\"default\":null}"));
        assertThat(venue.status()).as("AlphaEvent with an optional venue: %s", venue.body()).isEqualTo(200);
        assertThat(registry.versions(subject).body()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void everyCatalogSubjectIsRegisteredAtStartUpWithTheCatalogSchemaAndItsRule() {
        var inputs = com.metasupervisor.schemas.ServiceCatalog.standard().writtenByOutsideParties();
        for (Topic<?> topic : Topics.all()) {
            String subject = topic.valueSubject();
            RegistryHttp.Answer first = registry.version(subject, "1");
            assertThat(first.status()).as("GET /subjects/%s/versions/1: %s", subject, first.body()).isEqualTo(200);
            assertThat(new Schema.Parser().parse(first.body().get("schema").asText())).as(subject).isEqualTo(topic.valueSchema());
            assertThat(registry.compatibility(subject).body().get("compatibilityLevel").asText()).as("rule of %s", subject)
                    .isEqualTo(inputs.contains(topic) ? "FULL_TRANSITIVE" : "BACKWARD");
        }
    }

    @Test
    void theRegistryEnforcesBackwardCompatibilityGlobally() {
        assertThat(RegistryProbe.globalCompatibility(platform.registry())).contains("BACKWARD");
    }

    private static String withoutField(String schemaJson, String field) {
        Schema schema = new Schema.Parser().parse(schemaJson);
        List<Schema.Field> kept = schema.getFields().stream().filter(f -> !f.name().equals(field))
                .map(f -> new Schema.Field(f, f.schema())).toList();
        assertThat(kept).as("fields of %s but %s", schema.getName(), field).hasSize(schema.getFields().size() - 1);
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, kept).toString();
    }

    /** The schema with {@code field} of another primitive type (no default: a double's default would not fit). */
    private static String retyped(String schemaJson, String field, Schema.Type type) {
        Schema schema = new Schema.Parser().parse(schemaJson);
        assertThat(schema.getField(field)).as("%s has %s", schema.getName(), field).isNotNull();
        List<Schema.Field> fields = schema.getFields().stream()
                .map(f -> f.name().equals(field) ? new Schema.Field(f.name(), Schema.create(type), f.doc())
                        : new Schema.Field(f, f.schema())).toList();
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields).toString();
    }

    private static String withExtraField(String schemaJson, String fieldJson) {
        int fieldsEnd = schemaJson.lastIndexOf(']');
        return schemaJson.substring(0, fieldsEnd) + "," + fieldJson + schemaJson.substring(fieldsEnd);
    }

    private static byte[] avroBinary(PriceTick tick) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<PriceTick>(PriceTick.getClassSchema()).write(tick, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static void createTopic(String name) throws Exception {
        try (var admin = platform.admin()) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
        }
    }
}
