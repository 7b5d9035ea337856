package com.metasupervisor.risk;

import static com.metasupervisor.testkit.ReconciledRowBuilder.reconciledRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.testkit.CatalogRecords;
import com.metasupervisor.testkit.RestProbe;
import com.metasupervisor.testkit.ServiceInstances;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * Figures age in event time on the real broker, through the registry serdes and exactly-once: a silent
 * agent's multiplier decays to its floor while another agent of its partition trades, and the CVaR of a
 * regime that ended is withdrawn with a tombstone once its rows pass 30 days. Its own platform: the
 * rows of other tests on a shared alpha.reconciled would move this application's event time.
 */
class RiskAgingIT {

    private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");

    @Test
    void aSilentAgentDecaysAndAnEndedRegimesCvarIsWithdrawn() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // the dormant key and the silent agent must share a task with the active ones: stream time is per task
        String silent = "silent-" + run;
        String active = sameAgentPartition(silent, "active-" + run);
        String strategy = null;
        String activeRegime = null;
        int activeHorizon = 0;
        int cvarPartitions = Topics.RISK_STRATEGY_CVAR.partitions();
        for (int k = 0; activeRegime == null; k++) { // a strategy name with a going key in the CRISIS key's partition
            strategy = "arb-" + run + "-" + k;
            for (String regime : List.of("TREND", "RANGE")) {
                for (int horizon : new int[] {1, 4, 24}) {
                    if (activeRegime == null && partition(strategy + "|" + regime + "|" + horizon, cvarPartitions)
                            == partition(strategy + "|CRISIS|24", cvarPartitions)) {
                        activeRegime = regime;
                        activeHorizon = horizon;
                    }
                }
            }
        }
        String crisisKey = strategy + "|CRISIS|24";

        try (LocalPlatform platform = LocalPlatform.start();
             EmbeddedServer server = ServiceInstances.start(platform, "risk-aging-it-" + run, "risk-aging-" + run, Map.of());
             KafkaConsumer<String, AgentStats> statsOut = platform.committedFromNow(Topics.RISK_AGENT_STATS);
             KafkaConsumer<String, StrategyRegimeRisk> cvarOut = platform.committedFromNow(Topics.RISK_STRATEGY_CVAR)) {
            ServiceInstances.awaitRunning(server);

            List<ReconciledAlpha> rows = new ArrayList<>();
            rows.add(reconciledRow().eventId("c1").agent(silent).strategy(strategy).regime("CRISIS")
                    .horizonHours(24).maturedAt(T0).realizedBps(-50).expectedBps(0).build());
            rows.add(reconciledRow().eventId("c2").agent(silent).strategy(strategy).regime("CRISIS")
                    .horizonHours(24).maturedAt(T0.plus(Duration.ofHours(1))).realizedBps(-20).expectedBps(0).build());
            // then 31 days of another agent's rows, one every 6 hours, in a regime that goes on
            int i = 0;
            for (Instant t = T0.plus(Duration.ofHours(6)); !t.isAfter(T0.plus(Duration.ofDays(31))); t = t.plus(Duration.ofHours(6))) {
                rows.add(reconciledRow().eventId("a" + i++).agent(active).strategy(strategy).regime(activeRegime)
                        .horizonHours(activeHorizon).maturedAt(t).realizedBps(5).expectedBps(0).build());
            }
            CatalogRecords.produce(platform, Topics.ALPHA_RECONCILED, ReconciledAlpha::getAgent, rows);

            Map<String, StrategyRegimeRisk> cvar = new HashMap<>();
            Map<String, Boolean> withdrawn = new HashMap<>();
            Map<String, AgentStats> stats = new HashMap<>();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
                cvarOut.poll(Duration.ofMillis(100)).forEach(r -> {
                    if (r.value() == null) {
                        withdrawn.put(r.key(), true);
                        cvar.remove(r.key());
                    } else {
                        cvar.put(r.key(), r.value());
                    }
                });
                statsOut.poll(Duration.ofMillis(100)).forEach(r -> stats.put(r.key(), r.value()));
                AgentStats s = stats.get(silent);
                return withdrawn.containsKey(crisisKey) && s != null && s.getConfidenceMultiplier() == 0.5 && s.getPnl7dBps() == 0;
            });
            assertThat(cvar).doesNotContainKey(crisisKey);
            assertThat(withdrawn).doesNotContainKey(strategy + "|" + activeRegime + "|" + activeHorizon);

            String base = "http://localhost:" + server.getPort();
            RestProbe.problem(RestProbe.get(base + "/strategies/" + strategy + "/risk?regime=CRISIS"), 404);
            JsonNode silentStats = RestProbe.json(base + "/agents/" + silent + "/stats");
            assertThat(silentStats.get("confidence_multiplier").asDouble()).isEqualTo(0.5);
            assertThat(silentStats.get("pnl_7d_bps").asDouble()).isZero();
            assertThat(silentStats.get("n").asLong()).isEqualTo(2);
        }
    }

    /** A name starting with {@code prefix} whose records go to the same alpha.reconciled partition as {@code agent}'s. */
    private static String sameAgentPartition(String agent, String prefix) {
        int partitions = Topics.ALPHA_RECONCILED.partitions();
        for (int k = 0; ; k++) {
            String candidate = prefix + "-" + k;
            if (partition(candidate, partitions) == partition(agent, partitions)) {
                return candidate;
            }
        }
    }

    /** The producer's default partition of a String key. */
    private static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
