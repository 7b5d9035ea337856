package com.metasupervisor.reporting.execute;

import static com.metasupervisor.reporting.execute.ExecuteFixtures.T0;
import static com.metasupervisor.reporting.execute.ExecuteFixtures.alert;
import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.avro.ReportingAction;
import com.metasupervisor.reporting.config.ExecutorSettings;
import com.metasupervisor.reporting.ledger.LedgerRecords;
import com.metasupervisor.reporting.ledger.WebhookRequest;
import com.metasupervisor.streams.connection.KafkaConnection;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutorHealthIndicatorTest {

    @Test
    void showsPendingActionsAndTheLastErrorAndIsDownWhileNothingExecutes() {
        LedgerExecution execution = new LedgerExecution(Map.of(WebhookRequest.class, (started, request) -> {
            throw new IOException("connection reset by hooks.example");
        }), ExecutorSettings.defaults());
        ReportingAction started = LedgerRecords.started(new WebhookRequest(null, alert("al-1", "arb"), null), T0);
        execution.read(started.getActionKey(), started, 0);
        assertThat(execution.performNext(T0)).isEmpty();
        // never started: no Kafka needed to read its health
        ActionExecutor executor = new ActionExecutor(execution, ExecutorSettings.defaults(), Clock.fixed(T0, ZoneOffset.UTC), null,
                KafkaConnection.plaintext("127.0.0.1:1"), "test", (topic, bytes) -> null, (topic, value) -> new byte[0]);
        HealthResult result = new ExecutorHealthIndicator(executor).result();
        assertThat(result.getName()).isEqualTo("reporting-executor");
        assertThat(result.getStatus()).as("never started: nothing would be performed").isEqualTo(HealthStatus.DOWN);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) result.getDetails();
        assertThat(details).containsEntry("running", false).containsEntry("pending_actions", 1).containsEntry("ledger_read_to_end", false)
                .containsEntry("last_error", "webhook:alert:al-1:OPENED: connection reset by hooks.example")
                .containsEntry("last_error_at", T0.toString());
    }
}
