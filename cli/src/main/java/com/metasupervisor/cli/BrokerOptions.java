package com.metasupervisor.cli;

import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.connection.KafkaConnection;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where Kafka and the registry are, as every command that reads or writes topics takes them (a picocli mixin). */
final class BrokerOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "<servers>", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka (env KAFKA_BOOTSTRAP_SERVERS; now ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--registry-url", paramLabel = "<url>", defaultValue = "${env:REGISTRY_URL:-http://localhost:8080}",
            description = "The schema registry (env REGISTRY_URL; now ${DEFAULT-VALUE}).")
    String registryUrl;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** The security settings of {@code --command-config}; empty = PLAINTEXT. */
    private Map<String, String> security = Map.of();

    /**
     * A secured cluster (compose, deploy/: SASL/SCRAM) is reached with a Kafka client properties file, as Kafka's own
     * tools take it; read when the command line is parsed, so a bad file is a usage error naming it. Only security
     * settings are taken: the file's other keys would silently change how a command reads or writes.
     */
    @Option(names = "--command-config", paramLabel = "<file>", defaultValue = "${env:KAFKA_CLIENT_CONFIG:-}",
            description = "Kafka client properties for a secured cluster: security.protocol, sasl.*, ssl.* (e.g. SASL_PLAINTEXT,"
                    + " SCRAM-SHA-512 and your principal's sasl.jaas.config) (env KAFKA_CLIENT_CONFIG; none: PLAINTEXT).")
    void commandConfig(String file) {
        if (file == null || file.isBlank()) {
            security = Map.of();
            return;
        }
        Path path = Path.of(file).toAbsolutePath();
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(path)) {
            props.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "cannot read --command-config " + path + ": " + e.getClass().getSimpleName());
        }
        Map<String, String> read = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            if (!KafkaConnection.isSecurityKey(key)) {
                throw new ParameterException(spec.commandLine(), "--command-config " + path + ": " + key
                        + " is not a Kafka client security setting (security.*, sasl.*, ssl.*)");
            }
            read.put(key, props.getProperty(key));
        }
        security = Map.copyOf(read);
    }

    /** Where Kafka is and how to log in to it. */
    KafkaConnection connection() {
        return new KafkaConnection(bootstrapServers, security);
    }

    RegistrySettings registry() {
        return RegistrySettings.of(registryUrl);
    }

    /**
     * A consumer of raw bytes that reads committed records only and joins no group (it is assigned partitions and
     * commits nothing): a reader leaves no trace on the cluster.
     */
    Properties rawConsumer(String clientId) {
        Properties props = new Properties();
        props.putAll(connection().committedReaderConfig(clientId));
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
