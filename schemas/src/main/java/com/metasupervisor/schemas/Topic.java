package com.metasupervisor.schemas;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One topic of the catalog: its name, the Avro type of its values, how it is cleaned up and
 * partitioned. Keys are always strings (SPEC §2). Who writes and reads it is the service catalog's
 * to say ({@link #producers()}, {@link #consumers()}).
 *
 * @param name        the Kafka topic name
 * @param valueType   the generated Avro class of the values
 * @param retention   how long it keeps its records: delete after a time, or compact (which gives {@link #cleanup()})
 * @param partitions  partition count the platform creates it with
 * @param key         what the key is, in the domain's words (e.g. {@code agent})
 */
public record Topic<V extends SpecificRecord>(
        String name,
        Class<V> valueType,
        TopicRetention retention,
        int partitions,
        String key) {

    /** Suffix of the dead-letter topic every topic has. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    /** Every dead-letter topic: kept a month, as evidence and for a replay once the cause is fixed. */
    public static final TopicRetention DEAD_LETTER_RETENTION = TopicRetention.deleteAfter(Duration.ofDays(30));

    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,200}");

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(key, "key");
        if (!LEGAL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("illegal Kafka topic name: '" + name + "'");
        }
        if (name.endsWith(DEAD_LETTER_SUFFIX)) {
            throw new IllegalArgumentException("catalog topics are not dead-letter topics: " + name);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1 for " + name + ", was " + partitions);
        }
    }

    /** Delete or compact: the cleanup policy of its {@link #retention()}. */
    public CleanupPolicy cleanup() {
        return retention.cleanup();
    }

    /** The topic configs it is created (and kept altered) with, {@code cleanup.policy} included: {@link TopicRetention#kafkaConfigs()}. */
    public Map<String, String> kafkaConfigs() {
        return retention.kafkaConfigs();
    }

    /** The topic configs of its dead-letter topic {@link #deadLetterTopic()}: delete after 30 days ({@link #DEAD_LETTER_RETENTION}). */
    public Map<String, String> deadLetterKafkaConfigs() {
        return DEAD_LETTER_RETENTION.kafkaConfigs();
    }

    /** Who writes it: the parties of the service catalog in force ({@link ServiceCatalog#standard()}) that list it under writes. */
    public List<String> producers() {
        return ServiceCatalog.standard().producersOf(this);
    }

    /** Who reads it: the parties of the service catalog in force that list it under reads. */
    public List<String> consumers() {
        return ServiceCatalog.standard().consumersOf(this);
    }

    /** Who reads its dead-letter topic ({@link #deadLetterTopic()}), per the service catalog in force. */
    public List<String> deadLetterConsumers() {
        return ServiceCatalog.standard().readersOf(TopicRef.deadLetterOf(this));
    }

    /** {@code <name>.dlq}: where records of this topic that cannot be processed go, with the reason. */
    public String deadLetterTopic() {
        return name + DEAD_LETTER_SUFFIX;
    }

    /** The Avro schema of the values, as generated from {@code schemas/src/main/avro}. */
    public Schema valueSchema() {
        return SpecificData.get().getSchema(valueType);
    }

    /** Keys are strings everywhere. */
    public Serde<String> keySerde() {
        return Serdes.String();
    }

    /** A registry-backed Avro serde for the values, configured from {@code registry}. */
    public Serde<V> valueSerde(RegistrySettings registry) {
        return RegistrySerdes.valueSerde(registry);
    }

    /** The registry subject (Confluent's TopicNameStrategy, Apicurio's TopicIdStrategy) of the values. */
    public String valueSubject() {
        return name + "-value";
    }
}
