package com.metasupervisor.streams.health;

import io.micronaut.configuration.kafka.streams.KafkaStreamsFactory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.reactivestreams.Publisher;

/**
 * {@code streams-alive}, the one {@code /health/liveness} check of a service: DOWN only when a Kafka Streams instance
 * is in ERROR or NOT_RUNNING, which no wait repairs (a restart does). A broker or registry outage leaves it UP: the
 * streams wait and retry by themselves, and {@code kafka} / {@code registry} report the outage on readiness, so an
 * orchestrator stops routing to the service instead of restarting it.
 */
@Singleton
@Liveness
@Requires(classes = HealthIndicator.class)
@Requires(beans = KafkaStreamsFactory.class)
public class StreamsAliveIndicator implements HealthIndicator {

    public static final String NAME = "streams-alive";

    private final KafkaStreamsFactory streams;

    public StreamsAliveIndicator(KafkaStreamsFactory streams) {
        this.streams = streams;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(current());
    }

    HealthResult current() {
        Map<String, String> states = new TreeMap<>();
        boolean alive = true;
        for (var entry : streams.getStreams().entrySet()) {
            KafkaStreams.State state = entry.getKey().state();
            states.put(entry.getValue().getConfiguration().getProperty(StreamsConfig.APPLICATION_ID_CONFIG, entry.getValue().getName()),
                    state.name());
            alive &= isAlive(state);
        }
        return HealthResult.builder(NAME, alive ? HealthStatus.UP : HealthStatus.DOWN).details(states).build();
    }

    /** Every state but the two a Kafka Streams instance never leaves by itself. */
    static boolean isAlive(KafkaStreams.State state) {
        return state != KafkaStreams.State.ERROR && state != KafkaStreams.State.NOT_RUNNING;
    }
}
