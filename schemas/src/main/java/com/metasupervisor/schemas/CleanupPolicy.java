package com.metasupervisor.schemas;

/** Kafka's {@code cleanup.policy} for a topic: keep every record, or only the newest per key. */
public enum CleanupPolicy {
    DELETE("delete"),
    COMPACT("compact");

    private final String kafkaValue;

    CleanupPolicy(String kafkaValue) {
        this.kafkaValue = kafkaValue;
    }

    /** The value Kafka expects for {@code cleanup.policy}. */
    public String kafkaValue() {
        return kafkaValue;
    }
}
