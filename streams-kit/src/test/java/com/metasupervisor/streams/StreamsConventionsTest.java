package com.metasupervisor.streams;

import com.metasupervisor.streams.security.TestSecret;
import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.streams.deadletter.DeadLetterDeserializationHandler;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import com.metasupervisor.streams.deadletter.DeadLetterProcessingHandler;
import com.metasupervisor.streams.deadletter.RegistryOutageProductionHandler;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsConventionsTest {

    @Test
    void everyApplicationRunsExactlyOnceWithDeadLetterHandlers() {
        DeadLetterMetrics metrics = DeadLetterMetrics.standalone();
        StreamsConfig config = new StreamsConfig(StreamsConventions.forApplication("app", "localhost:9092", metrics));
        assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
        assertThat(config.deserializationExceptionHandler()).isInstanceOf(DeadLetterDeserializationHandler.class);
        assertThat(config.processingExceptionHandler()).isInstanceOf(DeadLetterProcessingHandler.class);
        assertThat(config.productionExceptionHandler()).isInstanceOf(RegistryOutageProductionHandler.class);
        assertThat(config.originals().get(DeadLetterMetrics.CONFIG_KEY)).isSameAs(metrics);
    }

    @Test
    void internalTopicsTakeTheBrokersReplicationSoOneAndThreeBrokersBothWork() {
        StreamsConfig config = new StreamsConfig(StreamsConventions.forApplication("app", "localhost:9092", DeadLetterMetrics.standalone()));
        assertThat(config.getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(-1);
    }

    @Test
    void aServiceMayTuneButNotWeakenTheGuarantee() {
        Properties props = new Properties();
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        StreamsConventions.apply(props, DeadLetterMetrics.standalone());
        assertThat(props.get(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(3);
        assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    }

    @Test
    void aBrokerRestartIsWaitedForNotFailedOn() {
        StreamsConfig config = new StreamsConfig(StreamsConventions.forApplication("app", "localhost:9092", DeadLetterMetrics.standalone()));
        Map<String, Object> producer = config.getProducerConfigs("app-producer");
        Map<String, Object> consumer = config.getMainConsumerConfigs("app", "app-consumer", 0);

        assertThat(config.getLong(StreamsConfig.TASK_TIMEOUT_MS_CONFIG)).isEqualTo(Duration.ofMinutes(5).toMillis());
        assertThat(producer.get(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG)).isEqualTo(60_000);
        // exactly-once: sends never expire; a blocked call gives up after max.block.ms and is retried within task.timeout.ms
        assertThat(producer.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)).isEqualTo(Integer.MAX_VALUE);
        assertThat(producer).doesNotContainKey(ProducerConfig.MAX_BLOCK_MS_CONFIG); // Kafka's 60 s
        assertThat(consumer.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG)).isEqualTo("read_committed");
    }

    @Test
    void aServiceMayChooseItsOwnTransactionTimeout() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 30_000);
        StreamsConfig config = new StreamsConfig(StreamsConventions.apply(props, DeadLetterMetrics.standalone()));
        assertThat(config.getProducerConfigs("c").get(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG)).isEqualTo(30_000);
    }

    @Test
    void aServiceWaitsTwentySecondsForItsStreamsToCloseSoTheFinalCommitFits() {
        try (ApplicationContext context = ApplicationContext.run(TestSecret.in(new HashMap<>(Map.of(
                "test.price-gate.enabled", true,
                "kafka.bootstrap.servers", "127.0.0.1:1",
                "registry.url", "http://127.0.0.1:1",
                "kafka.streams.default.application.id", "close-test-" + UUID.randomUUID(),
                "kafka.streams.default.start-kafka-streams", false))))) {
            assertThat(context.getBean(ConfiguredStreamBuilder.class).getCloseTimeout()).isEqualTo(Duration.ofSeconds(20));
        }
    }
}
