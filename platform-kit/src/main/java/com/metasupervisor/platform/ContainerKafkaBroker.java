package com.metasupervisor.platform;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/** A KRaft broker in a Docker container (Testcontainers), for machines that have Docker. */
public final class ContainerKafkaBroker implements KafkaBroker {

    public static final String DEFAULT_IMAGE = "apache/kafka:4.2.0";

    private final KafkaContainer container;

    private ContainerKafkaBroker(KafkaContainer container) {
        this.container = container;
    }

    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    public static ContainerKafkaBroker start(String image) {
        KafkaContainer container = new KafkaContainer(image)
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        try {
            container.start();
        } catch (RuntimeException e) {
            container.close();
            throw new PlatformException("could not start Kafka container " + image + ": " + e.getMessage(), e);
        }
        return new ContainerKafkaBroker(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public int brokerCount() {
        return 1;
    }

    @Override
    public String kind() {
        return "Testcontainers " + container.getDockerImageName();
    }

    @Override
    public void close() {
        container.close();
    }
}
