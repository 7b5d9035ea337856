package com.metasupervisor.streams.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.avro.AlphaEvent;
import com.sun.net.httpserver.HttpServer;
import io.apicurio.registry.rest.client.models.ProblemDetails;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.EncoderFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class DeadLetterDeserializationHandlerTest {

    private final DeadLetterMetrics metrics = DeadLetterMetrics.standalone();
    private final DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();

    DeadLetterDeserializationHandlerTest() {
        handler.configure(Map.of(DeadLetterMetrics.CONFIG_KEY, metrics));
    }

    @Test
    void aRegistryOutageFailsTheTaskSoTheRecordIsRetriedNotDeadLettered() {
        byte[] framed = {0, 0, 0, 0, 7, 2, 4};
        var response = handler.handleError(context(), record(framed), new RuntimeException(new ConnectException("refused")));
        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(metrics.count("alpha.events", "deserialize", "malformed")).isZero();
    }

    @Test
    void bytesInTheWireFormatThatDoNotDecodeAreMalformed() {
        byte[] framed = {0, 0, 0, 0, 7, -1, -1, -1};
        var response = handler.handleError(context(), record(framed), new IllegalStateException("bad varint"));
        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        var dead = response.deadLetterQueueRecords().getFirst();
        assertThat(dead.topic()).isEqualTo("alpha.events.dlq");
        assertThat(dead.value()).isEqualTo(framed);
        assertThat(new String(dead.headers().lastHeader(DeadLetter.REASON).value(), StandardCharsets.UTF_8)).isEqualTo("malformed");
        assertThat(metrics.count("alpha.events", "deserialize", "malformed")).isEqualTo(1);
    }

    @Test
    void emptyOrUnframedBytesAreNotInTheWireFormat() {
        assertThat(DeadLetterDeserializationHandler.classify(null, new RuntimeException())).isEqualTo("not_wire_format");
        assertThat(DeadLetterDeserializationHandler.classify(new byte[] {0, 0, 1}, new RuntimeException())).isEqualTo("not_wire_format");
        assertThat(DeadLetterDeserializationHandler.classify("{}{}{}".getBytes(), new RuntimeException())).isEqualTo("not_wire_format");
    }

    @Test
    void bytesNotInTheWireFormatAreShownInHexWithWhatWasExpected() {
        byte[] json = "{\"symbol\":\"BTC\",\"price\":1}".getBytes(StandardCharsets.UTF_8);
        var response = handler.handleError(context(), record(json), new IllegalStateException("artifact reference cannot be null"));

        String detail = header(response.deadLetterQueueRecords().getFirst(), DeadLetter.DETAIL);
        assertThat(header(response.deadLetterQueueRecords().getFirst(), DeadLetter.REASON)).isEqualTo("not_wire_format");
        assertThat(detail).isEqualTo("not the Confluent wire format: magic byte 0, a 4-byte schema id, then Avro binary;"
                + " got 26 bytes starting 7b 22 73 79 6d 62 6f 6c 22 3a 22 42 54 43 22 2c … (text \"{\"symbol\":\"BTC\",…\");"
                + " the first byte is 0x7b, not 0");
        assertThat(handler.detail("alpha.events", new byte[] {0, 0, 1}, "not_wire_format", new RuntimeException()))
                .endsWith("got 3 bytes 00 00 01; shorter than the 5-byte header");
        assertThat(handler.detail("alpha.events", new byte[] {(byte) 0xc3, 0x01}, "not_wire_format", new RuntimeException()))
                .endsWith("got 2 bytes c3 01; the first byte is 0xc3, not 0");
        assertThat(handler.detail("alpha.events", null, "not_wire_format", new RuntimeException())).endsWith("got no value (null)");
    }

    @Test
    void anUnknownSchemaIdIsNamed() {
        ProblemDetails notFound = new ProblemDetails();
        notFound.setStatus(404);
        byte[] framed = ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(42).array();

        var response = handler.handleError(context(), record(framed), new RuntimeException(notFound));

        assertThat(header(response.deadLetterQueueRecords().getFirst(), DeadLetter.REASON)).isEqualTo("unknown_schema");
        assertThat(header(response.deadLetterQueueRecords().getFirst(), DeadLetter.DETAIL))
                .startsWith("schema id 987654 (bytes 1-4 of the value) is not in the registry")
                .doesNotContain("ProblemDetails");
    }

    @Test
    void aPayloadThatEndsInsideAFieldNamesTheFieldAsTheCatalogsSchemaReadsItWhenNoRegistryIsConfigured() {
        // event_id "e1", agent "a1", symbol "BTC", then a varint of direction that never ends
        byte[] payload = {4, 'e', '1', 4, 'a', '1', 6, 'B', 'T', 'C', (byte) 0x81};

        var response = handler.handleError(context(), record(frame(7, payload)),
                new java.io.UncheckedIOException(new java.io.EOFException()));

        assertThat(header(response.deadLetterQueueRecords().getFirst(), DeadLetter.REASON)).isEqualTo("malformed");
        assertThat(header(response.deadLetterQueueRecords().getFirst(), DeadLetter.DETAIL)).isEqualTo(
                "schema id 7 (read with the catalog's AlphaEvent schema: the registry was not asked): the Avro payload"
                        + " (11 bytes) does not decode: in field `direction`: the bytes end inside it");
    }

    @Test
    void aWriterSchemaFromTheRegistryThatRetypesOrDropsAFieldIsNamedWithTheField() throws Exception {
        Schema confidenceAsText = retyped(AlphaEvent.getClassSchema(), "confidence");
        Schema withoutSymbol = Schema.createRecord("AlphaEvent", null, "com.metasupervisor.avro", false,
                AlphaEvent.getClassSchema().getFields().stream().filter(f -> !f.name().equals("symbol"))
                        .map(f -> new Schema.Field(f, f.schema())).toList());
        HttpServer registry = standInRegistry(Map.of(11, confidenceAsText, 12, withoutSymbol));
        try {
            handler.configure(Map.of(DeadLetterMetrics.CONFIG_KEY, metrics,
                    DeadLetterDeserializationHandler.REGISTRY_URL_CONFIG, "http://127.0.0.1:" + registry.getAddress().getPort()));

            GenericRecord retypedEvent = sampleOf(confidenceAsText);
            retypedEvent.put("confidence", "high");
            String retypedDetail = handler.detail("alpha.events", frame(11, binary(retypedEvent)), "malformed", new RuntimeException());
            assertThat(retypedDetail).startsWith("schema id 11: the Avro payload")
                    .contains("in field `confidence`: AvroTypeException: ").endsWith("Found string, expecting double");

            String droppedDetail = handler.detail("alpha.events", frame(12, binary(sampleOf(withoutSymbol))), "malformed",
                    new RuntimeException());
            assertThat(droppedDetail).startsWith("schema id 12: the Avro payload").contains("missing required field symbol");

            // an id the registry does not answer for: the catalog's schema reads the payload instead
            assertThat(handler.detail("alpha.events", frame(13, new byte[] {4, 'e'}), "malformed", new RuntimeException()))
                    .startsWith("schema id 13 (read with the catalog's AlphaEvent schema").contains("in field `event_id`");
        } finally {
            registry.stop(0);
        }
    }

    @Test
    void aPayloadThatDecodesIsDescribedByTheExceptionItFailedWith() {
        String detail = handler.detail("some.topic", frame(7, new byte[] {1}), "malformed", new IllegalStateException("outer",
                new IllegalArgumentException("the real cause")));
        assertThat(detail).isEqualTo("schema id 7: java.lang.IllegalStateException: outer caused by"
                + " java.lang.IllegalArgumentException: the real cause");
    }

    @Test
    void aDeadLetterRefusesFreeTextAsItsReason() {
        assertThatThrownBy(() -> DeadLetter.ofDerived("t", "validate", "Price was -1!", "", Instant.EPOCH))
                .hasMessageContaining("snake_case code");
    }

    @Test
    void theDeadLetterKeepsOriginalHeadersButReplacesStaleErrorHeaders() {
        Headers original = new RecordHeaders().add("trace", "t1".getBytes()).add(DeadLetter.REASON, "old".getBytes());
        var consumed = new ConsumerRecord<>("alpha.events", 2, 9, 0L, TimestampType.CREATE_TIME, 1, 1, "k".getBytes(), "v".getBytes(),
                original, Optional.empty());
        var record = DeadLetter.ofRecord(consumed, "validate", "confidence_out_of_range", "confidence: 1.5",
                Instant.parse("2026-01-01T00:00:00Z")).toProducerRecord(-1);
        assertThat(record.headers().headers(DeadLetter.REASON)).hasSize(1);
        assertThat(new String(record.headers().lastHeader(DeadLetter.REASON).value())).isEqualTo("confidence_out_of_range");
        assertThat(new String(record.headers().lastHeader("trace").value())).isEqualTo("t1");
        assertThat(new String(record.headers().lastHeader(DeadLetter.AT).value())).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(new String(record.headers().lastHeader(DeadLetter.SOURCE).value())).isEqualTo("alpha.events-2@9");
    }

    private static byte[] frame(int id, byte[] payload) {
        return ByteBuffer.allocate(5 + payload.length).put((byte) 0).putInt(id).put(payload).array();
    }

    private static String header(org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]> record, String key) {
        return DeadLetter.header(record.headers(), key);
    }

    private static Schema retyped(Schema schema, String field) {
        List<Schema.Field> fields = schema.getFields().stream()
                .map(f -> f.name().equals(field) ? new Schema.Field(f.name(), Schema.create(Schema.Type.STRING), f.doc())
                        : new Schema.Field(f, f.schema())).toList();
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    /** An AlphaEvent-like record of {@code schema} with every field set. */
    private static GenericRecord sampleOf(Schema schema) {
        GenericRecord record = new GenericData.Record(schema);
        for (Schema.Field f : schema.getFields()) {
            record.put(f.name(), switch (f.name()) {
                case "direction" -> 1;
                case "score_final", "confidence" -> 0.5;
                case "emitted_at" -> 1_767_225_600_000L;
                case "entry_price", "strategy_class" -> null;
                case "horizons_hours" -> List.of(1, 4);
                default -> "x-" + f.name();
            });
        }
        return record;
    }

    private static byte[] binary(GenericRecord record) throws java.io.IOException {
        var out = new java.io.ByteArrayOutputStream();
        var encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** Answers {@code GET /apis/ccompat/v7/schemas/ids/{id}} for {@code schemas}, 404 for any other id. */
    private static HttpServer standInRegistry(Map<Integer, Schema> schemas) throws java.io.IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/apis/ccompat/v7/schemas/ids/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            Schema schema = schemas.get(Integer.valueOf(path.substring(path.lastIndexOf('/') + 1)));
            byte[] body = (schema == null ? "{\"error_code\":40403}"
                    : new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("schema", schema.toString()).toString())
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(schema == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>("alpha.events", 0, 5L, "agent-7".getBytes(), value);
    }

    private static ErrorHandlerContext context() {
        return new ErrorHandlerContext() {
            public String topic() { return "alpha.events"; }
            public int partition() { return 0; }
            public long offset() { return 5; }
            public Headers headers() { return new RecordHeaders(); }
            public String processorNodeId() { return "KSTREAM-SOURCE-0000000000"; }
            public TaskId taskId() { return new TaskId(0, 0); }
            public long timestamp() { return 0; }
            public byte[] sourceRawKey() { return "agent-7".getBytes(); }
            public byte[] sourceRawValue() { return null; }
        };
    }
}
