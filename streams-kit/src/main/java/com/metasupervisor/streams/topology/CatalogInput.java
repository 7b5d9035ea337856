package com.metasupervisor.streams.topology;

import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.TopicSerdes;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.state.PlainAvroSerde;
import com.metasupervisor.streams.state.StateBytes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * A record of any catalog topic carried with its topic and key: what a service that merges several inputs into one
 * single-partition repartition (one task, one order) sends through it.
 *
 * @param topic the catalog topic it was read from
 * @param key   its key there
 * @param value its value there; null for a tombstone
 */
public record CatalogInput(String topic, String key, SpecificRecord value) {

    public CatalogInput {
        ArgChecker.isTrue(Topics.byName(ArgChecker.notBlank(topic, "topic")).isPresent(), "not a catalog topic: " + topic);
        ArgChecker.notNull(key, "key");
        Class<?> type = Topics.byName(topic).get().valueType();
        if (value != null && !type.isInstance(value)) {
            throw new IllegalArgumentException(topic + " carries " + type.getSimpleName() + ", not " + value.getClass().getSimpleName());
        }
    }

    /**
     * Every keyed record of {@code topic} as a CatalogInput: the source node is named like the topic with '-' for '.'
     * ({@link #nodeName}), then "&lt;node&gt;-keyed" (a record without a key is dropped: nothing could key it downstream)
     * and "as-&lt;node&gt;-input".
     */
    public static <V extends SpecificRecord> KStream<String, CatalogInput> source(
            StreamsBuilder builder, TopicSerdes serdes, Topic<V> topic) {
        String name = nodeName(topic);
        return builder.stream(topic.name(), Consumed.with(Serdes.String(), serdes.value(topic)).withName(name))
                .filter((key, value) -> key != null, Named.as(name + "-keyed"))
                .mapValues((key, value) -> new CatalogInput(topic.name(), key, value),
                        Named.as("as-" + name + "-input"));
    }

    /** The source node name of {@code topic}: its name with '-' for '.'. */
    public static String nodeName(Topic<?> topic) {
        return topic.name().replace('.', '-');
    }

    /** True when it came from {@code t}. */
    public boolean from(Topic<?> t) {
        return t.name().equals(topic);
    }

    /** Its value as {@code t}'s type (null for a tombstone). */
    public <V extends SpecificRecord> V value(Topic<V> t) {
        if (!from(t)) {
            throw new IllegalArgumentException("a record of " + topic + ", not of " + t.name());
        }
        return t.valueType().cast(value);
    }

    /**
     * The bytes on the repartition topic and in stores, in the StateBytes layout: version, topic name, key, a presence
     * flag, then the value's plain Avro binary (no registry: the repartition is the service's own, written and read with
     * the schema compiled in).
     */
    public static Serde<CatalogInput> serde() {
        return new CatalogInputSerde();
    }

    private static final class CatalogInputSerde implements Serde<CatalogInput> {

        private static final byte VERSION = 1;
        private final Map<String, PlainAvroSerde<SpecificRecord>> values = new ConcurrentHashMap<>();

        @SuppressWarnings({"unchecked", "rawtypes"})
        private PlainAvroSerde<SpecificRecord> of(String topic) {
            return values.computeIfAbsent(topic, t -> new PlainAvroSerde(Topics.byName(t)
                    .orElseThrow(() -> new IllegalArgumentException("not a catalog topic: " + t)).valueType()));
        }

        @Override
        public Serializer<CatalogInput> serializer() {
            return (topic, input) -> input == null ? null : StateBytes.write(VERSION, 64, out -> {
                out.writeUTF(input.topic());
                out.writeUTF(input.key());
                out.writeBoolean(input.value() != null);
                if (input.value() != null) {
                    out.writeRest(of(input.topic()).encode(input.value()));
                }
            });
        }

        @Override
        public Deserializer<CatalogInput> deserializer() {
            return (topic, bytes) -> bytes == null ? null : StateBytes.read(bytes, VERSION, "CatalogInput", in -> {
                String from = in.readUTF();
                String key = in.readUTF();
                SpecificRecord value = in.readBoolean() ? of(from).decode(in.readRest()) : null;
                try {
                    return new CatalogInput(from, key, value);
                } catch (IllegalArgumentException e) {
                    throw new java.io.IOException(e.getMessage(), e);
                }
            });
        }
    }
}
