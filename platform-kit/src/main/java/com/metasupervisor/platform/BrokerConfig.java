package com.metasupervisor.platform;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * The {@code server.properties} of the one-node KRaft broker kept in {@code dir}: node 1 is broker and controller,
 * with a static quorum ({@code controller.quorum.voters=1@127.0.0.1:controllerPort}), so a port change later only
 * needs a regenerated file, never a quorum reconfiguration. Both listeners bind 127.0.0.1, PLAINTEXT, no auth.
 *
 * <p>Durability: {@code log.flush.interval.messages} stays Kafka's default (the OS flushes), as on any Kafka broker.
 * An acknowledged record is in the page cache, so it survives the broker's SIGKILL; a power loss or kernel crash can
 * lose the last acknowledged records of this one node, which has no replica to recover them from.
 *
 * @param dir            the broker's directory: {@code server.properties} and the data ({@link #logDirs()})
 * @param port           the client listener (PLAINTEXT), 1..65535
 * @param controllerPort the KRaft controller listener, 1..65535, not {@code port}
 */
public record BrokerConfig(Path dir, int port, int controllerPort) {

    /**
     * One-node settings. The transaction state log settings are not optional: with their defaults
     * (replication 3, min ISR 2) exactly-once producers wait forever on one broker.
     */
    public static final Map<String, String> SINGLE_NODE = Map.ofEntries(
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "3"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            // topics come from the catalog; a typo must fail, not create a stray topic
            Map.entry("auto.create.topics.enable", "false"),
            // Kafka's default, stated: the OS flushes (see the class comment on power loss)
            Map.entry("log.flush.interval.messages", "9223372036854775807"));

    /**
     * The metadata version a new broker directory is formatted with: the release's production version
     * (4.2-IV1 for Kafka 4.2.0), never {@link MetadataVersion#latestTesting()}, which is unstable and may change
     * its record formats in the next release.
     */
    public static final MetadataVersion RELEASE_VERSION = MetadataVersion.LATEST_PRODUCTION;

    static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";

    public BrokerConfig {
        Objects.requireNonNull(dir, "dir");
        checkPort("port", port);
        checkPort("controllerPort", controllerPort);
        if (port == controllerPort) {
            throw new IllegalArgumentException("port and controllerPort must differ, both are " + port);
        }
    }

    private static void checkPort(String name, int value) {
        if (value < 1 || value > 65_535) {
            throw new IllegalArgumentException(name + " must be in 1..65535, was " + value);
        }
    }

    /** {@code dir/logs}: Kafka's {@code log.dirs} and metadata log; formatted once ({@code meta.properties} there). */
    public Path logDirs() {
        return dir.resolve("logs");
    }

    /** {@code dir/server.properties}, rewritten from this record on every start: for reading, not editing. */
    public Path serverProperties() {
        return dir.resolve("server.properties");
    }

    /** Where clients reach it. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** Every key written to {@link #serverProperties()}. */
    public Map<String, String> properties() {
        return propertiesWithLogDirs(logDirs());
    }

    /** The same settings with another {@code log.dirs}: what the formatter formats into before the rename. */
    Map<String, String> propertiesWithLogDirs(Path logDirs) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", Integer.toString(NODE_ID));
        properties.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        properties.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("log.dirs", logDirs.toAbsolutePath().toString());
        properties.put("default.replication.factor", "1");
        properties.put("min.insync.replicas", "1");
        SINGLE_NODE.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> properties.put(e.getKey(), e.getValue()));
        return properties;
    }

    /**
     * The arguments of Kafka's {@code kafka-storage.sh format} for {@code configFile} (whose {@code log.dirs} is the
     * directory to format). No {@code --standalone} / {@code --initial-controllers}: with a static
     * {@code controller.quorum.voters} Kafka refuses them.
     */
    static List<String> formatArguments(Path configFile, String clusterId) {
        return List.of("format", "--config", configFile.toString(), "--cluster-id", clusterId,
                "--release-version", RELEASE_VERSION.version());
    }
}
