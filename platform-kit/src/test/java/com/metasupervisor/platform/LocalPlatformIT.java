package com.metasupervisor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.Topics;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedPlatformExtension.class)
class LocalPlatformIT {

    @Test
    void createsEveryCatalogTopicAndItsDeadLetterTopicWithTheCatalogsSettings(LocalPlatform platform) throws Exception {
        assertThat(platform.topicNames()).containsAll(Topics.allNamesWithDeadLetters());
        try (Admin admin = platform.admin()) {
            Map<String, TopicDescription> described = admin.describeTopics(Topics.allNamesWithDeadLetters()).allTopicNames().get();
            var configs = admin.describeConfigs(Topics.allNamesWithDeadLetters().stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get();
            for (Topic<?> topic : Topics.all()) {
                assertThat(described.get(topic.name()).partitions()).as(topic.name()).hasSize(topic.partitions());
                assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()))
                        .get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).as(topic.name()).isEqualTo(topic.cleanup().kafkaValue());
                assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.deadLetterTopic()))
                        .get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).as(topic.deadLetterTopic()).isEqualTo("delete");
                // the catalog's configuration, but no time limit: tests and the demo replay the past
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
                topic.kafkaConfigs().forEach((key, value) -> assertThat(config.get(key).value()).as(topic.name() + " " + key)
                        .isEqualTo(key.equals(TopicConfig.RETENTION_MS_CONFIG) ? "-1" : value));
            }
        }
    }

    @Test
    void anInstallationBringsTopicsThatExistToTheCatalogsRetention(LocalPlatform platform) throws Exception {
        ConfigResource prices = new ConfigResource(ConfigResource.Type.TOPIC, Topics.MARKET_PRICES.name());
        ConfigResource pricesDlq = new ConfigResource(ConfigResource.Type.TOPIC, Topics.MARKET_PRICES.deadLetterTopic());
        try (Admin admin = platform.admin()) {
            assertThat(admin.describeConfigs(List.of(prices)).all().get().get(prices)
                    .get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
            try {
                LocalPlatform.createTopics(platform.broker(), List.of(Topics.MARKET_PRICES), LocalPlatform.TopicRetentions.CATALOG);

                var configs = admin.describeConfigs(List.of(prices, pricesDlq)).all().get();
                assertThat(configs.get(prices).get(TopicConfig.RETENTION_MS_CONFIG).value())
                        .isEqualTo(Topics.MARKET_PRICES.kafkaConfigs().get(TopicConfig.RETENTION_MS_CONFIG)).isNotEqualTo("-1");
                assertThat(configs.get(pricesDlq).get(TopicConfig.RETENTION_MS_CONFIG).value())
                        .isEqualTo(Topics.MARKET_PRICES.deadLetterKafkaConfigs().get(TopicConfig.RETENTION_MS_CONFIG));
            } finally { // the shared platform's topics keep everything for the other tests
                LocalPlatform.createTopics(platform.broker(), List.of(Topics.MARKET_PRICES), LocalPlatform.TopicRetentions.UNLIMITED);
            }
            assertThat(admin.describeConfigs(List.of(prices)).all().get().get(prices)
                    .get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
        }
    }

    @Test
    void theEmbeddedDefaultNeedsNoDocker(LocalPlatform platform) {
        if (!ContainerKafkaBroker.dockerAvailable()) {
            assertThat(platform.broker()).isInstanceOf(EmbeddedKafkaBroker.class);
        }
        assertThat(RegistryProbe.answers(platform.registry())).isTrue();
    }

    @Test
    void stopsCleanlyLeavingNoProcessOrListener() throws Exception {
        LocalPlatform own = LocalPlatform.start(LocalPlatform.KafkaMode.EMBEDDED);
        ProcessHandle registryProcess = own.registryProcess().processHandle();
        int registryPort = java.net.URI.create(own.registry().url()).getPort();
        String bootstrap = own.bootstrapServers();
        int kafkaPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        assertThat(registryProcess.isAlive()).isTrue();

        own.close();

        registryProcess.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(registryProcess.isAlive()).isFalse();
        assertThatThrownBy(() -> new Socket("localhost", kafkaPort).close()).as("broker port").isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new Socket("127.0.0.1", registryPort).close()).as("registry port").isInstanceOf(IOException.class);
    }

    @Test
    void everyPartitionTakesAWriteWithoutARetryAsSoonAsStartReturns() throws Exception {
        try (LocalPlatform own = LocalPlatform.start(LocalPlatform.KafkaMode.EMBEDDED)) {
            Properties props = own.clientProperties();
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
                for (Topic<?> topic : Topics.all()) {
                    for (String name : List.of(topic.name(), topic.deadLetterTopic())) {
                        for (int p = 0; p < topic.partitions(); p++) {
                            sent.add(producer.send(new ProducerRecord<>(name, p, new byte[] {1}, new byte[] {1}))); // keyed: compacted topics need one
                        }
                    }
                }
                for (Future<RecordMetadata> f : sent) {
                    f.get(60, TimeUnit.SECONDS); // a record dropped after endless OUT_OF_ORDER_SEQUENCE retries fails here
                }
                // a partition whose leader was not ready yet answers NOT_LEADER_OR_FOLLOWER: a retry
                assertThat(metric(producer, "record-retry-total")).as("retried sends").isZero();
                assertThat(metric(producer, "record-error-total")).as("failed sends").isZero();
            }
            assertThat(sent).hasSizeGreaterThan(Topics.all().size() * 2);
        }
    }

    private static double metric(KafkaProducer<?, ?> producer, String name) {
        return producer.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && e.getKey().group().equals("producer-metrics"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).findFirst().orElseThrow();
    }

    @Test
    void reportsItsStartupTime(LocalPlatform platform) {
        assertThat(platform.startupTime()).isPositive().isLessThan(Duration.ofMinutes(3));
    }
}
