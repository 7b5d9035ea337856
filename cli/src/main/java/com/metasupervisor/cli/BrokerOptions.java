package com.metasupervisor.cli;

import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.Topics;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Option;

/** Where Kafka and the registry are, as every command that reads or writes topics takes them (a picocli mixin). */
final class BrokerOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "<servers>", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka (env KAFKA_BOOTSTRAP_SERVERS; now ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--registry-url", paramLabel = "<url>", defaultValue = "${env:REGISTRY_URL:-http://localhost:8080}",
            description = "The schema registry (env REGISTRY_URL; now ${DEFAULT-VALUE}).")
    String registryUrl;

    RegistrySettings registry() {
        return RegistrySettings.of(registryUrl);
    }

    /**
     * A consumer of raw bytes that reads committed records only and joins no group (it is assigned partitions and
     * commits nothing): a reader leaves no trace on the cluster.
     */
    Properties rawConsumer(String clientId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return props;
    }

    /** The catalog topic called {@code name}, or an IllegalArgumentException listing them. */
    static Topic<?> catalogTopic(String name) {
        return Topics.byName(name).orElseThrow(() -> new IllegalArgumentException("not a catalog topic: '" + name + "' (one of "
                + String.join(", ", Topics.all().stream().map(Topic::name).toList()) + ")"));
    }
}
