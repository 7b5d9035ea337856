package com.metasupervisor.streams.connection;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

/**
 * The service's one {@link KafkaConnection}, read from the same {@code kafka.*} properties micronaut-kafka builds every
 * client's configuration from, its Kafka Streams client's included (env KAFKA_BOOTSTRAP_SERVERS,
 * KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_JAAS_CONFIG, ...): every plain client of a service then
 * connects as its Streams client does.
 */
@Factory
public class KafkaConnectionFactory {

    /**
     * Read from the environment as micronaut-kafka's {@code KafkaDefaultConfiguration} reads it, not from that bean: it
     * does not exist where micronaut-kafka is switched off ({@code kafka.enabled=false}, the tests' idle streams).
     */
    @Singleton
    KafkaConnection kafkaConnection(Environment environment) {
        return KafkaConnection.fromKafkaProperties(environment.getProperties("kafka"));
    }
}
