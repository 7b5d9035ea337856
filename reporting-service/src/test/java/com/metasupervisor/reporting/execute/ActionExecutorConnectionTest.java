package com.metasupervisor.reporting.execute;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.streams.connection.KafkaConnection;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionExecutorConnectionTest {

    private static final KafkaConnection SASL = new KafkaConnection("kafka:29092", Map.of("security.protocol", "SASL_PLAINTEXT",
            "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;"));

    @Test
    void theLedgerReaderConnectsWithTheServicesSecuritySettingsAndNoGroup() {
        assertThat(ActionExecutor.consumerConfig(SASL, "reporting-service"))
                .containsEntry("bootstrap.servers", "kafka:29092")
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsKey("sasl.jaas.config")
                .containsEntry("isolation.level", "read_committed")
                .doesNotContainKey("group.id");
    }

    @Test
    void theLedgerWriterConnectsWithTheServicesSecuritySettingsAndNeedsNoTransactionalId() {
        assertThat(ActionExecutor.producerConfig(SASL, "reporting-service"))
                .containsEntry("bootstrap.servers", "kafka:29092")
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsKey("sasl.jaas.config")
                .containsEntry("enable.idempotence", true)
                .doesNotContainKey("transactional.id");
    }
}
