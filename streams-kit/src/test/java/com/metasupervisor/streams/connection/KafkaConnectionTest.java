package com.metasupervisor.streams.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.streams.security.TestSecret;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class KafkaConnectionTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"reconciler-service\" password=\"recognisable-kafka-password-17\";";

    private static Map<String, Object> serviceConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put("test.price-gate.enabled", true);
        config.put("kafka.bootstrap.servers", "127.0.0.1:1");
        config.put("registry.url", "http://127.0.0.1:1");
        config.put("kafka.streams.default.application.id", "connection-test-" + UUID.randomUUID());
        config.put("kafka.streams.default.start-kafka-streams", false);
        config.put("kafka.security.protocol", "SASL_PLAINTEXT");
        config.put("kafka.sasl.mechanism", "SCRAM-SHA-512");
        config.put("kafka.sasl.jaas.config", JAAS);
        TestSecret.in(config);
        return config;
    }

    @Test
    void micronautKafkaStreamsPassesTheTopLevelKafkaSecuritySettingsToTheStreamsClient() {
        try (ApplicationContext context = ApplicationContext.run(serviceConfig())) {
            assertThat(context.getBean(ConfiguredStreamBuilder.class).getConfiguration())
                    .containsEntry("security.protocol", "SASL_PLAINTEXT")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("sasl.jaas.config", JAAS);
        }
    }

    @Test
    void theServicesConnectionHoldsTheSameSettingsAsItsStreamsClient() {
        try (ApplicationContext context = ApplicationContext.run(serviceConfig())) {
            KafkaConnection connection = context.getBean(KafkaConnection.class);
            assertThat(connection.bootstrapServers()).isEqualTo("127.0.0.1:1");
            assertThat(connection.security()).containsExactlyInAnyOrderEntriesOf(Map.of("security.protocol", "SASL_PLAINTEXT",
                    "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", JAAS));
        }
    }

    @Test
    void withoutSecuritySettingsTheServiceConnectsInPlaintextAsBefore() {
        Map<String, Object> config = serviceConfig();
        config.keySet().removeIf(key -> key.startsWith("kafka.s") && !key.startsWith("kafka.streams"));
        try (ApplicationContext context = ApplicationContext.run(config)) {
            KafkaConnection connection = context.getBean(KafkaConnection.class);
            assertThat(connection.security()).isEmpty();
            assertThat(connection.securityProtocol()).isEqualTo("PLAINTEXT");
            assertThat(connection.clientConfig()).containsExactlyEntriesOf(Map.of("bootstrap.servers", "127.0.0.1:1"));
        }
    }

    @Test
    void onlyTheKafkaClientsConnectionKeysAreTakenNotStreamsHealthOrDashedVariants() {
        Map<String, Object> kafka = new HashMap<>();
        kafka.put("bootstrap.servers", "b:9092");
        kafka.put("ssl.truststore.location", "/etc/ms/truststore.p12");
        kafka.put("sasl.jaas-config", "a dashed variant of Micronaut's env mapping");
        kafka.put("streams.default.application.id", "app");
        kafka.put("health.enabled", "true");
        kafka.put("sasl.mechanism", "SCRAM-SHA-512");

        KafkaConnection connection = KafkaConnection.fromKafkaProperties(kafka);

        assertThat(connection.security()).containsOnlyKeys("ssl.truststore.location", "sasl.mechanism");
        assertThat(KafkaConnection.fromKafkaProperties(Map.of()).bootstrapServers()).isEqualTo("localhost:9092");
    }

    @Test
    void aClientConfigBuiltFromItCarriesEverySettingAndMayBeExtended() {
        KafkaConnection connection = new KafkaConnection("kafka:29092", Map.of("security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", JAAS));
        Map<String, Object> config = connection.clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");

        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);

        ConsumerConfig consumer = new ConsumerConfig(config);
        assertThat(consumer.getString("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(consumer.getPassword("sasl.jaas.config").value()).isEqualTo(JAAS);
        assertThat(connection.clientConfig()).doesNotContainKey(ConsumerConfig.ISOLATION_LEVEL_CONFIG);
    }

    @Test
    void itsTextNamesTheKeysButNeverThePassword() {
        KafkaConnection connection = new KafkaConnection("kafka:29092", Map.of("sasl.jaas.config", JAAS));
        assertThat(connection.toString()).contains("sasl.jaas.config").doesNotContain("recognisable-kafka-password-17");
    }

    @Test
    void aKeyThatIsNoSecuritySettingIsRefusedByName() {
        assertThatThrownBy(() -> new KafkaConnection("b:9092", Map.of("acks", "all")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acks");
    }
}
