package com.metasupervisor.risk.topology;

import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.streams.state.PlainAvroSerde;
import com.metasupervisor.streams.state.StateBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The values of the store {@code agent-stats-published} (and its changelog): a {@link StateBytes} version byte,
 * then the AgentStats as Avro binary. The store outlives a release, and Avro binary alone cannot be read by a
 * build whose AgentStats has other fields, so the version names the schema the record was written with:
 * <ul>
 *   <li>{@value #VERSION}: the AgentStats of this build (with {@code unpriced_rate}). When AgentStats changes,
 *       take version 2 and keep reading version 1 with a copy of this schema.</li>
 *   <li>no version byte: written by the release before, plain Avro binary of the AgentStats without
 *       {@code unpriced_rate} (a resource copy); it reads with {@code unpriced_rate} 0. Such a record starts with
 *       the agent id's length as a zig-zag varint, which is even for any length below 64 and has its high bit set
 *       from 64 on, so its first byte is never 1.</li>
 * </ul>
 */
final class PublishedAgentStatsSerde implements Serde<AgentStats> {

    static final byte VERSION = 1;
    static final String BEFORE_UNPRICED_RATE_RESOURCE = "AgentStats-before-unpriced-rate.avsc";
    private static final String TYPE = "published AgentStats";

    private final PlainAvroSerde<AgentStats> current = new PlainAvroSerde<>(AgentStats.class);
    private final PlainAvroSerde<AgentStats> beforeUnpricedRate = new PlainAvroSerde<>(AgentStats.class, schemaBeforeUnpricedRate());

    static Schema schemaBeforeUnpricedRate() {
        try (InputStream in = PublishedAgentStatsSerde.class.getResourceAsStream(BEFORE_UNPRICED_RATE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(BEFORE_UNPRICED_RATE_RESOURCE + " is not on the classpath");
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Serializer<AgentStats> serializer() {
        return (topic, value) -> value == null ? null : encode(value);
    }

    @Override
    public Deserializer<AgentStats> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }

    byte[] encode(AgentStats value) {
        byte[] avro = current.encode(value);
        return StateBytes.write(VERSION, avro.length, out -> out.writeRest(avro));
    }

    AgentStats decode(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == VERSION) {
            return StateBytes.read(bytes, VERSION, TYPE, in -> current.decode(in.readRest()));
        }
        try {
            return beforeUnpricedRate.decode(bytes);
        } catch (SerializationException e) {
            throw new SerializationException("cannot decode " + bytes.length + " bytes of " + TYPE
                    + " (no version byte: the release before unpriced_rate): " + e.getMessage(), e);
        }
    }
}
