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
        return ReconcilerTopology.build(builder, TopicSerdes.registry(registry), settings, clock, metrics, deadLetters);
    }
}
