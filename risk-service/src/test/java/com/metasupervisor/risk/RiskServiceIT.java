package com.metasupervisor.risk;

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
        try (EmbeddedServer server = RiskInstances.start(platform, "risk-it-" + run, "risk-" + run, Map.of());
             KafkaConsumer<String, AgentStats> statsOut = platform.committedFromNow(Topics.RISK_AGENT_STATS);
             KafkaConsumer<String, StrategyRegimeRisk> cvarOut = platform.committedFromNow(Topics.RISK_STRATEGY_CVAR);
             KafkaConsumer<String, Alert> alertsOut = platform.committedFromNow(Topics.ALERTS)) {
            RiskInstances.awaitRunning(server);
            String base = "http://localhost:" + server.getPort();
            assertThat(RiskRest.status(base + "/agents/" + agent + "/stats")).isEqualTo(404);
            assertThat(RiskRest.status(base + "/strategies/" + strategy + "/risk")).isEqualTo(404);

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
            JsonNode s = RiskRest.json(base + "/agents/" + agent + "/stats");
            assertThat(s.get("agent").asText()).isEqualTo(agent);
            assertThat(s.get("n").asLong()).isEqualTo(ROWS);
            assertThat(s.get("pnlSumBps").asDouble()).isEqualTo(lastStats.getPnlSumBps());
            assertThat(s.get("confidenceMultiplier").asDouble()).isEqualTo(lastStats.getConfidenceMultiplier());
            assertThat(s.get("avgAbsErrorBps").asDouble()).isEqualTo(lastStats.getAvgAbsErrorBps());

            for (String url : List.of(base + "/strategies/" + strategy + "/risk?regime=TREND", base + "/strategies/" + strategy + "/risk")) {
                JsonNode risk = RiskRest.json(url);
                assertThat(risk.isArray()).isTrue();
                assertThat(risk).hasSize(1);
                JsonNode figures = risk.get(0);
                assertThat(figures.get("strategyClass").asText()).isEqualTo(strategy);
                assertThat(figures.get("regime").asText()).isEqualTo("TREND");
                assertThat(figures.get("horizonHours").asInt()).isEqualTo(24);
                assertThat(figures.get("n").asLong()).isEqualTo(ROWS);
                assertThat(figures.get("cvar95ShortfallBps").asDouble()).isEqualTo(lastCvar.getCvar95ShortfallBps());
                assertThat(figures.get("var95Bps").asDouble()).isEqualTo(lastCvar.getVar95Bps());
            }
            assertThat(RiskRest.status(base + "/strategies/" + strategy + "/risk?regime=RANGE")).isEqualTo(404);

            JsonNode open = RiskRest.json(base + "/alerts/open");
            List<String> ids = new ArrayList<>();
            open.forEach(a -> ids.add(a.get("alertId").asText()));
            assertThat(ids).contains(agent + "#1");
            open.forEach(a -> {
                if (a.get("agent").asText().equals(agent)) {
                    assertThat(a.get("severity").asText()).isIn("MEDIUM", "HIGH");
                    assertThat(a.get("openedAt").asText()).isEqualTo(opened.getOpenedAt().toString());
                }
            });
            assertThat(RiskRest.status(base + "/agents/nobody-" + run + "/stats")).isEqualTo(404);
        }
    }

    /** 40 rows of small alternating errors, then 80 of +100 bps: the mean error drifts past 40 bps. */
    private static void produce(LocalPlatform platform, String agent, String strategy) throws Exception {
        Instant t = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.HOURS);
        List<ReconciledAlpha> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++, t = t.plus(Duration.ofHours(1))) {
            double realized = i < 40 ? (i % 2 == 0 ? 10 : -10) : 100;
            rows.add(ReconciledRows.row(agent + "-" + i, agent, strategy, "TREND", 24, t, realized, 0, null));
        }
        ReconciledRows.produce(platform, rows);
    }
}
