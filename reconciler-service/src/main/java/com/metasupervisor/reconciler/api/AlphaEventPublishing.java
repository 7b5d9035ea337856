package com.metasupervisor.reconciler.api;

import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.streams.connection.KafkaConnection;
import com.metasupervisor.streams.publish.CatalogPublisher;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The publisher of {@code POST /alpha-events}: one idempotent producer shared by every request (streams-kit's). */
@Factory
class AlphaEventPublishing {

    @Singleton
    @Bean(preDestroy = "close")
    CatalogPublisher alphaEventPublisher(KafkaConnection kafka, RegistrySettings registry,
                                         AlphaEventApiSettings settings) {
        return CatalogPublisher.create(kafka, registry, "reconciler-alpha-events-api", settings.sendTimeout());
    }
}
