package com.metasupervisor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BrokerConfigTest {

    private static final Path DIR = Path.of("/data/broker");

    @Test
    void isOneCombinedNodeWithAStaticQuorumOnLoopback() {
        Map<String, String> properties = new BrokerConfig(DIR, 9092, 9093).properties();

        assertThat(properties)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
                .containsEntry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT")
                .containsEntry("inter.broker.listener.name", "PLAINTEXT")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("log.dirs", "/data/broker/logs")
                .containsEntry("default.replication.factor", "1")
                .containsEntry("min.insync.replicas", "1")
                .containsAllEntriesOf(BrokerConfig.SINGLE_NODE)
                // a dynamic quorum would store the controller's endpoint in the metadata log
                .doesNotContainKey("controller.quorum.bootstrap.servers");
    }

    @Test
    void singleNodeSettingsLetExactlyOnceWorkOnOneBrokerAndRefuseStrayTopics() {
        assertThat(BrokerConfig.SINGLE_NODE)
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("auto.create.topics.enable", "false")
                .containsEntry("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
    }

    @Test
    void keepsItsFilesInItsDirectory() {
        BrokerConfig config = new BrokerConfig(DIR, 19092, 19093);

        assertThat(config.logDirs()).isEqualTo(DIR.resolve("logs"));
        assertThat(config.serverProperties()).isEqualTo(DIR.resolve("server.properties"));
        assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:19092");
    }

    @Test
    void formatsInASiblingDirectoryWithTheSameSettingsOtherwise() {
        BrokerConfig config = new BrokerConfig(DIR, 9092, 9093);
        Map<String, String> formatting = config.propertiesWithLogDirs(DIR.resolve("logs.formatting"));

        assertThat(formatting).containsEntry("log.dirs", "/data/broker/logs.formatting");
        Map<String, String> rest = new HashMap<>(formatting);
        rest.remove("log.dirs");
        Map<String, String> running = new HashMap<>(config.properties());
        running.remove("log.dirs");
        assertThat(rest).isEqualTo(running);
    }

    @Test
    void formatsWithTheReleasesProductionMetadataVersionNeverAnUnstableOne() {
        assertThat(BrokerConfig.RELEASE_VERSION).isEqualTo(MetadataVersion.LATEST_PRODUCTION);
        assertThat(BrokerConfig.RELEASE_VERSION.version()).isEqualTo("4.2-IV1");
        assertThat(BrokerConfig.RELEASE_VERSION).isNotEqualTo(MetadataVersion.latestTesting());

        List<String> arguments = BrokerConfig.formatArguments(Path.of("/tmp/format.properties"), "abc");
        assertThat(arguments).containsExactly("format", "--config", "/tmp/format.properties", "--cluster-id", "abc",
                "--release-version", MetadataVersion.LATEST_PRODUCTION.version());
    }

    @Test
    void writtenFileReadsBackAsItsProperties() throws IOException {
        BrokerConfig config = new BrokerConfig(Path.of("/data/dé pôt\\x/broker"), 9092, 9093);
        Properties read = new Properties();
        // as Kafka reads it: Properties.load(InputStream), ISO-8859-1
        read.load(new ByteArrayInputStream(BrokerProcess.serverPropertiesText(config).getBytes(StandardCharsets.ISO_8859_1)));

        Map<String, String> readBack = new HashMap<>();
        read.stringPropertyNames().forEach(k -> readBack.put(k, read.getProperty(k)));
        assertThat(readBack).isEqualTo(config.properties());
    }

    @ParameterizedTest
    @CsvSource({"0, 9093, port", "-1, 9093, port", "65536, 9093, port", "9092, 0, controllerPort",
            "9092, 70000, controllerPort"})
    void refusesAPortOutOfRange(int port, int controllerPort, String named) {
        assertThatThrownBy(() -> new BrokerConfig(DIR, port, controllerPort))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(named + " must be in 1..65535");
    }

    @Test
    void refusesOnePortForBothListeners() {
        assertThatThrownBy(() -> new BrokerConfig(DIR, 9092, 9092))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must differ");
        assertThatThrownBy(() -> new BrokerConfig(null, 9092, 9093)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void anyTwoDistinctValidPortsGiveMatchingListenersAndVoters() {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            int port = 1 + random.nextInt(65_535);
            int controllerPort = 1 + random.nextInt(65_535);
            if (port == controllerPort) {
                continue;
            }
            Map<String, String> properties = new BrokerConfig(DIR, port, controllerPort).properties();
            assertThat(properties.get("listeners"))
                    .isEqualTo("PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            assertThat(properties.get("controller.quorum.voters")).isEqualTo("1@127.0.0.1:" + controllerPort);
        }
    }
}
