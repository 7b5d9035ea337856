package com.metasupervisor.streams.connection;

import com.metasupervisor.streams.check.ArgChecker;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * How a service's plain Kafka clients (producers and consumers outside its topology) reach the cluster: the bootstrap
 * servers and every security setting ({@code security.*}, {@code sasl.*}, {@code ssl.*}) of the service's
 * {@code kafka.*} configuration, the same settings micronaut-kafka-streams gives its Kafka Streams client. A client
 * starts from {@link #clientConfig()} and adds its own settings.
 *
 * <p>{@code sasl.jaas.config} (and the SSL passwords) hold secrets: {@link #toString()} names the keys, never the
 * values, and nothing here logs the map (Kafka's own config dump shows PASSWORD-typed keys as {@code [hidden]}).
 *
 * @param bootstrapServers the cluster ({@code kafka.bootstrap.servers})
 * @param security         the security settings by Kafka client key, e.g. {@code security.protocol=SASL_PLAINTEXT};
 *                         empty = PLAINTEXT
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> security) {

    /** The security keys a Kafka client knows (Micronaut's env mapping also yields dashed variants: those are dropped). */
    private static final Set<String> SECURITY_KEYS = Stream.of(ProducerConfig.configNames(), ConsumerConfig.configNames(),
                    AdminClientConfig.configNames())
            .flatMap(Set::stream)
            .filter(key -> key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl."))
            .collect(Collectors.toUnmodifiableSet());

    public KafkaConnection {
        ArgChecker.notBlank(bootstrapServers, "bootstrapServers");
        ArgChecker.notNull(security, "security");
        for (Map.Entry<String, String> setting : security.entrySet()) {
            ArgChecker.isTrue(isSecurityKey(setting.getKey()), "not a Kafka client security setting: " + setting.getKey());
            ArgChecker.isTrue(setting.getValue() != null, "no value for " + setting.getKey());
        }
        security = Map.copyOf(security);
    }

    /** No security settings: PLAINTEXT (./ms run's broker, tests). */
    public static KafkaConnection plaintext(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of());
    }

    /**
     * From a service's {@code kafka.*} properties without the prefix (micronaut-kafka's {@code KafkaDefaultConfiguration}):
     * {@code bootstrap.servers} (default {@code localhost:9092}, as micronaut-kafka's) and every security key; the rest
     * (streams, health, ...) is not a connection setting and stays out.
     */
    public static KafkaConnection fromKafkaProperties(Map<?, ?> kafka) {
        ArgChecker.notNull(kafka, "kafka");
        Object servers = kafka.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        Map<String, String> security = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (key instanceof String name && isSecurityKey(name) && value != null) {
                security.put(name, String.valueOf(value));
            }
        });
        return new KafkaConnection(servers == null ? "localhost:9092" : String.valueOf(servers), security);
    }

    /** Whether {@code key} is a Kafka client setting of {@code security.*}, {@code sasl.*} or {@code ssl.*}. */
    public static boolean isSecurityKey(String key) {
        return SECURITY_KEYS.contains(key);
    }

    /** A new, modifiable client config holding the bootstrap servers and every security setting. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(security);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /**
     * A new, modifiable consumer config that reads committed records only and joins no group: its partitions are
     * assigned and nothing is committed, so it needs no group ACL and leaves no trace on the cluster.
     */
    public Map<String, Object> committedReaderConfig(String clientId) {
        ArgChecker.notBlank(clientId, "clientId");
        Map<String, Object> config = clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }

    /** The protocol in force ({@code PLAINTEXT} when none is set), for a log line. */
    public String securityProtocol() {
        return security.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, CommonClientConfigs.DEFAULT_SECURITY_PROTOCOL);
    }

    /** Names the security keys but never their values: {@code sasl.jaas.config} holds a password. */
    @Override
    public String toString() {
        return "KafkaConnection[bootstrapServers=" + bootstrapServers + ", securityProtocol=" + securityProtocol()
                + ", security keys=" + new TreeMap<>(security).keySet() + "]";
    }
}
