package com.metasupervisor.risk;

import static com.metasupervisor.testkit.ReconciledRowBuilder.reconciledRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.testkit.CatalogRecords;
import com.metasupervisor.testkit.ServiceInstances;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * A CVaR window is stored as one entry per row plus a summary: after a restart (in-memory stores rebuilt from
 * their changelogs on the real broker, exactly-once) the window goes on exactly as if it had never stopped.
 */
class RiskCvarRestartIT {

    private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");
    private static final int MAX_ROWS = 40;

    @Test
    void aCvarWindowRebuiltFromItsChangelogGoesOnWithTheSameFigures() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String strategy = "arb-" + run;
        String key = strategy + "|TREND|24";
        String applicationId = "risk-cvar-restart-it-" + run;
        Map<String, Object> settings = Map.of("risk.cvar.max-rows", MAX_ROWS);
        List<Double> errors = new ArrayList<>();
        try (LocalPlatform platform = LocalPlatform.start();
             KafkaConsumer<String, StrategyRegimeRisk> cvarOut = platform.committedFromNow(Topics.RISK_STRATEGY_CVAR)) {
            Map<String, StrategyRegimeRisk> cvar = new HashMap<>();
            try (EmbeddedServer server = ServiceInstances.start(platform, applicationId, "risk-restart-a-" + run, settings)) {
                ServiceInstances.awaitRunning(server);
                produce(platform, strategy, 0, 100, errors); // the window is full and has evicted 60 rows
                awaitN(cvarOut, cvar, key, MAX_ROWS, errors);
            }
            // a new instance of the same application, with new local state: its stores come from the changelogs
            try (EmbeddedServer server = ServiceInstances.start(platform, applicationId, "risk-restart-b-" + run, settings)) {
                ServiceInstances.awaitRunning(server);
                produce(platform, strategy, 100, 30, errors);
                awaitN(cvarOut, cvar, key, MAX_ROWS, errors);
            }
        }
    }

    /** Rows {@code from} … {@code from + count − 1} of the key, one a minute, errors spread so the tail moves; one agent, so in order. */
    private static void produce(LocalPlatform platform, String strategy, int from, int count, List<Double> errors) throws Exception {
        List<ReconciledAlpha> rows = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            double error = ((i * 37) % 101) - 50;
            errors.add(error);
            rows.add(reconciledRow().eventId("e" + i).agent("agent-" + strategy).strategy(strategy).regime("TREND").horizonHours(24)
                    .maturedAt(T0.plus(Duration.ofMinutes(i))).realizedBps(error).expectedBps(0).build());
        }
        CatalogRecords.produce(platform, Topics.ALPHA_RECONCILED, ReconciledAlpha::getAgent, rows);
    }

    /** Waits for the key's figures over the newest max-rows errors so far, and checks them against brute force. */
    private static void awaitN(KafkaConsumer<String, StrategyRegimeRisk> out, Map<String, StrategyRegimeRisk> cvar, String key, int n,
                               List<Double> errors) {
        double[] window = errors.subList(errors.size() - n, errors.size()).stream().mapToDouble(Double::doubleValue).toArray();
        double mean = Arrays.stream(window).average().orElseThrow();
        double[] sorted = window.clone();
        Arrays.sort(sorted);
        int k = Math.max(1, (n + 19) / 20);
        double tail = Arrays.stream(sorted, 0, k).sum();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            out.poll(Duration.ofMillis(100)).forEach(r -> cvar.put(r.key(), r.value()));
            StrategyRegimeRisk r = cvar.get(key);
            return r != null && r.getWindowEnd().equals(T0.plus(Duration.ofMinutes(errors.size() - 1)));
        });
        StrategyRegimeRisk r = cvar.get(key);
        assertThat(r.getN()).isEqualTo(n);
        assertThat(r.getWindowStart()).isEqualTo(T0.plus(Duration.ofMinutes(errors.size() - n)));
        assertThat(r.getCvar95ShortfallBps()).isCloseTo(-tail / k, within(1e-9));
        assertThat(r.getVar95Bps()).isCloseTo(-sorted[k - 1], within(1e-9));
        assertThat(r.getMeanErrorBps()).isCloseTo(mean, within(1e-9));
    }
}
