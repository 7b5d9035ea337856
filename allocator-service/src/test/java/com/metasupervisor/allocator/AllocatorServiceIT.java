package com.metasupervisor.allocator;

import static com.metasupervisor.testkit.ReconciledRowBuilder.reconciledRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.metasupervisor.avro.AgentAllocation;
import com.metasupervisor.avro.AgentLifecycle;
import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.AgentStatus;
import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AlertSubjectKind;
import com.metasupervisor.avro.AlertTransition;
import com.metasupervisor.avro.GuardianState;
import com.metasupervisor.avro.AllocationChange;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.avro.PolicyLedger;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.avro.RegimeState;
import com.metasupervisor.avro.Severity;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.avro.StrategyState;
import com.metasupervisor.avro.StrategyStatus;
import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.platform.SharedPlatformExtension;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.testkit.CatalogRecords;
import com.metasupervisor.testkit.RestProbe;
import com.metasupervisor.testkit.ServiceInstances;
import com.metasupervisor.testkit.TestCredentials;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The allocator service on the real broker and registry (SPEC §5, issue 11 acceptance 5): inputs on their topics →
 * a snapshot on {@code allocations} whose every agent is explained (weights, multipliers, the exclusions expected),
 * {@code allocations.by-agent} and {@code allocations.shadow} agreeing with it, every REST endpoint and the weights
 * file answering the same; then a KILL on {@code governance.agent-status} zeroes that agent in the very next snapshot.
 *
 * <p>The inputs arrive on many topics and partitions, so their processing order is not the order they were sent in,
 * and the publish rule (hysteresis) may hold a weight. The scenario is therefore built in phases, each waiting on an
 * observable result: first everything under a market.regime multiplier of 0 (every target weight is 0 whatever the
 * order, so nothing is held), with one reconciled row per agent as a barrier (the inputs go to the allocator's one task
 * in one order: once every paper ledger shows the rows credited, the inputs sent before them are in); then the regime flips to TREND (multiplier 1): every weight moves by ≥ 0.10, so the snapshot is the
 * target of all the inputs.
 */
