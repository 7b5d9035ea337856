package com.metasupervisor.streams.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchException;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.platform.SampleRecords;
import com.metasupervisor.platform.SharedPlatformExtension;
import com.metasupervisor.schemas.SchemaRegistration;
import com.metasupervisor.schemas.SchemaRegistration.Compatibility;
import com.metasupervisor.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dead-letter details with the real registry: each kind of bad bytes goes through the product's own serde,
 * and the exception it really throws (not a hand-made one) reaches the handler, configured with the registry
 * as a service's streams config carries it.
 */
@ExtendWith(SharedPlatformExtension.class)
class DeadLetterDetailsIT {

    private static LocalPlatform platform;
    private static Serde<AlphaEvent> serde;
    private static final DeadLetterDeserializationHandler HANDLER = new DeadLetterDeserializationHandler();

    @BeforeAll
    static void platform(LocalPlatform shared) {
        platform = shared;
        serde = Topics.ALPHA_EVENTS.valueSerde(platform.registry());
        HANDLER.configure(Map.of(DeadLetterMetrics.CONFIG_KEY, DeadLetterMetrics.standalone(),
                DeadLetterDeserializationHandler.REGISTRY_URL_CONFIG, platform.registry().url()));
    }

    @AfterAll
    static void close() {
        serde.close();
    }

    @Test
    void garbageBytesShowTheirFirstBytesAndWhatWasExpected() {
        byte[] json = "{\"agent\":\"a1\",\"symbol\":\"BTC\"}".getBytes(StandardCharsets.UTF_8);

        ProducerRecord<byte[], byte[]> dead = deadLetterOf(json);

        assertThat(header(dead, DeadLetter.REASON)).isEqualTo("not_wire_format");
        assertThat(header(dead, DeadLetter.DETAIL)).contains("magic byte 0, a 4-byte schema id")
                .contains("7b 22 61 67 65 6e 74 22").contains("the first byte is 0x7b, not 0")
                .doesNotContain("artifact reference");
    }

    @Test
    void anUnknownSchemaIdIsNamed() {
        byte[] framed = ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(42).array();

        ProducerRecord<byte[], byte[]> dead = deadLetterOf(framed);

        assertThat(header(dead, DeadLetter.REASON)).isEqualTo("unknown_schema");
        assertThat(header(dead, DeadLetter.DETAIL)).startsWith("schema id 987654 ").doesNotContain("ProblemDetails");
    }

    @Test
    void aTruncatedPayloadNamesTheFieldItEndsIn() {
        AlphaEvent event = SampleRecords.sample(AlphaEvent.class, 7);
        byte[] whole = serde.serializer().serialize(Topics.ALPHA_EVENTS.name(), event);
        int id = ByteBuffer.wrap(whole, 1, 4).getInt();
        // header + event_id, agent and symbol as written, then the first byte of a longer varint: direction never ends
        int stringsEnd = 5 + avroStringSize(event.getEventId()) + avroStringSize(event.getAgent()) + avroStringSize(event.getSymbol());
        byte[] truncated = Arrays.copyOf(whole, stringsEnd + 1);
        truncated[stringsEnd] = (byte) 0x81;

        ProducerRecord<byte[], byte[]> dead = deadLetterOf(truncated);

        assertThat(header(dead, DeadLetter.REASON)).isEqualTo("malformed");
        assertThat(header(dead, DeadLetter.DETAIL)).startsWith("schema id " + id + ": ")
                .endsWith("in field `direction`: the bytes end inside it");
    }

    @Test
    void aValueFramedWithTheIdOfASchemaThatRetypesAFieldNamesTheField() {
        // an agent frames its AlphaEvent with the id of a schema registered elsewhere, where confidence is text
        Schema event = AlphaEvent.getClassSchema();
        Schema confidenceAsText = Schema.createRecord(event.getName(), null, event.getNamespace(), false,
                event.getFields().stream().map(f -> f.name().equals("confidence")
                        ? new Schema.Field(f.name(), Schema.create(Schema.Type.STRING)) : new Schema.Field(f, f.schema())).toList());
        int id = SchemaRegistration.to(platform.registry()).register(List.of(new SchemaRegistration.Subject(
                "dead-letter-details-" + UUID.randomUUID() + "-value", confidenceAsText, Compatibility.BACKWARD))).getFirst().id();
        AlphaEvent sample = SampleRecords.sample(AlphaEvent.class, 8);
        var record = new GenericData.Record(confidenceAsText);
        for (Schema.Field f : event.getFields()) {
            Object value = sample.get(f.name());
            record.put(f.name(), f.name().equals("confidence") ? "high" : value instanceof Instant at ? at.toEpochMilli() : value);
        }
        byte[] framed = frame(id, record);

        ProducerRecord<byte[], byte[]> dead = deadLetterOf(framed);

        assertThat(header(dead, DeadLetter.REASON)).isEqualTo("malformed");
        assertThat(header(dead, DeadLetter.DETAIL)).startsWith("schema id " + id + ": the Avro payload (" + (framed.length - 5)
                + " bytes) does not decode: in field `confidence`: AvroTypeException: ").endsWith("Found string, expecting double");
    }

    /** What the handler makes of {@code value} after the product's deserializer really failed on it. */
    private static ProducerRecord<byte[], byte[]> deadLetterOf(byte[] value) {
        Exception thrown = catchException(() -> serde.deserializer().deserialize(Topics.ALPHA_EVENTS.name(), value));
        assertThat(thrown).as("the product's deserializer refuses the value").isNotNull();
        var response = HANDLER.handleError(null, new ConsumerRecord<>(Topics.ALPHA_EVENTS.name(), 0, 1L,
                "a1".getBytes(StandardCharsets.UTF_8), value), thrown);
        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        return response.deadLetterQueueRecords().getFirst();
    }

    private static byte[] frame(int id, GenericRecord record) {
        var out = new ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        try {
            var encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An Avro string: its length as a zig-zag varint, then its UTF-8 bytes. */
    private static int avroStringSize(String s) {
        int length = s.getBytes(StandardCharsets.UTF_8).length;
        long zigzag = (long) length << 1;
        int varint = 1;
        while ((zigzag >>>= 7) != 0) {
            varint++;
        }
        return varint + length;
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String key) {
        return DeadLetter.header(record.headers(), key);
    }
}
