package com.metasupervisor.streams;

import com.metasupervisor.streams.deadletter.DeadLetterDeserializationHandler;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import com.metasupervisor.streams.deadletter.DeadLetterProcessingHandler;
import com.metasupervisor.streams.deadletter.RegistryOutageProductionHandler;
import com.metasupervisor.streams.state.BoundedRocksDbMemory;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
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
 *       reason, inside the same transaction, and processing goes on; a schema registry that does not answer fails
 *       the task instead (the thread is replaced and resumes from the last commit), so no valid record is
 *       dead-lettered or dropped for an outage;</li>
 *   <li>a broker away for minutes (a restart) is ridden out without a restart of the service: see
 *       {@link #TASK_TIMEOUT} and {@link #TRANSACTION_TIMEOUT}.</li>
 * </ul>
 */
public final class StreamsConventions {

    /**
     * How long a task may keep meeting timeouts (a broker that does not answer: a commit, a metadata or offset
     * lookup) before its thread fails: Kafka's default, written here because riding out a broker restart rests on it.
     * Within it a timed-out commit is retried; with exactly-once the producer's sends never expire
     * ({@code delivery.timeout.ms} is Integer.MAX_VALUE) and a blocked call gives up after {@code max.block.ms} (60 s)
     * and is retried.
     */
    public static final Duration TASK_TIMEOUT = Duration.ofMinutes(5);

    /**
     * The producer's transaction timeout (Kafka Streams' own default under exactly-once is 10 s). The broker aborts a
     * transaction open longer than this; after a broker restart that took longer than 10 s, every open transaction
     * would be aborted, its producer fenced and each task closed dirty, its state wiped and restored from the
     * changelogs. At 60 s a bounce of about a minute commits instead. The price: a service SIGKILLed mid-transaction
     * whose successor does not take over its transactional id (one with in-memory stores only: its process id is not
     * kept) holds read_committed readers of its outputs back for at most this long.
     */
    public static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(60);

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
        // Kafka's default on the way out, except that a registry outage while serialising fails instead of dropping
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, RegistryOutageProductionHandler.class);
        // a broker restart: tasks wait for it (retrying) rather than failing their thread
        props.putIfAbsent(StreamsConfig.TASK_TIMEOUT_MS_CONFIG, TASK_TIMEOUT.toMillis());
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), (int) TRANSACTION_TIMEOUT.toMillis());
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