@ExtendWith(SharedPlatformExtension.class)
class AllocatorServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> POLICIES = List.of("soft_penalty", "pnl_proportional", "composite");
    private static final double CVAR_SHORTFALL_BPS = 20;
    private static final double SOFT_PENALTY_MAX = 0.25;

    @Test
    void inputsBecomeAnExplainedSnapshotLedgersAndRestAndAKillZeroesAtOnce(LocalPlatform platform, @TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Fleet fleet = new Fleet(run);
        Path weightsFile = dir.resolve("allocation").resolve("weights.json");
        try (KafkaConsumer<String, AllocationSnapshot> snapshotsOut = platform.committedFromNow(Topics.ALLOCATIONS);
             KafkaConsumer<String, AgentAllocation> byAgentOut = platform.committedFromNow(Topics.ALLOCATIONS_BY_AGENT);
             KafkaConsumer<String, PolicyLedger> shadowOut = platform.committedFromNow(Topics.ALLOCATIONS_SHADOW);
             // a credited row goes out on allocations.shadow with the next evaluation: every second here (wall clock
             // when idle), not every 5 min
             EmbeddedServer server = ServiceInstances.start(platform, "allocator-it-" + run, "allocator-" + run,
                     Map.of("allocator.weights-file", weightsFile.toString(), "allocator.evaluation-interval", "PT1S"))) {
            Outputs out = new Outputs(snapshotsOut, byAgentOut, shadowOut);
            ServiceInstances.awaitRunning(server);
            String base = ServiceInstances.baseUrl(server);

            // phase 1: every input, under a regime multiplier of 0; then the barrier rows
            produce(platform, fleet, now());
            List<ReconciledAlpha> barrier = new ArrayList<>();
            for (String agent : fleet.all()) {
                barrier.add(reconciledRow().eventId("barrier-" + agent).agent(agent).strategy(fleet.strategyOf(agent)).regime("TREND")
                        .horizonHours(24).maturedAt(now()).realizedBps(7).expectedBps(0).build());
            }
            CatalogRecords.produce(platform, Topics.ALPHA_RECONCILED, ReconciledAlpha::getAgent, barrier);
            out.awaitLedgers(l -> l.getRows() >= barrier.size(), "every ledger credited the barrier rows");
            for (String policy : POLICIES) {
                PolicyLedger ledger = out.ledgers.get(policy);
                assertThat(ledger.getCumulativePnlBps()).as("%s held nothing under multiplier 0", policy).isZero();
            }

            // phase 2: TREND with the configured multiplier 1.0: every target moves by >= 0.10 and is published
            CatalogRecords.produce(platform, Topics.MARKET_REGIME, r -> "current", List.of(regime("TREND", null)));
            AllocationSnapshot snapshot = out.awaitSnapshot(s -> s.getRegime().equals("TREND") && s.getRegimeMultiplier() == 1.0,
                    "a snapshot in TREND");
            assertExplainedSnapshot(snapshot, fleet);
            out.awaitByAgentMatching(snapshot, fleet.all());
            PolicyLedger active = out.awaitLedgers(l -> !l.getWeights().isEmpty(), "every ledger holding the published weights")
                    .get("soft_penalty");
            assertThat(active.getActive()).isTrue();
            assertThat(active.getWeights()).isEqualTo(positiveWeights(snapshot));
            assertThat(active.getCash()).isCloseTo(snapshot.getCash(), within(1e-12));
            POLICIES.stream().filter(p -> !p.equals("soft_penalty"))
                    .forEach(p -> assertThat(out.ledgers.get(p).getActive()).as("%s is a shadow", p).isFalse());

            // phase 3: rows at 24 h credit every ledger at the weights it holds; a 4 h row is not credited
            List<ReconciledAlpha> rows = new ArrayList<>();
            double realized = -30;
            for (String agent : fleet.all()) {
                rows.add(reconciledRow().eventId("r24-" + agent).agent(agent).strategy(fleet.strategyOf(agent)).regime("TREND")
                        .horizonHours(24).maturedAt(now()).realizedBps(realized).expectedBps(0).build());
                realized += 17;
            }
            List<ReconciledAlpha> fourHours = List.of(reconciledRow().eventId("r4-" + fleet.eligible.getFirst())
                    .agent(fleet.eligible.getFirst()).strategy(fleet.strategyOf(fleet.eligible.getFirst())).regime("TREND")
                    .horizonHours(4).maturedAt(now()).realizedBps(1_000).expectedBps(0).build());
            CatalogRecords.produce(platform, Topics.ALPHA_RECONCILED, ReconciledAlpha::getAgent, fourHours);
            CatalogRecords.produce(platform, Topics.ALPHA_RECONCILED, ReconciledAlpha::getAgent, rows);
            long credited = barrier.size() + rows.size();
            Map<String, PolicyLedger> ledgers = out.awaitLedgers(l -> l.getRows() >= credited, "every ledger credited the rows");
            for (String policy : POLICIES) {
                PolicyLedger ledger = ledgers.get(policy);
                double expected = rows.stream().mapToDouble(r -> ledger.getWeights().getOrDefault(r.getAgent(), 0.0) * r.getRealizedPnlBps()).sum();
                assertThat(ledger.getRows()).as("%s: the 4 h row is not credited", policy).isEqualTo(credited);
                assertThat(ledger.getCumulativePnlBps()).as("%s: Σ weight held × realized", policy).isCloseTo(expected, within(1e-9));
                assertThat(ledger.getMaxDrawdownBps()).isLessThanOrEqualTo(0);
                assertThat(ledger.getWeightChanges()).isGreaterThanOrEqualTo(1);
            }

            assertRestAgrees(base, snapshot, fleet, out);
            assertWeightsFile(weightsFile, snapshot);

            // phase 4: a KILL of an agent holding weight zeroes it in the next snapshot
            String killed = fleet.eligible.getFirst();
            assertThat(weightOf(snapshot, killed)).isPositive();
            CatalogRecords.produce(platform, Topics.GOVERNANCE_AGENT_STATUS, AgentStatus::getAgent,
                    List.of(status(killed, AgentLifecycle.KILLED, "drawdown breach")));
            int seen = out.snapshots.size();
            out.awaitSnapshot(s -> out.snapshots.size() > seen, "a snapshot after the KILL");
            AllocationSnapshot afterKill = out.snapshots.get(seen);
            assertThat(afterKill.getPreviousSnapshotId()).isEqualTo(snapshot.getSnapshotId());
            AgentAllocation zeroed = entry(afterKill, killed);
            assertThat(zeroed.getWeight()).as("the first snapshot after the KILL zeroes %s", killed).isZero();
            assertThat(zeroed.getExcludedReason()).contains("KILLED").contains("drawdown breach");
            AllocationChange change = afterKill.getChanges().stream().filter(c -> c.getAgent().equals(killed)).findFirst().orElseThrow();
            assertThat(change.getFromWeight()).isEqualTo(weightOf(snapshot, killed));
            assertThat(change.getToWeight()).isZero();
            assertThat(change.getReason()).contains("KILLED");
            assertThat(afterKill.getTurnover()).isPositive();
            assertSumsToOne(afterKill);
            out.awaitByAgentMatching(afterKill, List.of(killed));
            // a governance exclusion zeroes the agent under every policy, shadows included
            out.awaitLedgers(l -> !l.getWeights().containsKey(killed), "no ledger holding " + killed);
            assertThat(RestProbe.json(base + "/allocations/current").get("snapshot_id").asText()).isEqualTo(afterKill.getSnapshotId());
            assertThat(RestProbe.json(base + "/allocations/current/" + encode(killed)).get("weight").asDouble()).isZero();
            assertWeightsFile(weightsFile, afterKill);

            // phase 5: the operator's switches over REST (SPEC §8): an agent's token is refused and publishes nothing;
            // the operator's regime and guardian reach the next snapshots, the record naming who set them
            try (KafkaConsumer<String, GuardianState> guardianOut = platform.committedFromNow(Topics.CONTROL_GUARDIAN)) {
                String agentToken = TestCredentials.agent(fleet.eligible.getFirst());
                String operatorToken = TestCredentials.operator("alice");
                assertThat(RestProbe.problem(postJson(base + "/ops/guardian", agentToken, "{\"paused\": true, \"reason\": \"x\"}"), 403)
                        .get("detail").asText()).contains("OPERATOR");
                RestProbe.problem(postJson(base + "/ops/regime", null, "{\"regime\": \"CRISIS\"}"), 401);

                int beforeRegime = out.snapshots.size();
                HttpResponse<String> regimeSet = postJson(base + "/ops/regime", operatorToken, "{\"regime\": \"range\", \"risk_multiplier\": 0.4}");
                assertThat(regimeSet.statusCode()).as(regimeSet.body()).isEqualTo(202);
                assertThat(new ObjectMapper().readTree(regimeSet.body()).get("source").asText()).isEqualTo("ops:alice");
                out.awaitSnapshot(s -> out.snapshots.size() > beforeRegime && s.getRegime().equals("RANGE") && s.getRegimeMultiplier() == 0.4,
                        "a snapshot under the operator's regime");

                HttpResponse<String> paused = postJson(base + "/ops/guardian", operatorToken, "{\"paused\": true, \"reason\": \"exchange outage\"}");
                assertThat(paused.statusCode()).as(paused.body()).isEqualTo(202);
                out.awaitSnapshot(AllocationSnapshot::getGuardianPaused, "a snapshot under the paused guardian");
                List<GuardianState> guardians = new ArrayList<>();
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    guardianOut.poll(Duration.ofMillis(200)).forEach(r -> guardians.add(r.value()));
                    return !guardians.isEmpty();
                });
                assertThat(guardians).hasSize(1); // the agent's attempt published nothing
                assertThat(guardians.getFirst().getSetBy()).isEqualTo("alice");
                assertThat(guardians.getFirst().getReason()).isEqualTo("exchange outage");
            }
        }
    }

    private static HttpResponse<String> postJson(String url, String bearer, String body) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return RestProbe.send(request.build());
    }

    private static void assertExplainedSnapshot(AllocationSnapshot s, Fleet fleet) {
        assertThat(s.getPolicy()).isEqualTo("soft_penalty");
        assertThat(s.getSource()).isNotBlank();
        assertThat(s.getHorizonHours()).isEqualTo(24);
        assertThat(s.getGuardianPaused()).isFalse();
        assertThat(s.getMaxAllocation()).isEqualTo(SOFT_PENALTY_MAX);
        assertThat(s.getReasonForPublish()).contains("max |Δw|");
        assertThat(s.getPreviousSnapshotId()).isNotNull();
        assertSumsToOne(s);
        // the previous snapshots held all cash (multiplier 0): the turnover is what went into the agents
        assertThat(s.getTurnover()).isCloseTo(1 - s.getCash(), within(1e-9));

        for (String agent : fleet.eligible) {
            AgentAllocation a = entry(s, agent);
            assertThat(a.getExcludedReason()).as("%s is eligible", agent).isNull();
            assertThat(a.getWeight()).as("weight of %s", agent).isPositive().isLessThanOrEqualTo(SOFT_PENALTY_MAX + 1e-12);
            assertThat(a.getTargetWeight()).isCloseTo(a.getWeight(), within(1e-12));
            assertThat(a.getHysteresisHeld()).isFalse();
            assertThat(a.getStatus()).isEqualTo("LIVE");
            assertThat(a.getStrategyClass()).isEqualTo(fleet.strategyOf(agent));
            assertThat(a.getRawScore()).as("raw score of %s = √pnl_sum_bps", agent).isCloseTo(Math.sqrt(fleet.pnlSumOf(agent)), within(1e-9));
            assertThat(a.getMultipliers()).containsKeys("hit_rate", "confidence", "error", "cvar", "drawdown", "regime");
            assertThat(a.getMultipliers().get("regime")).isEqualTo(1.0);
            assertThat(a.getExplanation()).isNotBlank();
            AllocationChange change = s.getChanges().stream().filter(c -> c.getAgent().equals(agent)).findFirst().orElseThrow();
            assertThat(change.getFromWeight()).isZero();
            assertThat(change.getToWeight()).isEqualTo(a.getWeight());
            if (fleet.strategyOf(agent).equals(fleet.macro)) {
                assertThat(a.getMultipliers().get("cvar")).isCloseTo(1 - 0.015 * CVAR_SHORTFALL_BPS, within(1e-12));
            } else {
                assertThat(a.getMultipliers().get("cvar")).isEqualTo(1.0);
                assertThat(a.getExplanation()).contains("no CVaR figures for " + fleet.arb + "|TREND|24");
            }
        }
        AgentAllocation alerted = entry(s, fleet.alerted);
        assertThat(alerted.getMultipliers()).containsEntry("alert", 0.5);
        assertThat(alerted.getExplanation()).contains(fleet.alerted + "#1");
        fleet.eligible.stream().filter(a -> !a.equals(fleet.alerted))
                .forEach(a -> assertThat(entry(s, a).getMultipliers()).as("%s has no alert", a).doesNotContainKey("alert"));

        Map<String, List<String>> exclusions = new LinkedHashMap<>();
        exclusions.put(fleet.disabled, List.of("DISABLED", "cvar95 breach"));
        exclusions.put(fleet.gated, List.of("error_rate 0.5000 > 0.15"));
        exclusions.put(fleet.candidate, List.of("CANDIDATE (registry)"));
        exclusions.put(fleet.retired, List.of("RETIRED (governance: retired by ops)"));
        exclusions.put(fleet.noFigures, List.of("no risk.agent-stats yet"));
        exclusions.forEach((agent, words) -> {
            AgentAllocation a = entry(s, agent);
            assertThat(a.getWeight()).as("%s is excluded", agent).isZero();
            assertThat(a.getExcludedReason()).as("exclusion of %s", agent).isNotNull();
            words.forEach(w -> assertThat(a.getExcludedReason()).as("exclusion of %s", agent).contains(w));
            assertThat(a.getExplanation()).as("explanation of %s", agent).contains("excluded");
        });
    }

    private static void assertRestAgrees(String base, AllocationSnapshot s, Fleet fleet, Outputs out) throws Exception {
        JsonNode current = RestProbe.json(base + "/allocations/current");
        assertThat(current.get("snapshot_id").asText()).isEqualTo(s.getSnapshotId());
        assertThat(current.get("policy").asText()).isEqualTo(s.getPolicy());
        assertThat(current.get("cash").asDouble()).isEqualTo(s.getCash());
        assertThat(current.get("turnover").asDouble()).isEqualTo(s.getTurnover());
        assertThat(current.get("regime").asText()).isEqualTo("TREND");
        assertThat(Instant.parse(current.get("as_of").asText())).isEqualTo(s.getAsOf());
        assertThat(current.get("allocations")).hasSize(s.getAllocations().size());
        Map<String, JsonNode> restAgents = new HashMap<>();
        current.get("allocations").forEach(a -> restAgents.put(a.get("agent").asText(), a));
        for (String agent : fleet.all()) {
            AgentAllocation a = entry(s, agent);
            for (JsonNode json : List.of(restAgents.get(agent), RestProbe.json(base + "/allocations/current/" + encode(agent)))) {
                assertThat(json.get("agent").asText()).isEqualTo(agent);
                assertThat(json.get("weight").asDouble()).as("weight of %s", agent).isEqualTo(a.getWeight());
                assertThat(json.get("explanation").asText()).isEqualTo(a.getExplanation());
                assertThat(json.get("bound").asText()).isEqualTo(a.getBound().name());
                assertThat(textOrNull(json.get("excluded_reason"))).isEqualTo(a.getExcludedReason());
                assertThat(doubles(json.get("multipliers"))).isEqualTo(a.getMultipliers());
            }
        }
        RestProbe.problem(RestProbe.get(base + "/allocations/current/" + encode("nobody-" + fleet.run)), 404);

        JsonNode history = RestProbe.json(base + "/allocations/history?limit=2");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("snapshot_id").asText()).isEqualTo(s.getSnapshotId());
        assertThat(history.get(0).get("reason_for_publish").asText()).isEqualTo(s.getReasonForPublish());
        assertThat(history.get(0).get("turnover").asDouble()).isEqualTo(s.getTurnover());
        assertThat(history.get(0).get("changes")).hasSize(s.getChanges().size());
        assertThat(history.get(1).get("snapshot_id").asText()).isEqualTo(s.getPreviousSnapshotId());
        assertThat(RestProbe.json(base + "/allocations/history").size()).isEqualTo(Math.min(20, out.snapshots.size()));
        RestProbe.problem(RestProbe.get(base + "/allocations/history?limit=0"), 400);

        JsonNode policies = jsonKeyedByAgents(base + "/policies/compare", "weights");
        assertThat(policies).hasSize(3);
        assertThat(policies.get(0).get("policy").asText()).as("the active policy first").isEqualTo("soft_penalty");
        for (JsonNode p : policies) {
            PolicyLedger ledger = out.ledgers.get(p.get("policy").asText());
            assertThat(p.get("active").asBoolean()).isEqualTo(ledger.getActive());
            assertThat(p.get("cumulative_pnl_bps").asDouble()).isEqualTo(ledger.getCumulativePnlBps());
            assertThat(p.get("rows").asLong()).isEqualTo(ledger.getRows());
            assertThat(p.get("weight_changes").asLong()).isEqualTo(ledger.getWeightChanges());
            assertThat(p.get("turnover").asDouble()).isEqualTo(ledger.getTurnover());
            assertThat(doubles(p.get("weights"))).isEqualTo(ledger.getWeights());
        }

        JsonNode document = jsonKeyedByAgents(base + "/allocations/current/document", "allocations");
        assertDocument(document, s);
    }

    /**
     * A 200 answer whose fields are snake_case but for the keys of its maps {@code mapField} (at any depth): those
     * are agent names, data, not field names (an agent may be called {@code agent-7}).
     */
    private static JsonNode jsonKeyedByAgents(String url, String mapField) throws Exception {
        HttpResponse<String> response = RestProbe.get(url);
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        JsonNode json = RestProbe.json(response);
        JsonNode fieldsOnly = json.deepCopy();
        for (JsonNode parent : fieldsOnly.findParents(mapField)) {
            ((ObjectNode) parent).set(mapField, JSON.createObjectNode());
        }
        RestProbe.assertSnakeCase(fieldsOnly);
        return json;
    }

    /** The weights.json form (SPEC §5) of {@code s}: the agents with a weight, cash, source, timestamp, bounds. */
    private static void assertDocument(JsonNode document, AllocationSnapshot s) {
        assertThat(doubles(document.get("allocations"))).isEqualTo(positiveWeights(s));
        assertThat(document.get("cash").asDouble()).isEqualTo(s.getCash());
        assertThat(document.get("source").asText()).isEqualTo(s.getSource());
        assertThat(Instant.parse(document.get("timestamp").asText())).isEqualTo(s.getAsOf());
        assertThat(document.get("min_allocation").asDouble()).isEqualTo(s.getMinAllocation());
        assertThat(document.get("max_allocation").asDouble()).isEqualTo(s.getMaxAllocation());
    }

    /** The file is written by the service's read_committed consumer of allocations: it follows the topic. */
    private static void assertWeightsFile(Path file, AllocationSnapshot s) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions().untilAsserted(() -> {
            assertThat(file).exists();
            assertDocument(JSON.readTree(Files.readString(file)), s);
        });
    }

    private static void assertSumsToOne(AllocationSnapshot s) {
        double sum = s.getAllocations().stream().mapToDouble(AgentAllocation::getWeight).sum();
        assertThat(sum + s.getCash()).isCloseTo(1.0, within(1e-9));
        assertThat(s.getCash()).isBetween(-1e-12, 1.0);
        s.getAllocations().forEach(a -> assertThat(a.getWeight()).isBetween(0.0, s.getMaxAllocation() + 1e-12));
    }

    private static Map<String, Double> positiveWeights(AllocationSnapshot s) {
        Map<String, Double> weights = new HashMap<>();
        s.getAllocations().stream().filter(a -> a.getWeight() > 0).forEach(a -> weights.put(a.getAgent(), a.getWeight()));
        return weights;
    }

    private static AgentAllocation entry(AllocationSnapshot s, String agent) {
        return s.getAllocations().stream().filter(a -> a.getAgent().equals(agent)).findFirst()
                .orElseThrow(() -> new AssertionError(agent + " not in snapshot " + s.getSnapshotId()));
    }

    private static double weightOf(AllocationSnapshot s, String agent) {
        return entry(s, agent).getWeight();
    }

    /** A JSON object of numbers as a map; the API leaves an empty map out (an excluded agent has no multipliers). */
    private static Map<String, Double> doubles(JsonNode object) {
        Map<String, Double> map = new HashMap<>();
        if (object != null) {
            object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asDouble()));
        }
        return map;
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String encode(String agent) {
        return URLEncoder.encode(agent, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Instant now() {
        return Instant.now();
    }

    /**
     * The agents of the scenario: five eligible (two of class macro, which has CVaR figures; three of class arb,
     * which has none; one of them under an open divergence alert), and one excluded for each reason of SPEC §5.
     */
    private static final class Fleet {
        final String run;
        final String macro;
        final String arb;
        final String disabledClass;
        final List<String> eligible;
        final String alerted;
        final String disabled;
        final String gated;
        final String candidate;
        final String retired;
        final String noFigures;

        Fleet(String run) {
            this.run = run;
            macro = "macro-" + run;
            arb = "arb-" + run;
            disabledClass = "dis-" + run;
            alerted = "alloc-alerted-" + run;
            eligible = List.of("alloc-e1-" + run, "alloc-e2-" + run, "alloc-e3-" + run, "alloc-e4-" + run, alerted);
            disabled = "alloc-disabled-" + run;
            gated = "alloc-gated-" + run;
            candidate = "alloc-candidate-" + run;
            retired = "alloc-retired-" + run;
            noFigures = "alloc-nofigures-" + run;
        }

        List<String> all() {
            List<String> all = new ArrayList<>(eligible);
            all.addAll(List.of(disabled, gated, candidate, retired, noFigures));
            return all;
        }

        /** Agents with stats: every one but {@link #noFigures}. */
        List<String> withStats() {
            return all().stream().filter(a -> !a.equals(noFigures)).toList();
        }

        String strategyOf(String agent) {
            if (agent.equals(disabled)) {
                return disabledClass;
            }
            int i = all().indexOf(agent);
            return i < 2 ? macro : arb;
        }

        /** Distinct, positive PnL per agent (so the gates of soft_penalty stop only the gated one on error rate). */
        double pnlSumOf(String agent) {
            return 100 + 60 * all().indexOf(agent);
        }
    }

    /** Phase 1: every input of the scenario, under market.regime CRISIS with an explicit multiplier 0. */
    private static void produce(LocalPlatform platform, Fleet fleet, Instant t) throws Exception {
        CatalogRecords.produce(platform, Topics.MARKET_REGIME, r -> "current", List.of(regime("CRISIS", 0.0)));
        StrategyRegimeRisk cvar = StrategyRegimeRisk.newBuilder().setStrategyClass(fleet.macro).setRegime("TREND").setHorizonHours(24)
                .setN(200).setCvar95ShortfallBps(CVAR_SHORTFALL_BPS).setVar95Bps(12).setMeanErrorBps(-1).setHitRate(0.55)
                .setPnlSumBps(900).setWindowStart(t.minus(Duration.ofDays(20))).setWindowEnd(t).setUpdatedAt(t).build();
        CatalogRecords.produce(platform, Topics.RISK_STRATEGY_CVAR,
                r -> r.getStrategyClass() + "|" + r.getRegime() + "|" + r.getHorizonHours(), List.of(cvar));
        CatalogRecords.produce(platform, Topics.GOVERNANCE_STRATEGY_STATUS, StrategyStatus::getStrategyClass, List.of(
                StrategyStatus.newBuilder().setStrategyClass(fleet.disabledClass).setStatus(StrategyState.DISABLED)
                        .setReasons(List.of("cvar95 breach 80 bps")).setMetrics(Map.of("cvar95_shortfall_bps", 80.0))
                        .setRegime("TREND").setUpdatedAt(t).build()));

        List<AgentStats> stats = new ArrayList<>();
        for (String agent : fleet.withStats()) {
            double errorRate = agent.equals(fleet.gated) ? 0.5 : 0.01;
            stats.add(AgentStats.newBuilder().setAgent(agent).setStrategyClass(fleet.strategyOf(agent)).setHorizonHours(24).setN(300)
                    .setPnl7dBps(fleet.pnlSumOf(agent) / 10).setPnl30dBps(fleet.pnlSumOf(agent) / 3).setPnlSumBps(fleet.pnlSumOf(agent))
                    .setSharpe30d(1.2).setWinrate30d(0.56).setHitRate(0.55).setMaxDrawdown30dBps(-15).setErrorRate(errorRate)
                    .setUnpricedRate(0).setAvgAbsErrorBps(30.0).setRmseBps(40.0).setConfidenceMultiplier(0.9)
                    .setLastMaturedAt(t).setUpdatedAt(t).build());
        }
        CatalogRecords.produce(platform, Topics.RISK_AGENT_STATS, AgentStats::getAgent, stats);

        List<AgentManifest> registry = new ArrayList<>();
        for (String agent : fleet.all()) {
            AgentLifecycle lifecycle = agent.equals(fleet.candidate) ? AgentLifecycle.CANDIDATE : AgentLifecycle.LIVE;
            registry.add(AgentManifest.newBuilder().setAgent(agent).setStrategyClass(fleet.strategyOf(agent)).setStatus(lifecycle)
                    .setOwner("desk-" + fleet.run).setUpdatedAt(t).build());
        }
        CatalogRecords.produce(platform, Topics.AGENTS_REGISTRY, AgentManifest::getAgent, registry);
        // governance overrides the registry's LIVE
        CatalogRecords.produce(platform, Topics.GOVERNANCE_AGENT_STATUS, AgentStatus::getAgent,
                List.of(status(fleet.retired, AgentLifecycle.RETIRED, "retired by ops")));
        CatalogRecords.produce(platform, Topics.ALERTS, Alert::getSubject, List.of(Alert.newBuilder()
                .setAlertId(fleet.alerted + "#1").setSubject(fleet.alerted).setSubjectKind(AlertSubjectKind.AGENT).setKind("DIVERGENCE")
                .setTransition(AlertTransition.OPENED).setSeverity(Severity.MEDIUM).setAction("REDUCE_ALLOC_AND_BLOCK_PROMOTION")
                .setTriggers(List.of()).setMetrics(Map.of("mean_error_bps", -45.0)).setOpenedAt(t).setAt(t)
                .setMessage("divergence of " + fleet.alerted).build()));
    }

    private static RegimeState regime(String regime, Double multiplier) {
        return RegimeState.newBuilder().setRegime(regime).setRiskMultiplier(multiplier).setSource("ops").setAsOf(Instant.now()).build();
    }

    private static AgentStatus status(String agent, AgentLifecycle lifecycle, String reason) {
        return AgentStatus.newBuilder().setAgent(agent).setStatus(lifecycle).setSource("governance").setReason(reason)
                .setDecisionId("d-" + agent).setUpdatedAt(Instant.now()).build();
    }

    /** What the service published, read as committed: every snapshot in order, the newest record per agent and per policy. */
    private static final class Outputs {
        private final KafkaConsumer<String, AllocationSnapshot> snapshotsOut;
        private final KafkaConsumer<String, AgentAllocation> byAgentOut;
        private final KafkaConsumer<String, PolicyLedger> shadowOut;
        final List<AllocationSnapshot> snapshots = new ArrayList<>();
        final Map<String, AgentAllocation> byAgent = new HashMap<>();
        final Map<String, PolicyLedger> ledgers = new HashMap<>();

        Outputs(KafkaConsumer<String, AllocationSnapshot> snapshotsOut, KafkaConsumer<String, AgentAllocation> byAgentOut,
                KafkaConsumer<String, PolicyLedger> shadowOut) {
            this.snapshotsOut = snapshotsOut;
            this.byAgentOut = byAgentOut;
            this.shadowOut = shadowOut;
        }

        void poll() {
            snapshotsOut.poll(Duration.ofMillis(50)).forEach(r -> snapshots.add(r.value()));
            byAgentOut.poll(Duration.ofMillis(50)).forEach(r -> byAgent.put(r.key(), r.value()));
            shadowOut.poll(Duration.ofMillis(50)).forEach(r -> ledgers.put(r.key(), r.value()));
        }

        AllocationSnapshot awaitSnapshot(Predicate<AllocationSnapshot> wanted, String what) {
            until(what).until(() -> {
                poll();
                return !snapshots.isEmpty() && wanted.test(snapshots.getLast());
            });
            return snapshots.getLast();
        }

        Map<String, PolicyLedger> awaitLedgers(Predicate<PolicyLedger> wanted, String what) {
            until(what).until(() -> {
                poll();
                return POLICIES.stream().allMatch(p -> ledgers.containsKey(p) && wanted.test(ledgers.get(p)));
            });
            return Map.copyOf(ledgers);
        }

        /** The newest by-agent record of each agent is its entry in {@code s} (its snapshot id and as_of may be older). */
        void awaitByAgentMatching(AllocationSnapshot s, List<String> agents) {
            until("allocations.by-agent agreeing with " + s.getSnapshotId()).until(() -> {
                poll();
                return agents.stream().allMatch(a -> byAgent.containsKey(a) && sameButTime(byAgent.get(a), entry(s, a)));
            });
        }

        private static boolean sameButTime(AgentAllocation a, AgentAllocation b) {
            AgentAllocation x = AgentAllocation.newBuilder(a).setAsOf(b.getAsOf()).setSnapshotId(b.getSnapshotId()).build();
            return x.equals(b);
        }

        private static ConditionFactory until(String what) {
            return await(what).atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20));
        }
    }
}
