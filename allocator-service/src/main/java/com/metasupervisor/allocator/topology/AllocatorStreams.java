package com.metasupervisor.allocator.topology;

import com.metasupervisor.allocator.config.AllocatorSettings;
import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.TopicSerdes;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.apache.kafka.streams.kstream.KStream;

/** Wires the allocator topology into the service's Kafka Streams application. */
@Factory
public class AllocatorStreams {

    @Singleton
    @Named("default")
    KStream<?, ?> allocatorTopology(@Named("default") ConfiguredStreamBuilder builder, RegistrySettings registry,
                                    AllocatorSettings settings, Clock clock, DeadLetterMetrics deadLetters) {
        return AllocatorTopology.build(builder, TopicSerdes.registry(registry), settings, clock, deadLetters);
    }
}
