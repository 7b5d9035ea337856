package com.metasupervisor.streams;

import com.metasupervisor.streams.deadletter.DeadLetterDeserializationHandler;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import com.metasupervisor.streams.deadletter.DeadLetterProcessingHandler;
import com.metasupervisor.streams.state.BoundedRocksDbMemory;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The settings every Meta-Supervisor streams application runs with, in one place.
 * <ul>
 *   <li>exactly-once v2;</li>
 *   <li>internal topics take the broker's default replication ({@code replication.factor=-1}), so the
 *       same settings work on one broker (1) and on three (3, with the broker's min ISR);</li>
 *   <li>every RocksDB store draws on one bounded off-heap budget ({@link BoundedRocksDbMemory});</li>
 *   <li>records that cannot be deserialised or fail validation go to {@code <topic>.dlq} with the
 *       reason, inside the same transaction, and processing goes on.</li>
 * </ul>
 */
public final class StreamsConventions {

    private StreamsConventions() {
    }

    /** Applies the conventions over {@code props}; other settings (application id, bootstrap, tuning) stay. */
    public static Properties apply(Properties props, DeadLetterMetrics deadLetters) {
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        props.putIfAbsent(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        // one bounded off-heap budget for every RocksDB store, instead of a cache and memtables per segment per task
        props.putIfAbsent(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        // handlers are built by Kafka Streams from the config map, so the metrics object travels in it
        props.put(DeadLetterMetrics.CONFIG_KEY, deadLetters);
        return props;
    }

    /** A fresh property set with the conventions, for an application id and a broker. */
    public static Properties forApplication(String applicationId, String bootstrapServers, DeadLetterMetrics deadLetters) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return apply(props, deadLetters);
    }

    /**
     * The conventions as a {@code TopologyTestDriver} runs them: at-least-once, because the driver deserialises
     * a record as it is enqueued, outside its exactly-once transaction, and drops the dead letters sent there.
     * The exactly-once path is covered on the real broker. For topology tests (service-test-kit's
     * {@code TopologyDriver}).
     */
    public static Properties forTopologyTestDriver(String applicationId, DeadLetterMetrics deadLetters) {
        Properties props = forApplication(applicationId, "unused:9092", deadLetters);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        return props;
    }
}
