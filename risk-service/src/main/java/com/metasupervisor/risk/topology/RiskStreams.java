package com.metasupervisor.risk.topology;

import com.metasupervisor.risk.config.RiskSettings;
import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.TopicSerdes;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.apache.kafka.streams.kstream.KStream;

/** Wires the risk topology into the service's Kafka Streams application. */
@Factory
public class RiskStreams {

    @Singleton
    @Named("default")
    KStream<?, ?> riskTopology(@Named("default") ConfiguredStreamBuilder builder, RegistrySettings registry,
                               RiskSettings settings, Clock clock, DeadLetterMetrics deadLetters) {
        return RiskTopology.build(builder, TopicSerdes.registry(registry), settings, clock, deadLetters);
    }
}
