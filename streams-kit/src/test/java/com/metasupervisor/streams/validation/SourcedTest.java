package com.metasupervisor.streams.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class SourcedTest {

    /** Upper-cases the text, and prefixes the value of header "schema" when there is one: a serde that reads headers. */
    private static final Serde<String> UPPER = Serdes.serdeFrom(Serdes.String().serializer(), new Deserializer<>() {
        @Override
        public String deserialize(String topic, byte[] data) {
            return data == null ? null : new String(data, StandardCharsets.UTF_8).toUpperCase();
        }

        @Override
        public String deserialize(String topic, Headers headers, byte[] data) {
            var schema = headers.lastHeader("schema");
            String value = deserialize(topic, data);
            return schema == null || value == null ? value : new String(schema.value(), StandardCharsets.UTF_8) + ":" + value;
        }
    });

    private final Serde<Sourced<String>> serde = Sourced.serde(UPPER);

    @Test
    void theValueComesWithTheBytesItWasReadFrom() {
        byte[] bytes = "btc".getBytes(StandardCharsets.UTF_8);
        Sourced<String> sourced = serde.deserializer().deserialize("t", bytes);
        assertThat(sourced.value()).isEqualTo("BTC");
        assertThat(sourced.bytes()).isSameAs(bytes);
        assertThat(serde.serializer().serialize("t", sourced)).as("written back as it was read").isSameAs(bytes);
    }

    @Test
    void theHeadersReachTheValueSerde() {
        Headers headers = new RecordHeaders().add("schema", "v2".getBytes(StandardCharsets.UTF_8));
        assertThat(serde.deserializer().deserialize("t", headers, "eth".getBytes(StandardCharsets.UTF_8)).value()).isEqualTo("v2:ETH");
    }

    @Test
    void noValueStaysNoValue() {
        assertThat(serde.deserializer().deserialize("t", new RecordHeaders(), (byte[]) null)).isNull();
        assertThat(serde.serializer().serialize("t", null)).isNull();
    }

    @Test
    void aTimestampExtractorSeesTheValueInside() {
        assertThat(Sourced.valueOf(new Sourced<>("v", new byte[0]))).isEqualTo("v");
        assertThat(Sourced.valueOf("plain")).isEqualTo("plain");
        assertThat(Sourced.valueOf(null)).isNull();
    }
}
