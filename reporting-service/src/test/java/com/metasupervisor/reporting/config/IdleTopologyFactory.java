package com.metasupervisor.reporting.config;

import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.kstream.KStream;

/**
 * A one-source topology for settings tests that start the application context, when {@value #ENABLED} is true: Kafka
 * Streams refuses to build an empty topology, and the context builds (never starts) the streams application.
 */
@Factory
@Requires(property = IdleTopologyFactory.ENABLED, value = "true")
class IdleTopologyFactory {

    static final String ENABLED = "lp-report-settings-test.idle-topology";

    @Singleton
    KStream<Object, Object> idleSource(@Named("default") ConfiguredStreamBuilder builder) {
        return builder.stream("lp-report-settings-test-idle");
    }
}
