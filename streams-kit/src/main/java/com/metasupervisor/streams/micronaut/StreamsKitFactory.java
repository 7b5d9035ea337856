package com.metasupervisor.streams.micronaut;

import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.streams.StreamsConventions;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The beans every service shares: registry settings, dead-letter metrics, streams conventions. */
@Factory
public class StreamsKitFactory {

    /** {@code registry.url} (env {@code REGISTRY_URL}), validated at start-up. */
    @Singleton
    RegistrySettings registrySettings(@Value("${registry.url:}") String url,
                                      @Value("${registry.auto-register:true}") boolean autoRegister) {
        if (url.isBlank()) {
            throw new ConfigurationException("registry.url is not set (env REGISTRY_URL): the schema registry's base URL, e.g. http://localhost:8080");
        }
        try {
            return new RegistrySettings(url, autoRegister);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("registry.url: " + e.getMessage(), e);
        }
    }

    /** The one clock of a service (UTC); tests replace it to inject time. */
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    DeadLetterMetrics deadLetterMetrics(MeterRegistry meterRegistry) {
        return new DeadLetterMetrics(meterRegistry);
    }

    /** Every streams application built in this context runs with {@link StreamsConventions}. */
    @Singleton
    BeanCreatedEventListener<ConfiguredStreamBuilder> streamsConventions(DeadLetterMetrics deadLetters) {
        return (BeanCreatedEvent<ConfiguredStreamBuilder> event) -> {
            StreamsConventions.apply(event.getBean().getConfiguration(), deadLetters);
            return event.getBean();
        };
    }
}
