package com.metasupervisor.streams.topology;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Input records a processor skips because its domain cannot take them (the service that wrote them validates and
 * dead-letters, so a second dead letter would repeat it): each counted in the task metric {@value #METRIC}-total of
 * group {@code stream-<scope>-metrics}, tagged {@code <scope>-id} = the topic, and logged as a warning.
 */
public final class SkippedInputs {

    /** The metric's name (Kafka adds {@code -total} and {@code -rate}). */
    public static final String METRIC = "skipped-inputs";

    private static final Logger LOG = LoggerFactory.getLogger(SkippedInputs.class);

    private final ProcessingContext context;
    private final String scope;
    private final String service;
    private final Map<String, Sensor> sensors = new HashMap<>();

    /**
     * @param scope   the metric group's scope, e.g. {@code allocator}
     * @param service who skips, as the log line says it ("the allocator")
     */
    public SkippedInputs(ProcessingContext context, String scope, String service) {
        this.context = Objects.requireNonNull(context, "context");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.service = Objects.requireNonNull(service, "service");
    }

    /** Counts and logs one skipped record of {@code topic}. */
    public void skip(String topic, String key, IllegalArgumentException why) {
        sensors.computeIfAbsent(topic, t -> context.metrics().addRateTotalSensor(scope, t, METRIC, Sensor.RecordingLevel.INFO)).record();
        LOG.warn("skipping a {} record {} cannot take (key {}): {}", topic, service, key, why.getMessage());
    }
}
