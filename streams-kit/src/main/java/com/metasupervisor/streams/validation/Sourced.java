package com.metasupervisor.streams.validation;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A value together with the bytes it was read from. Past the source node Kafka Streams has only
 * the deserialised value; a {@link ValidationStep} needs the original bytes to dead-letter an
 * invalid value as it came (a registry serde re-encoding it would write the reader's schema, not
 * the producer's). Read a topic with {@link #serde(Serde)} and validate it right after the source.
 *
 * @param value the deserialised value (null only if the value serde made null of bytes)
 * @param bytes the bytes as they were on the topic (null only if the value serde made a value of none)
 */
public record Sourced<V>(V value, byte[] bytes) {

    /**
     * {@code values}, keeping the bytes beside each value. A record without a value stays null;
     * bytes that do not deserialise fail in {@code values} as before (the deserialisation handler
     * dead-letters them). Written back, a value is its original bytes.
     */
    public static <V> Serde<Sourced<V>> serde(Serde<V> values) {
        Objects.requireNonNull(values, "values");
        Deserializer<V> inner = values.deserializer();
        Deserializer<Sourced<V>> keeping = new Deserializer<>() {
            @Override
            public void configure(Map<String, ?> configs, boolean isKey) {
                inner.configure(configs, isKey);
            }

            @Override
            public Sourced<V> deserialize(String topic, byte[] data) {
                return of(inner.deserialize(topic, data), data);
            }

            @Override
            public Sourced<V> deserialize(String topic, Headers headers, byte[] data) {
                return of(inner.deserialize(topic, headers, data), data); // a serde may read its schema from the headers
            }

            @Override
            public void close() {
                inner.close();
            }
        };
        Serializer<Sourced<V>> asRead = (topic, sourced) -> sourced == null ? null : sourced.bytes();
        return Serdes.serdeFrom(asRead, keeping);
    }

    /** The value inside a {@code Sourced}, else {@code recordValue} itself: for timestamp extractors. */
    public static Object valueOf(Object recordValue) {
        return recordValue instanceof Sourced<?> sourced ? sourced.value() : recordValue;
    }

    private static <V> Sourced<V> of(V value, byte[] bytes) {
        return value == null && bytes == null ? null : new Sourced<>(value, bytes);
    }
}
