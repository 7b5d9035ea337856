package com.metasupervisor.streams.micronaut;

import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.streams.StreamsConventions;
import com.metasupervisor.streams.config.RegistryConfiguration;
import com.metasupervisor.streams.config.SettingsStartupCheck;
import com.metasupervisor.streams.deadletter.DeadLetterDeserializationHandler;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The beans every service shares: registry settings, dead-letter metrics, streams conventions. */
@Factory
public class StreamsKitFactory {

    /** From {@code registry.*} ({@link RegistryConfiguration}); a service that needs it cannot start without {@code registry.url}. */
    @Singleton
    RegistrySettings registrySettings(RegistryConfiguration registry) {
        try {
            return registry.settings();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
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

    /**
     * Every streams application built in this context runs with {@link StreamsConventions}, and only once the
     * settings passed their {@link SettingsStartupCheck}: a bad value then stops the start naming its key, before a
     * topology is built with it.
     */
    @Singleton
    BeanCreatedEventListener<ConfiguredStreamBuilder> streamsConventions(DeadLetterMetrics deadLetters, SettingsStartupCheck settingsChecked,
                                                                         RegistryConfiguration registry) {
        return (BeanCreatedEvent<ConfiguredStreamBuilder> event) -> {
            StreamsConventions.apply(event.getBean().getConfiguration(), deadLetters);
            if (registry.url() != null && !registry.url().isBlank()) {
                // a malformed record's detail is then decoded with its writer's schema, named by id
                event.getBean().getConfiguration().put(DeadLetterDeserializationHandler.REGISTRY_URL_CONFIG, registry.url());
            }
            return event.getBean();
        };
    }
}
