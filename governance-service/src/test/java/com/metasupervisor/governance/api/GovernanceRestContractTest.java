package com.metasupervisor.governance.api;

import static com.metasupervisor.testkit.IdleStreamsService.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.metasupervisor.avro.AgentLifecycle;
import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.AgentStatus;
import com.metasupervisor.avro.DecisionEffect;
import com.metasupervisor.avro.DecisionSubjectKind;
import com.metasupervisor.avro.GovernanceAction;
import com.metasupervisor.avro.GovernanceDecision;
import com.metasupervisor.avro.StrategyLimits;
import com.metasupervisor.avro.StrategyState;
import com.metasupervisor.avro.StrategyStatus;
import com.metasupervisor.governance.topology.DecisionHistoryKey;
import com.metasupervisor.governance.topology.GovernanceTopology;
import com.metasupervisor.testkit.IdleStreamsService;
import com.metasupervisor.testkit.RestProbe;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The governance REST API's read side, walked without a broker: each error (503, 404, 400, 405) is
 * {@code application/problem+json}; each JSON field is snake_case, named as the Avro record's field, timestamps
 * ISO-8601; decisions newest first, one subject's only. The service runs as itself (Micronaut, its controllers, its
 * security, streams-kit's error handling) over its topology's KafkaStreams never started (503), or over the governor's
 * stores filled with records ({@link FixedStores}). No credential is sent: reads need none.
 */
class GovernanceRestContractTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final List<String> ENDPOINTS = List.of("/agents/a1/status", "/agents/a1/decisions", "/agents/a1/decisions?limit=5",
            "/strategies", "/strategies/macro/status", "/strategies/macro/decisions", "/strategies/macro/decisions?limit=1");

    private IdleStreamsService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void everyReadIsA503ProblemWhileTheStreamsAreNotRunningAndBadRequestsAre400() throws Exception {
        String base = start(Map.of());

        for (String path : ENDPOINTS) {
            JsonNode problem = RestProbe.problem(RestProbe.get(base + path), 503);
            assertThat(problem.get("detail").asText()).as(path).isEqualTo("streams are CREATED, not RUNNING");
        }
        for (String limit : List.of("0", "101", "-3")) {
            for (String path : List.of("/agents/a1/decisions?limit=", "/strategies/macro/decisions?limit=")) {
                assertThat(RestProbe.problem(RestProbe.get(base + path + limit), 400).get("detail").asText())
                        .isEqualTo("limit must be in 1..100 (governance.history-size), was " + limit);
            }
        }
        RestProbe.problem(RestProbe.get(base + "/agents/a1/decisions?limit=abc"), 400);
        assertThat(RestProbe.problem(RestProbe.get(base + "/agents/a%01b/status"), 400).get("detail").asText())
                .isEqualTo("agent must be a non-blank name without control characters");
        assertThat(RestProbe.problem(RestProbe.get(base + "/strategies/%00/decisions"), 400).get("detail").asText())
                .isEqualTo("strategy class must be a non-blank name without control characters");
        RestProbe.problem(RestProbe.get(base + "/no-such-route"), 404);
        RestProbe.problem(RestProbe.send(HttpRequest.newBuilder(URI.create(base + "/strategies"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build()), 405);
        assertThat(RestProbe.status(base + "/health")).as("health needs no credential").isIn(200, 503);
    }

    @Test
    void everyAnswerIsSnakeCaseNamedAsTheAvroFieldsWithIsoTimestamps() throws Exception {
        String base = start(Map.of(FixedStores.ENABLED, true));
        FixedStores stores = service.context().getBean(FixedStores.class);
        AgentStatus a1 = new AgentStatus("a1", AgentLifecycle.KILLED, "decision", "drawdown: -900 bps < -800 bps",
                "a1@1772445600000:KILL", T0);
        stores.put(GovernanceTopology.AGENT_STATUS_STORE, "a1", a1);
        stores.put(GovernanceTopology.MANIFEST_STORE, "a1", new AgentManifest("a1", "macro", AgentLifecycle.LIVE, "desk-1", T0.minusSeconds(3600)));
        stores.put(GovernanceTopology.AGENT_STATS_STORE, "a1", stats("a1"));
        stores.put(GovernanceTopology.AGENT_STATUS_STORE, "a2", new AgentStatus("a2", AgentLifecycle.CANDIDATE, "config_repo", null, null, T0));
        List<GovernanceDecision> a1Decisions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            a1Decisions.add(decision("a1", DecisionSubjectKind.AGENT, i == 2 ? GovernanceAction.KILL : GovernanceAction.HOLD, T0.plusSeconds(60L * i), i));
        }
        a1Decisions.forEach(d -> putDecision(stores, d));
        // neighbours in key order: agent "a" (a prefix of "a1"), agent "a10", and a class named like the agent
        putDecision(stores, decision("a", DecisionSubjectKind.AGENT, GovernanceAction.RETIRE, T0.plusSeconds(7200), 0));
        putDecision(stores, decision("a10", DecisionSubjectKind.AGENT, GovernanceAction.RETIRE, T0.plusSeconds(7200), 0));
        putDecision(stores, decision("a1", DecisionSubjectKind.STRATEGY_CLASS, GovernanceAction.DISABLE_CLASS, T0.plusSeconds(7200), 0));
        GovernanceDecision macroDisabled = decision("macro", DecisionSubjectKind.STRATEGY_CLASS, GovernanceAction.DISABLE_CLASS, T0, 0);
        putDecision(stores, macroDisabled);
        stores.put(GovernanceTopology.STRATEGY_STATUS_STORE, "macro", new StrategyStatus("macro", StrategyState.DISABLED,
                List.of("cvar: 61 bps > 50 bps in RANGE"), Map.of("cvar95_shortfall_bps", 61.0, "limit_max_cvar_error_bps", 50.0), "RANGE", T0,
                macroDisabled.getDecisionId(), "decision"));
        stores.put(GovernanceTopology.STRATEGY_LIMITS_STORE, "macro", new StrategyLimits("macro", StrategyState.ACTIVE, null, -800.0, 0.4,
                Map.of("RANGE", 50.0, "TREND", 80.0), "abc123", T0.minusSeconds(86_400)));
        stores.put(GovernanceTopology.STRATEGY_STATUS_STORE, "arb", new StrategyStatus("arb", StrategyState.ACTIVE, List.of(), Map.of(),
                null, T0, null, "config_repo"));

        JsonNode status = RestProbe.json(base + "/agents/a1/status");
        List<String> statusFields = new ArrayList<>(fieldNames(AgentStatus.getClassSchema()));
        statusFields.addAll(List.of("manifest", "stats"));
        assertThat(fieldNames(status)).containsExactlyElementsOf(statusFields);
        assertThat(status.get("status").asText()).isEqualTo("KILLED");
        assertThat(status.get("source").asText()).isEqualTo("decision");
        assertThat(status.get("reason").asText()).isEqualTo(a1.getReason());
        assertThat(status.get("decision_id").asText()).isEqualTo(a1.getDecisionId());
        assertThat(Instant.parse(status.get("updated_at").asText())).isEqualTo(T0);
        assertThat(fieldNames(status.get("manifest"))).containsExactlyElementsOf(fieldNames(AgentManifest.getClassSchema()));
        assertThat(status.get("manifest").get("status").asText()).isEqualTo("LIVE");
        assertThat(status.get("manifest").get("owner").asText()).isEqualTo("desk-1");
        assertThat(fieldNames(status.get("stats"))).containsExactlyElementsOf(fieldNames(AgentStats.getClassSchema()));
        assertThat(status.get("stats").get("pnl_7d_bps").asDouble()).isEqualTo(-120.0);
        assertThat(status.get("stats").get("sharpe_30d").isNull()).isTrue();
        assertThat(Instant.parse(status.get("stats").get("last_matured_at").asText())).isEqualTo(T0.minusSeconds(60));

        JsonNode a2 = RestProbe.json(base + "/agents/a2/status");
        assertThat(fieldNames(a2)).containsExactlyElementsOf(statusFields);
        assertThat(a2.get("reason").isNull()).isTrue();
        assertThat(a2.get("manifest").isNull()).isTrue();
        assertThat(a2.get("stats").isNull()).isTrue();
        assertThat(RestProbe.problem(RestProbe.get(base + "/agents/nobody/status"), 404).get("detail").asText())
                .isEqualTo("governance has no status for agent nobody (not in the manifest and never decided)");

        JsonNode decisions = RestProbe.json(base + "/agents/a1/decisions");
        assertThat(decisions).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode d = decisions.get(i);
            assertThat(fieldNames(d)).containsExactlyElementsOf(fieldNames(GovernanceDecision.getClassSchema()));
            assertThat(d.get("decision_id").asText()).isEqualTo(a1Decisions.get(2 - i).getDecisionId());
        }
        JsonNode newest = decisions.get(0);
        assertThat(newest.get("action").asText()).isEqualTo("KILL");
        assertThat(newest.get("reasons").get(0).asText()).isEqualTo("drawdown: -900 bps < -800 bps");
        assertThat(newest.get("metrics").get("max_drawdown_30d_bps").asDouble()).isEqualTo(-900.0);
        assertThat(newest.get("previous_status").asText()).isEqualTo("LIVE");
        assertThat(newest.get("previous_strategy_status").isNull()).isTrue();
        assertThat(newest.get("effect").asText()).isEqualTo("AT_ONCE");
        assertThat(newest.get("dry_run").asBoolean()).isFalse();
        assertThat(newest.get("subject_kind").asText()).isEqualTo("AGENT");
        assertThat(Instant.parse(newest.get("decided_at").asText())).isEqualTo(T0.plusSeconds(120));
        JsonNode two = RestProbe.json(base + "/agents/a1/decisions?limit=2");
        assertThat(two).hasSize(2);
        assertThat(two.get(1).get("decision_id").asText()).isEqualTo(a1Decisions.get(1).getDecisionId());
        assertThat(RestProbe.json(base + "/agents/nobody/decisions")).isEmpty();

        JsonNode strategies = withDataKeys(base + "/strategies");
        List<String> strategyFields = new ArrayList<>(fieldNames(StrategyStatus.getClassSchema()));
        strategyFields.add("limits");
        assertThat(strategies).hasSize(2);
        assertThat(strategies.get(0).get("strategy_class").asText()).isEqualTo("arb");
        assertThat(strategies.get(0).get("limits").isNull()).isTrue();
        assertThat(strategies.get(1).get("strategy_class").asText()).isEqualTo("macro");
        for (JsonNode s : strategies) {
            assertThat(fieldNames(s)).containsExactlyElementsOf(strategyFields);
        }
        JsonNode macro = withDataKeys(base + "/strategies/macro/status");
        assertThat(macro).isEqualTo(strategies.get(1));
        assertThat(macro.get("status").asText()).isEqualTo("DISABLED");
        assertThat(macro.get("metrics").get("cvar95_shortfall_bps").asDouble()).isEqualTo(61.0);
        assertThat(macro.get("regime").asText()).isEqualTo("RANGE");
        assertThat(macro.get("decision_id").asText()).isEqualTo(macroDisabled.getDecisionId());
        assertThat(fieldNames(macro.get("limits"))).containsExactlyElementsOf(fieldNames(StrategyLimits.getClassSchema()));
        assertThat(macro.get("limits").get("max_cvar_error_bps").get("RANGE").asDouble()).isEqualTo(50.0);
        assertThat(macro.get("limits").get("min_hit_rate").asDouble()).isEqualTo(0.4);
        assertThat(Instant.parse(macro.get("limits").get("updated_at").asText())).isEqualTo(T0.minusSeconds(86_400));
        assertThat(RestProbe.problem(RestProbe.get(base + "/strategies/none/status"), 404).get("detail").asText())
                .isEqualTo("governance has no status for strategy class none");

        JsonNode macroDecisions = RestProbe.json(base + "/strategies/macro/decisions");
        assertThat(macroDecisions).hasSize(1);
        assertThat(fieldNames(macroDecisions.get(0))).containsExactlyElementsOf(fieldNames(GovernanceDecision.getClassSchema()));
        assertThat(macroDecisions.get(0).get("subject_kind").asText()).isEqualTo("STRATEGY_CLASS");
        assertThat(macroDecisions.get(0).get("previous_strategy_status").asText()).isEqualTo("ACTIVE");
        JsonNode classA1 = RestProbe.json(base + "/strategies/a1/decisions");
        assertThat(classA1).hasSize(1);
        assertThat(classA1.get(0).get("action").asText()).isEqualTo("DISABLE_CLASS");
    }

    /** The service as it runs over its topology's streams, never started (503), with {@code more} configuration; its base URL. */
    private String start(Map<String, Object> more) {
        Map<String, Object> config = new HashMap<>(OperatorEndpointTest.config());
        config.putAll(more);
        service = OperatorEndpointTest.startService(config);
        return service.baseUrl();
    }

    /**
     * The 200 answer at {@code url}, snake_case checked but for the keys of {@code max_cvar_error_bps}: regime names
     * (TREND, RANGE), data as the kill list spells them, not field names.
     */
    private static JsonNode withDataKeys(String url) throws Exception {
        var response = RestProbe.get(url);
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        JsonNode json = RestProbe.json(response);
        JsonNode checked = json.deepCopy();
        for (JsonNode s : checked.isArray() ? checked : List.of(checked)) {
            if (s.get("limits").isObject()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) s.get("limits")).remove("max_cvar_error_bps");
            }
        }
        RestProbe.assertSnakeCase(checked);
        return json;
    }

    private static void putDecision(FixedStores stores, GovernanceDecision d) {
        stores.put(GovernanceTopology.HISTORY_STORE, DecisionHistoryKey.of(d.getSubjectKind(), d.getAgent(), d.getDecidedAt().toEpochMilli(), 0), d);
    }

    private static GovernanceDecision decision(String subject, DecisionSubjectKind kind, GovernanceAction action, Instant at, int n) {
        boolean agent = kind == DecisionSubjectKind.AGENT;
        return GovernanceDecision.newBuilder()
                .setDecisionId(subject + "@" + at.toEpochMilli() + ":" + action)
                .setAgent(subject)
                .setStrategyClass(agent ? "macro" : subject)
                .setAction(action)
                .setPreviousStatus(agent ? AgentLifecycle.LIVE : null)
                .setReasons(action == GovernanceAction.KILL ? List.of("drawdown: -900 bps < -800 bps") : List.of("hold: decision " + n))
                .setMetrics(Map.of("max_drawdown_30d_bps", -900.0))
                .setDecidedAt(at)
                .setSubjectKind(kind)
                .setPreviousStrategyStatus(agent ? null : StrategyState.ACTIVE)
                .setEffect(action == GovernanceAction.HOLD ? DecisionEffect.NONE : DecisionEffect.AT_ONCE)
                .setDryRun(false)
                .setRegime("RANGE")
                .build();
    }

    private static AgentStats stats(String agent) {
        return AgentStats.newBuilder()
                .setAgent(agent).setStrategyClass("macro").setHorizonHours(24).setN(40)
                .setPnl7dBps(-120.0).setPnl30dBps(-300.0).setPnlSumBps(-310.0).setSharpe30d(null).setWinrate30d(0.4)
                .setHitRate(0.42).setMaxDrawdown30dBps(-900.0).setErrorRate(0.01).setUnpricedRate(0.0)
                .setAvgAbsErrorBps(12.0).setRmseBps(15.0).setConfidenceMultiplier(0.9)
                .setLastMaturedAt(T0.minusSeconds(60)).setUpdatedAt(T0)
                .build();
    }
}
