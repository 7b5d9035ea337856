package com.metasupervisor.reconciler.topology;

import com.metasupervisor.reconciler.config.ReconcilerSettings;
import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.TopicSerdes;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.KStream;

/** Wires the reconciler topology into the service's Kafka Streams application. */
@Factory
public class ReconcilerStreams {

    @Singleton
    ReconcilerMetrics reconcilerMetrics(MeterRegistry registry) {
        return new ReconcilerMetrics(registry);
    }

    @Singleton
    @Named("default")
    KStream<?, ?> reconcilerTopology(@Named("default") ConfiguredStreamBuilder builder, RegistrySettings registry,
                                     ReconcilerSettings settings, Clock clock, ReconcilerMetrics metrics,
                                     DeadLetterMetrics deadLetters) {
        // a symbol's ticks must not run ahead of the calls still in the events-by-symbol repartition
        // topic (visible only once committed): wait for both inputs before processing out of time order
        builder.getConfiguration().putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, ReconcilerTopology.MAX_TASK_IDLE.toMillis());
        return ReconcilerTopology.build(builder, TopicSerdes.registry(registry), settings, clock, metrics, deadLetters);
    }
}
