package com.metasupervisor.risk;

import static com.metasupervisor.testkit.ReconciledRowBuilder.reconciledRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AlertTransition;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.platform.SharedPlatformExtension;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.testkit.CatalogRecords;
import com.metasupervisor.testkit.RestProbe;
import com.metasupervisor.testkit.ServiceInstances;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The risk service on the real broker and registry: reconciled rows of a drifting agent in →
 * risk.agent-stats, risk.strategy-cvar and an OPENED divergence alert out, and the REST endpoints
 * answering the same figures from the state stores.
 */
@ExtendWith(SharedPlatformExtension.class)
class RiskServiceIT {

    private static final int ROWS = 120;

    @Test
    void aDriftingAgentsRowsBecomeStatsCvarAnAlertAndRestAnswers(LocalPlatform platform) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String agent = "agent-risk-" + run;
        String strategy = "strat-" + run;
        try (EmbeddedServer server = ServiceInstances.start(platform, "risk-it-" + run, "risk-" + run, Map.of());
             KafkaConsumer<String, AgentStats> statsOut = platform.committedFromNow(Topics.RISK_AGENT_STATS);
             KafkaConsumer<String, StrategyRegimeRisk> cvarOut = platform.committedFromNow(Topics.RISK_STRATEGY_CVAR);
             KafkaConsumer<String, Alert> alertsOut = platform.committedFromNow(Topics.ALERTS)) {
            ServiceInstances.awaitRunning(server);
            String base = "http://localhost:" + server.getPort();
            RestProbe.problem(RestProbe.get(base + "/agents/" + agent + "/stats"), 404);
            RestProbe.problem(RestProbe.get(base + "/strategies/" + strategy + "/risk"), 404);

            produce(platform, agent, strategy);

            List<AgentStats> stats = new ArrayList<>();
            List<StrategyRegimeRisk> cvar = new ArrayList<>();
            List<Alert> alerts = new ArrayList<>();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
                statsOut.poll(Duration.ofMillis(100)).forEach(r -> {
                    if (agent.equals(r.key())) {
                        stats.add(r.value());
                    }
                });
                cvarOut.poll(Duration.ofMillis(100)).forEach(r -> {
                    if (strategy.equals(r.value().getStrategyClass())) {
                        cvar.add(r.value());
                    }
                });
                alertsOut.poll(Duration.ofMillis(100)).forEach(r -> {
                    if (agent.equals(r.key())) {
                        alerts.add(r.value());
                    }
                });
                return !stats.isEmpty() && stats.getLast().getN() == ROWS
                        && !cvar.isEmpty() && cvar.getLast().getN() == ROWS
                        && alerts.stream().anyMatch(a -> a.getTransition() == AlertTransition.OPENED);
            });
            AgentStats lastStats = stats.getLast();
            assertThat(lastStats.getStrategyClass()).isEqualTo(strategy);
            assertThat(lastStats.getHorizonHours()).isEqualTo(24);
            StrategyRegimeRisk lastCvar = cvar.getLast();
            assertThat(lastCvar.getRegime()).isEqualTo("TREND");
            assertThat(lastCvar.getHorizonHours()).isEqualTo(24);
            Alert opened = alerts.stream().filter(a -> a.getTransition() == AlertTransition.OPENED).findFirst().orElseThrow();
            assertThat(opened.getAlertId()).isEqualTo(agent + "#1");
            assertThat(opened.getSubject()).isEqualTo(agent);

            // the REST answers are the published figures
            JsonNode s = RestProbe.json(base + "/agents/" + agent + "/stats");
            assertThat(s.get("agent").asText()).isEqualTo(agent);
            assertThat(s.get("n").asLong()).isEqualTo(ROWS);
            assertThat(s.get("pnl_sum_bps").asDouble()).isEqualTo(lastStats.getPnlSumBps());
            assertThat(s.get("confidence_multiplier").asDouble()).isEqualTo(lastStats.getConfidenceMultiplier());
            assertThat(s.get("avg_abs_error_bps").asDouble()).isEqualTo(lastStats.getAvgAbsErrorBps());

            for (String url : List.of(base + "/strategies/" + strategy + "/risk?regime=TREND", base + "/strategies/" + strategy + "/risk")) {
                JsonNode risk = RestProbe.json(url);
                assertThat(risk.isArray()).isTrue();
                assertThat(risk).hasSize(1);
                JsonNode figures = risk.get(0);
                assertThat(figures.get("strategy_class").asText()).isEqualTo(strategy);
                assertThat(figures.get("regime").asText()).isEqualTo("TREND");
                assertThat(figures.get("horizon_hours").asInt()).isEqualTo(24);
                assertThat(figures.get("n").asLong()).isEqualTo(ROWS);
                assertThat(figures.get("cvar95_shortfall_bps").asDouble()).isEqualTo(lastCvar.getCvar95ShortfallBps());
                assertThat(figures.get("var95_bps").asDouble()).isEqualTo(lastCvar.getVar95Bps());
            }
            RestProbe.problem(RestProbe.get(base + "/strategies/" + strategy + "/risk?regime=RANGE"), 404);

            JsonNode open = RestProbe.json(base + "/alerts/open");
            List<String> ids = new ArrayList<>();
            open.forEach(a -> ids.add(a.get("alert_id").asText()));
            assertThat(ids).contains(agent + "#1");
            open.forEach(a -> {
                if (a.get("agent").asText().equals(agent)) {
                    assertThat(a.get("severity").asText()).isIn("MEDIUM", "HIGH");
                    assertThat(a.get("opened_at").asText()).isEqualTo(opened.getOpenedAt().toString());
                }
            });
            RestProbe.problem(RestProbe.get(base + "/agents/nobody-" + run + "/stats"), 404);
        }
    }

    /** 40 rows of small alternating errors, then 80 of +100 bps: the mean error drifts past 40 bps. */
    private static void produce(LocalPlatform platform, String agent, String strategy) throws Exception {
        Instant t = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.HOURS);
        List<ReconciledAlpha> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++, t = t.plus(Duration.ofHours(1))) {
            double realized = i < 40 ? (i % 2 == 0 ? 10 : -10) : 100;
            rows.add(reconciledRow().eventId(agent + "-" + i).agent(agent).strategy(strategy).regime("TREND")
                    .horizonHours(24).maturedAt(t).realizedBps(realized).expectedBps(0).build());
        }
        CatalogRecords.produce(platform, Topics.ALPHA_RECONCILED, ReconciledAlpha::getAgent, rows);
    }
}
