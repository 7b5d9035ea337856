package com.metasupervisor.testkit;

import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.TopicSerdes;
import com.metasupervisor.streams.StreamsConventions;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import com.metasupervisor.streams.state.PlainTopicSerdes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A service's topology on Kafka's {@link TopologyTestDriver}, set up as every topology test needs it: the
 * streams conventions (dead-letter handlers) at-least-once ({@link StreamsConventions#forTopologyTestDriver}),
 * registry-free serdes for every catalog topic ({@link #SERDES}: build the topology with them), String keys.
 *
 * <pre>{@code
 * TopologyDriver risk = TopologyDriver.start("risk-test", T0,
 *         (builder, deadLetters) -> RiskTopology.build(builder, TopologyDriver.SERDES, settings, clock, deadLetters));
 * TestInputTopic<String, ReconciledAlpha> rows = risk.input(Topics.ALPHA_RECONCILED);
 * TestOutputTopic<String, AgentStats> stats = risk.output(Topics.RISK_AGENT_STATS);
 * }</pre>
 */
public final class TopologyDriver implements AutoCloseable {

    /** The serdes to build a topology under test with: plain Avro binary, no registry. */
    public static final TopicSerdes SERDES = new PlainTopicSerdes();

    private final TopologyTestDriver driver;
    private final DeadLetterMetrics deadLetters;
    private final Path stateDir;

    private TopologyDriver(Topology topology, String applicationId, Instant wallClockStart, DeadLetterMetrics deadLetters) {
        this.deadLetters = deadLetters;
        // a state directory of its own: the default (/tmp/kafka-streams/<app id>) is shared by every JVM on the
        // machine, and a second build running the same tests would fail to lock its RocksDB stores
        try {
            this.stateDir = Files.createTempDirectory("topology-driver-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = StreamsConventions.forTopologyTestDriver(applicationId, deadLetters);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        this.driver = new TopologyTestDriver(topology, props, wallClockStart);
    }

    /**
     * Builds the topology with {@code build} on a new {@link StreamsBuilder} and starts it, the wall clock at
     * {@code wallClockStart}. {@code build} also gets the dead-letter metrics the handlers count in, for the
     * topology's own dead-letter steps.
     */
    public static TopologyDriver start(String applicationId, Instant wallClockStart,
                                       BiConsumer<StreamsBuilder, DeadLetterMetrics> build) {
        StreamsBuilder builder = new StreamsBuilder();
        DeadLetterMetrics deadLetters = DeadLetterMetrics.standalone();
        build.accept(builder, deadLetters);
        return start(applicationId, wallClockStart, builder.build(), deadLetters);
    }

    /** Starts a built topology; {@code deadLetters} counts what the handlers dead-letter. */
    public static TopologyDriver start(String applicationId, Instant wallClockStart, Topology topology, DeadLetterMetrics deadLetters) {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(wallClockStart, "wallClockStart");
        return new TopologyDriver(Objects.requireNonNull(topology, "topology"), applicationId, wallClockStart,
                Objects.requireNonNull(deadLetters, "deadLetters"));
    }

    /** Records of a catalog topic, written with {@link #SERDES}. */
    public <V extends SpecificRecord> TestInputTopic<String, V> input(Topic<V> topic) {
        return driver.createInputTopic(topic.name(), new StringSerializer(), SERDES.value(topic).serializer());
    }

    /** Raw bytes to a topic (bytes that do not deserialise, a dead-letter topic read as bytes). */
    public TestInputTopic<String, byte[]> rawInput(String topicName) {
        return driver.createInputTopic(topicName, new StringSerializer(), new ByteArraySerializer());
    }

    /** Records of a catalog topic, read with {@link #SERDES}. */
    public <V extends SpecificRecord> TestOutputTopic<String, V> output(Topic<V> topic) {
        return driver.createOutputTopic(topic.name(), new StringDeserializer(), SERDES.value(topic).deserializer());
    }

    /** The dead letters of a catalog topic, decoded as its values (they keep their original bytes). */
    public <V extends SpecificRecord> TestOutputTopic<String, V> deadLetters(Topic<V> topic) {
        return driver.createOutputTopic(topic.deadLetterTopic(), new StringDeserializer(), SERDES.value(topic).deserializer());
    }

    /** A topic's records as raw bytes (e.g. dead letters of bytes that never deserialised). */
    public TestOutputTopic<String, byte[]> rawOutput(String topicName) {
        return driver.createOutputTopic(topicName, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** A key-value store of the topology, String keys. */
    public <V> KeyValueStore<String, V> store(String name) {
        return driver.getKeyValueStore(name);
    }

    /** The dead-letter counts of this topology. */
    public DeadLetterMetrics deadLetterMetrics() {
        return deadLetters;
    }

    /** Kafka's driver itself, for what this class does not cover (wall-clock advance, window stores, ...). */
    public TopologyTestDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            deleteQuietly(stateDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is no test failure
        }
    }
}
