package com.metasupervisor.streams.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Objects;

/**
 * Counts dead-lettered records per source topic, stage and reason, as
 * {@code meta_supervisor_dead_letters_total{topic,stage,reason}} in Prometheus.
 */
public final class DeadLetterMetrics {

    /** Key under which the instance travels in the streams config map to the handlers. */
    public static final String CONFIG_KEY = "meta-supervisor.dead-letter.metrics";

    public static final String METER = "meta_supervisor.dead_letters";

    private final MeterRegistry registry;

    public DeadLetterMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Counts into a registry of its own: for tests and tools that export no metrics. */
    public static DeadLetterMetrics standalone() {
        return new DeadLetterMetrics(new SimpleMeterRegistry());
    }

    /** The instance placed in a streams config map, or a standalone one if none was. */
    static DeadLetterMetrics from(Map<String, ?> configs) {
        return configs.get(CONFIG_KEY) instanceof DeadLetterMetrics metrics ? metrics : standalone();
    }

    /** Counts {@code letter} under its source topic, stage and reason. */
    public void record(DeadLetter letter) {
        record(letter.sourceTopic(), letter.stage(), letter.reason());
    }

    /** Counts one record of {@code topic} sent to its dead-letter topic. */
    public void record(String topic, String stage, String reason) {
        counter(topic, stage, reason).increment();
    }

    /** How many records of {@code topic} went to its dead-letter topic for {@code reason}. */
    public double count(String topic, String stage, String reason) {
        Counter counter = registry.find(METER).tags("topic", topic, "stage", stage, "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private Counter counter(String topic, String stage, String reason) {
        return Counter.builder(METER)
                .description("Records sent to <topic>.dlq, by source topic, stage and reason")
                .tags("topic", topic, "stage", stage, "reason", reason)
                .register(registry);
    }
}
