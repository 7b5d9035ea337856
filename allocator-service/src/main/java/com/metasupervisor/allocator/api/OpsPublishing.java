package com.metasupervisor.allocator.api;

import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.streams.connection.KafkaConnection;
import com.metasupervisor.streams.publish.CatalogPublisher;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Duration;

/** The publisher of the operator's switches ({@link AllocatorOpsController}): one idempotent producer (streams-kit's). */
@Factory
class OpsPublishing {

    static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    @Singleton
    @Bean(preDestroy = "close")
    CatalogPublisher opsPublisher(KafkaConnection kafka, RegistrySettings registry) {
        return CatalogPublisher.create(kafka, registry, "allocator-ops", SEND_TIMEOUT);
    }
}
