package com.metasupervisor.platform;

/** A running Kafka broker the platform talks to. Closing it stops it and deletes its data. */
public interface KafkaBroker extends AutoCloseable {

    String bootstrapServers();

    /** How many brokers the cluster has: the replication factor topics are created with is capped by it. */
    int brokerCount();

    /** What runs it, for logs: {@code embedded KRaft} or {@code Testcontainers}. */
    String kind();

    @Override
    void close();
}
