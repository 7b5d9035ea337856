package com.metasupervisor.reconciler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.state.PlainAvroSerde;
import com.metasupervisor.streams.validation.Violation;
import com.metasupervisor.testkit.TestCredentials;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.util.Utf8;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field of {@code AlphaEvent.avsc} is bound by {@code POST /alpha-events}: each is sent as JSON
 * and read back from the Avro record the request produced (through a mock producer, no broker), and
 * a version of the schema with one more optional field round-trips through the same binding with no
 * change to the code.
 */
class AlphaEventSchemaBindingTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = AlphaEvent.getClassSchema();

    /** Every field given, none at its schema default: a field bound by nobody would show. */
    private static final AlphaEvent EVERY_FIELD = AlphaEvent.newBuilder()
            .setEventId("bind-every-field").setAgent("arb-7").setSymbol("ETH-USD").setDirection(-1).setScoreFinal(-1.25)
            .setConfidence(0.35).setRegime("CRISIS").setEmittedAt(Instant.parse("2026-03-01T10:00:00.123Z"))
            .setEntryPrice(2_512.25).setHorizonsHours(List.of(4, 24, 72)).setStrategyClass("funding").build();

    private static EmbeddedServer server;
    private static MockProducer<String, byte[]> producer;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void start() {
        server = ApplicationContext.run(EmbeddedServer.class, TestCredentials.in(new HashMap<>(Map.of(
                MockKafkaPublisherFactory.ENABLED, true,
                "kafka.bootstrap.servers", "127.0.0.1:1",
                "registry.url", "http://127.0.0.1:1",
                "micronaut.server.port", -1,
                "kafka.streams.default.application.id", "alpha-binding-test-" + UUID.randomUUID(),
                "kafka.streams.default.start-kafka-streams", false))));
        producer = server.getApplicationContext().getBean(MockProducer.class);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.getApplicationContext().close();
        }
    }

    @Test
    void theSampleGivesEveryFieldOfTheSchemaAValueOtherThanItsDefault() {
        // when a field is added to AlphaEvent.avsc, EVERY_FIELD must be given a value for it
        for (Schema.Field field : SCHEMA.getFields()) {
            if (field.hasDefaultValue()) {
                assertThat(EVERY_FIELD.get(field.pos())).as(field.name())
                        .isNotEqualTo(SpecificData.getForClass(AlphaEvent.class).getDefaultValue(field));
            }
        }
    }

    @Test
    void everyFieldOfTheSchemaSentAsJsonIsInTheProducedAvroRecord() throws Exception {
        ObjectNode body = JSON.createObjectNode();
        for (Schema.Field field : SCHEMA.getFields()) {
            body.set(field.name(), json(EVERY_FIELD.get(field.pos())));
        }

        HttpResponse<String> response = post(body.toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        AlphaEvent produced = produced(EVERY_FIELD.getEventId());
        SoftAssertions fields = new SoftAssertions();
        for (Schema.Field field : SCHEMA.getFields()) {
            fields.assertThat(produced.get(field.pos())).as(field.name()).isEqualTo(EVERY_FIELD.get(field.pos()));
        }
        fields.assertAll();
        assertThat(produced).isEqualTo(EVERY_FIELD);
    }

    @Test
    void everyFieldLeftOutTakesItsDefaultFromTheSchema() throws Exception {
        ObjectNode body = JSON.createObjectNode();
        for (Schema.Field field : SCHEMA.getFields()) {
            if (!field.hasDefaultValue()) {
                body.set(field.name(), json(EVERY_FIELD.get(field.pos())));
            }
        }
        body.put("event_id", "bind-defaults");

        HttpResponse<String> response = post(body.toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        AlphaEvent produced = produced("bind-defaults");
        SpecificData model = SpecificData.getForClass(AlphaEvent.class);
        for (Schema.Field field : SCHEMA.getFields()) {
            if (field.hasDefaultValue()) {
                assertThat(produced.get(field.pos())).as(field.name()).isEqualTo(model.getDefaultValue(field));
            }
        }
        assertThat(produced.getHorizonsHours()).containsExactly(1, 4, 24);
    }

    /** Fields a later AlphaEvent.avsc might add: the field, a JSON value, it as read back, its default, a wrongly typed value. */
    static Stream<Arguments> addedFields() {
        return Stream.of(
                Arguments.of("{\"name\":\"venue\",\"type\":[\"null\",\"string\"],\"default\":null}",
                        "\"binance\"", "binance", null, "42"),
                Arguments.of("{\"name\":\"max_slippage_bps\",\"type\":\"double\",\"default\":5.0}",
                        "2.5", 2.5, 5.0, "\"2.5\""),
                Arguments.of("{\"name\":\"tags\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"default\":[]}",
                        "[\"momentum\",\"eu\"]", List.of("momentum", "eu"), List.of(), "\"momentum\""),
                Arguments.of("{\"name\":\"liquidity\",\"type\":{\"type\":\"enum\",\"name\":\"Liquidity\",\"symbols\":[\"MAKER\",\"TAKER\"]},"
                        + "\"default\":\"TAKER\"}", "\"MAKER\"", "MAKER", "TAKER", "1"),
                Arguments.of("{\"name\":\"expires_at\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}],"
                        + "\"default\":null}", "\"2026-03-02T10:00:00Z\"", Instant.parse("2026-03-02T10:00:00Z"), null, "true"),
                Arguments.of("{\"name\":\"limits\",\"type\":{\"type\":\"map\",\"values\":\"int\"},\"default\":{}}",
                        "{\"orders\":3}", Map.of("orders", 3), Map.of(), "[3]"));
    }

    @ParameterizedTest
    @MethodSource("addedFields")
    void aSchemaWithOneMoreOptionalFieldRoundTripsThroughTheSameBindingWithoutCodeChanges(
            String addedField, String sent, Object readBack, Object byDefault, String wronglyTyped) throws Exception {
        Schema later = withField(addedField);
        String name = JSON.readTree(addedField).get("name").asText();
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        AvroJsonBinding<GenericRecord> binding = AlphaEventJson.binding(later, model);
        ObjectNode item = JSON.createObjectNode();
        for (Schema.Field field : SCHEMA.getFields()) {
            item.set(field.name(), json(EVERY_FIELD.get(field.pos())));
        }

        GenericRecord given = bind(binding, item.deepCopy().set(name, JSON.readTree(sent)));
        GenericRecord absent = bind(binding, item);

        for (GenericRecord record : List.of(given, absent)) {
            for (Schema.Field field : SCHEMA.getFields()) {
                assertThat(plain(record.get(field.name()))).as(field.name()).isEqualTo(EVERY_FIELD.get(field.pos()));
            }
        }
        assertThat(plain(given.get(name))).isEqualTo(readBack);
        assertThat(plain(absent.get(name))).isEqualTo(byDefault);
        // and as Avro: written with the later schema and read back
        assertThat(plain(roundTrip(later, model, given).get(name))).isEqualTo(readBack);
        assertThat(plain(roundTrip(later, model, absent).get(name))).isEqualTo(byDefault);

        AvroJsonBinding.Bound<GenericRecord> wrong = binding.read(0,
                item.deepCopy().set(name, JSON.readTree(wronglyTyped)), Set.of(), record -> List.of());
        assertThat(wrong.errors()).extracting(Violation::field, Violation::reason).containsExactly(tuple(name, "wrong_type"));
    }

    @Test
    void aFieldOfATypeWithNoJsonBindingIsRefusedWhenTheBindingIsMadeNotDroppedLater() throws Exception {
        Schema later = withField("{\"name\":\"venue\",\"type\":{\"type\":\"record\",\"name\":\"Venue\",\"fields\":"
                + "[{\"name\":\"mic\",\"type\":\"string\"}]},\"default\":{\"mic\":\"XNAS\"}}");

        assertThatThrownBy(() -> AlphaEventJson.binding(later, new GenericData()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("venue: an Avro record has no JSON binding");
    }

    private static GenericRecord bind(AvroJsonBinding<GenericRecord> binding, JsonNode item) {
        AvroJsonBinding.Bound<GenericRecord> bound = binding.read(0, item, Set.of(), record -> List.of());
        assertThat(bound.errors()).isEmpty();
        return bound.record();
    }

    /** AlphaEvent.avsc with one more field, under another name so no generated class is looked up. */
    private static Schema withField(String field) throws Exception {
        ObjectNode schema = (ObjectNode) JSON.readTree(SCHEMA.toString());
        schema.put("name", "LaterAlphaEvent");
        ((ArrayNode) schema.get("fields")).add(JSON.readTree(field));
        return new Schema.Parser().parse(schema.toString());
    }

    private static GenericRecord roundTrip(Schema schema, GenericData model, GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema, model).write(record, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(schema, schema, model)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    /** Avro's representations (Utf8, enum symbols, its arrays and maps) as plain Java values, to compare. */
    private static Object plain(Object value) {
        return switch (value) {
            case Utf8 u -> u.toString();
            case GenericData.EnumSymbol e -> e.toString();
            case List<?> l -> l.stream().map(AlphaEventSchemaBindingTest::plain).toList();
            case Map<?, ?> m -> m.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                    e -> e.getKey().toString(), e -> plain(e.getValue())));
            case null, default -> value;
        };
    }

    /** A record value as the JSON an agent sends: instants as ISO-8601 text. */
    private static JsonNode json(Object value) {
        return value instanceof Instant at ? JSON.getNodeFactory().textNode(at.toString()) : JSON.valueToTree(value);
    }

    private static AlphaEvent produced(String eventId) {
        PlainAvroSerde<AlphaEvent> avro = new PlainAvroSerde<>(AlphaEvent.class);
        List<ProducerRecord<String, byte[]>> sent = producer.history().stream()
                .filter(r -> avro.decode(r.value()).getEventId().equals(eventId)).toList();
        assertThat(sent).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo(Topics.ALPHA_EVENTS.name());
            assertThat(r.key()).isEqualTo(EVERY_FIELD.getAgent());
        });
        return avro.decode(sent.getFirst().value());
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + "/alpha-events"))
                        .header("Authorization", TestCredentials.bearer(TestCredentials.agent(EVERY_FIELD.getAgent())))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
