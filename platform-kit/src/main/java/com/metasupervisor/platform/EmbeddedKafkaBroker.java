package com.metasupervisor.platform;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

/**
 * A real single-node KRaft broker (combined broker + controller) in this JVM, on a free port,
 * from Kafka's own {@link KafkaClusterTestKit}, with {@link BrokerConfig#SINGLE_NODE}'s settings and the
 * production metadata version {@link BrokerProcess} formats with. Ephemeral: for tests. No Docker needed.
 */
public final class EmbeddedKafkaBroker implements KafkaBroker {

    private final KafkaClusterTestKit cluster;

    private EmbeddedKafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static EmbeddedKafkaBroker start() {
        KafkaClusterTestKit cluster = null;
        try {
            cluster = buildWithoutDeletionHooks();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedKafkaBroker(cluster);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(cluster);
            throw new PlatformException("interrupted while starting the embedded Kafka broker", e);
        } catch (Exception e) {
            closeQuietly(cluster);
            throw new PlatformException("could not start the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    /**
     * The test kit deletes its data directories in {@link #close()}, and again in JVM shutdown hooks of its
     * own. Those hooks run at the same time as the hook that stops the product in order (PlatformMain:
     * services, then the broker), so the broker lost its files while it still served the services' last
     * commits. Built without them: whoever starts a broker closes it.
     */
    private static KafkaClusterTestKit buildWithoutDeletionHooks() throws Exception {
        Exit.setShutdownHookAdder((name, hook) -> { });
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    // the test kit's default is latestTesting() (4.3-IV0, unstable): test what ./ms run formats
                    .setBootstrapMetadataVersion(BrokerConfig.RELEASE_VERSION)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
            BrokerConfig.SINGLE_NODE.forEach(builder::setConfigProp);
            return builder.build();
        } finally {
            Exit.resetShutdownHookAdder();
        }
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public int brokerCount() {
        return 1;
    }

    @Override
    public String kind() {
        return "embedded KRaft";
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new PlatformException("could not stop the embedded Kafka broker: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception ignored) {
            // start-up already failed; that is the error to report
        }
    }
}
