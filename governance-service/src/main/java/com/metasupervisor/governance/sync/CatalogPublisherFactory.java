package com.metasupervisor.governance.sync;

import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.streams.connection.KafkaConnection;
import com.metasupervisor.streams.publish.CatalogPublisher;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The service's one {@link CatalogPublisher}: the manifest sync publishes the config repository through it, the
 * operator endpoint its manual actions. Closed with the context.
 */
@Factory
public class CatalogPublisherFactory {

    static final String CLIENT_ID = "governance-publisher";
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    @Singleton
    @Bean(preDestroy = "close")
    CatalogPublisher catalogPublisher(KafkaConnection kafka, RegistrySettings registry) {
        return CatalogPublisher.create(kafka, registry, CLIENT_ID, SEND_TIMEOUT);
    }
}
