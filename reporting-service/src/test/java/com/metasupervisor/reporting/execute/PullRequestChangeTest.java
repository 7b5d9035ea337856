package com.metasupervisor.reporting.execute;

import static com.metasupervisor.reporting.execute.ExecuteFixtures.KILL_LIST;
import static com.metasupervisor.reporting.execute.ExecuteFixtures.MANIFEST;
import static com.metasupervisor.reporting.execute.ExecuteFixtures.T0;
import static com.metasupervisor.reporting.execute.ExecuteFixtures.WEIGHTS;
import static com.metasupervisor.reporting.execute.ExecuteFixtures.allocation;
import static com.metasupervisor.reporting.execute.ExecuteFixtures.decision;
import static com.metasupervisor.reporting.execute.ExecuteFixtures.disabled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.metasupervisor.configrepo.ProposedChange;
import com.metasupervisor.configrepo.files.KillList;
import com.metasupervisor.configrepo.files.LifecycleStatus;
import com.metasupervisor.configrepo.files.ManifestEntry;
import com.metasupervisor.configrepo.files.ManifestFile;
import com.metasupervisor.configrepo.files.StrategyClassStatus;
import com.metasupervisor.reporting.domain.AllocationDocument;
import com.metasupervisor.reporting.domain.DecisionBatch;
import com.metasupervisor.reporting.domain.DecisionFacts;
import com.metasupervisor.reporting.domain.DecisionKind;
import com.metasupervisor.reporting.ledger.DecisionBatchRequest;
import com.metasupervisor.reporting.ledger.StrategyDisableRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PullRequestChangeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PullRequestChange.BaseFiles BASE =
            new PullRequestChange.BaseFiles(Optional.of(MANIFEST), Optional.of(KILL_LIST), Optional.of(WEIGHTS));

    private static DecisionBatchRequest batch(AllocationDocument allocation, DecisionFacts... decisions) {
        return new DecisionBatchRequest(List.of(decisions), allocation,
                List.of(disabled("macro", "class_cvar: RANGE 150 bps > 90"), disabled("sentiment", "a new reason")), List.of());
    }

    private static DecisionBatchRequest killRetirePromote() {
        return batch(allocation(),
                decision("arb_binance_1", "arb", DecisionKind.KILL, T0),
                decision("sentiment: reddit", "sentiment", DecisionKind.RETIRE, T0.plusSeconds(1)),
                decision("macro_rates_2", "macro", DecisionKind.PROMOTE, T0.plusSeconds(2)));
    }

    @Test
    void writesExactlyTheThreeFilesOnTheBatchBranchWithItsTitleAndBody() {
        DecisionBatchRequest request = killRetirePromote();
        ProposedChange change = PullRequestChange.of(request, BASE);
        DecisionBatch batch = request.batch();
        assertThat(change.files()).containsOnlyKeys("agents/manifest.yaml", "meta_supervisor/kill_list.yaml", "allocation/weights.json");
        assertThat(change.branch()).isEqualTo(batch.branchName()).startsWith("meta-supervisor/decisions-");
        assertThat(change.title()).isEqualTo("Meta-Supervisor: Promotions / Retirements");
        assertThat(change.body()).isEqualTo(batch.body());
    }

    @Test
    void manifestStatusesChangeInPlaceAndEverythingElseStaysByteForByte() {
        String manifest = PullRequestChange.of(killRetirePromote(), BASE).files().get("agents/manifest.yaml");
        ManifestFile parsed = ManifestFile.parse(manifest);
        assertThat(parsed.agent("arb_binance_1").orElseThrow().status()).isEqualTo(LifecycleStatus.KILLED);
        assertThat(parsed.agent("sentiment: reddit").orElseThrow().status()).isEqualTo(LifecycleStatus.RETIRED);
        assertThat(parsed.agent("macro_rates_2").orElseThrow().status()).isEqualTo(LifecycleStatus.LIVE);
        assertThat(parsed.agent("funding_3").orElseThrow().status()).isEqualTo(LifecycleStatus.LIVE);
        // only the three status values differ: the person's comments, blank line, quoting and flow style remain
        assertThat(manifest).isEqualTo(MANIFEST
                .replace("    status: LIVE\n    owner: desk-a", "    status: KILLED\n    owner: desk-a")
                .replace("status: 'CANDIDATE'", "status: 'LIVE'")
                .replace("strategy_class: sentiment, status: LIVE", "strategy_class: sentiment, status: RETIRED"));
    }

    @Test
    void killListDisablesTheClassesSeenDisabledAndLeavesOneAlreadyDisabledAsThePersonWroteIt() {
        String killList = PullRequestChange.of(killRetirePromote(), BASE).files().get("meta_supervisor/kill_list.yaml");
        KillList parsed = KillList.parse(killList);
        assertThat(parsed.strategyClass("macro").orElseThrow().status()).isEqualTo(StrategyClassStatus.DISABLED);
        assertThat(parsed.strategyClass("macro").orElseThrow().reason()).contains("class_cvar: RANGE 150 bps > 90");
        assertThat(parsed.strategyClass("sentiment").orElseThrow().reason()).contains("structural alpha decay");
        assertThat(parsed.strategyClass("arb").orElseThrow().status()).isEqualTo(StrategyClassStatus.ACTIVE);
        assertThat(killList).startsWith(KILL_LIST).contains("# agreed with desk-a");
    }

    @Test
    void weightsDropKilledAndRetiredAgentsToCashKeepingThePersonsKeysAndOrder() throws Exception {
        String weights = PullRequestChange.of(killRetirePromote(), BASE).files().get("allocation/weights.json");
        assertThat(weights).endsWith("}\n").contains("\"cash\": ");
        JsonNode doc = JSON.readTree(weights);
        List<String> keys = new ArrayList<>();
        doc.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("timestamp", "note", "allocations", "cash", "source", "min_allocation", "max_allocation");
        assertThat(doc.get("note").asText()).isEqualTo("kept by hand");
        assertThat(doc.get("timestamp").asText()).isEqualTo("2026-11-30T07:59:00Z");
        List<String> agents = new ArrayList<>();
        doc.get("allocations").fieldNames().forEachRemaining(agents::add);
        // the base file's order for agents it had, then new ones
        assertThat(agents).containsExactly("funding_3", "macro_rates_2");
        assertThat(doc.get("allocations").get("funding_3").asDouble()).isEqualTo(0.25);
        assertThat(doc.get("cash").asDouble()).isEqualTo(0.3 + 0.3 + 0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(doc.get("max_allocation").asDouble()).isEqualTo(0.5);
    }

    @Test
    void noAllocationKeepsTheBaseWeightsOrStartsAnAllCashDocument() throws Exception {
        DecisionFacts kill = decision("arb_binance_1", "arb", DecisionKind.KILL, T0);
        assertThat(PullRequestChange.of(batch(null, kill), BASE).files().get("allocation/weights.json")).isEqualTo(WEIGHTS);
        String created = PullRequestChange.of(batch(null, kill),
                new PullRequestChange.BaseFiles(Optional.of(MANIFEST), Optional.of(KILL_LIST), Optional.empty())).files().get("allocation/weights.json");
        JsonNode doc = JSON.readTree(created);
        assertThat(doc.get("allocations").size()).isZero();
        assertThat(doc.get("cash").asDouble()).isEqualTo(1.0);
        assertThat(doc.get("timestamp").asText()).isEqualTo(T0.toString());
        assertThat(created).endsWith("\n");
    }

    @Test
    void anAgentMissingFromTheManifestIsNotEditedButNamedInertlyInTheBody() {
        DecisionFacts unknown = decision("ghost [x](http://evil) @team", "arb", DecisionKind.RETIRE, T0);
        ProposedChange change = PullRequestChange.of(batch(allocation(), unknown,
                decision("funding_3", "funding", DecisionKind.KILL, T0)), BASE);
        ManifestFile parsed = ManifestFile.parse(change.files().get("agents/manifest.yaml"));
        assertThat(parsed.agents()).hasSize(4);
        assertThat(parsed.agent("funding_3").orElseThrow().status()).isEqualTo(LifecycleStatus.KILLED);
        assertThat(change.body()).contains("### Not in agents/manifest.yaml")
                .contains("ghost \\[x\\]\\(http:\u200B//evil\\) @\u200Bteam")
                .doesNotContain("[x](http://evil)");
    }

    @Test
    void missingFilesStartFromAnEmptyFleetAndSpecDefaultKillList() {
        assertThat(KillList.parse(com.metasupervisor.configrepo.files.SeedFiles.killList())).isEqualTo(KillList.specDefaults());
        ProposedChange change = PullRequestChange.of(batch(allocation(), decision("funding_3", "funding", DecisionKind.KILL, T0)),
                new PullRequestChange.BaseFiles(Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(ManifestFile.parse(change.files().get("agents/manifest.yaml")).agents()).isEmpty();
        KillList killList = KillList.parse(change.files().get("meta_supervisor/kill_list.yaml"));
        assertThat(killList.strategyClass("macro").orElseThrow().status()).isEqualTo(StrategyClassStatus.DISABLED);
        assertThat(killList.strategyClass("arb")).isEqualTo(KillList.specDefaults().strategyClass("arb"));
        assertThat(change.body()).contains("funding\\_3");
    }

    @Test
    void aStrategyDisableDisablesItsOwnClassWithItsReasonsOnItsOwnBranch() {
        DecisionFacts disable = new DecisionFacts("funding@1:DISABLE_CLASS", "funding", "funding", DecisionKind.DISABLE_CLASS,
                List.of("class_cvar: RANGE 150 bps > 90", "hit_rate: 0.31"), Map.of("cvar95_shortfall_bps", 150.0), T0, "RANGE", false);
        StrategyDisableRequest request = new StrategyDisableRequest(disable, allocation(), List.of(), List.of());
        ProposedChange change = PullRequestChange.of(request, BASE);
        assertThat(change.branch()).isEqualTo(request.draft().branchName()).startsWith("meta-supervisor/disable-funding-");
        assertThat(change.title()).isEqualTo("[AUTO] Disable strategy: funding");
        KillList killList = KillList.parse(change.files().get("meta_supervisor/kill_list.yaml"));
        assertThat(killList.strategyClass("funding").orElseThrow().status()).isEqualTo(StrategyClassStatus.DISABLED);
        assertThat(killList.strategyClass("funding").orElseThrow().reason()).contains("class_cvar: RANGE 150 bps > 90; hit_rate: 0.31");
        assertThat(change.files().get("agents/manifest.yaml")).isEqualTo(MANIFEST);
    }

    @Test
    void refusesWeightsThatAreNotAJsonObjectAndAManifestThatDoesNotParse() {
        DecisionFacts kill = decision("funding_3", "funding", DecisionKind.KILL, T0);
        assertThatThrownBy(() -> PullRequestChange.of(batch(allocation(), kill),
                new PullRequestChange.BaseFiles(Optional.of(MANIFEST), Optional.of(KILL_LIST), Optional.of("[1, 2]"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> PullRequestChange.of(batch(allocation(), kill),
                new PullRequestChange.BaseFiles(Optional.of(MANIFEST), Optional.of(KILL_LIST), Optional.of("{\"cash\": "))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> PullRequestChange.of(batch(allocation(), kill),
                new PullRequestChange.BaseFiles(Optional.of("agents:\n  - agent: a\n"), Optional.of(KILL_LIST), Optional.empty())))
                .isInstanceOf(com.metasupervisor.configrepo.files.ConfigFileException.class);
    }

    /** 300 seeded rounds of nasty names: every file reads back as decided, whatever the names. */
    @Test
    void seededNastyNamesAlwaysReadBackAsDecided() throws Exception {
        Random random = new Random(13);
        String[] pieces = {"a", "é", "\u202Eevil", "\"", "'", ": ", "#", "- ", "--- ", "yes", "null", "{", "}", "[", "]", "*",
                "\u2028", "😀", "\\", " ", "@x", "0.5", "\t"};
        for (int round = 0; round < 300; round++) {
            int n = 1 + random.nextInt(5);
            List<ManifestEntry> entries = new ArrayList<>();
            Map<String, Double> weights = new HashMap<>();
            List<DecisionFacts> decisions = new ArrayList<>();
            Map<String, LifecycleStatus> expected = new HashMap<>();
            for (int i = 0; i < n; i++) {
                StringBuilder name = new StringBuilder("n" + i);
                for (int p = random.nextInt(4); p > 0; p--) {
                    name.append(pieces[random.nextInt(pieces.length)]);
                }
                String agent = name.toString();
                entries.add(new ManifestEntry(agent, "cls" + pieces[random.nextInt(pieces.length)], LifecycleStatus.CANDIDATE, "o"));
                weights.put(agent, 0.1);
                DecisionKind kind = DecisionKind.values()[random.nextInt(3)];
                decisions.add(decision(agent, "c", kind, T0.plusSeconds(i)));
                expected.put(agent, PullRequestChange.statusOf(kind));
            }
            String manifest = new com.metasupervisor.configrepo.files.ManifestEdit(Map.of(), entries).applyTo("agents: []\n");
            AllocationDocument allocation = new AllocationDocument(weights, 1 - 0.1 * n, "allocator", "t", 0, 1);
            ProposedChange change = PullRequestChange.of(new DecisionBatchRequest(decisions, allocation,
                            List.of(disabled("k" + pieces[random.nextInt(pieces.length)] + round, "why " + pieces[random.nextInt(pieces.length)])),
                            List.of()),
                    new PullRequestChange.BaseFiles(Optional.of(manifest), Optional.empty(), Optional.empty()));
            ManifestFile parsed = ManifestFile.parse(change.files().get("agents/manifest.yaml"));
            for (Map.Entry<String, LifecycleStatus> e : expected.entrySet()) {
                assertThat(parsed.agent(e.getKey()).orElseThrow().status()).as("round %d", round).isEqualTo(e.getValue());
            }
            JsonNode doc = JSON.readTree(change.files().get("allocation/weights.json"));
            Set<String> leaving = new java.util.HashSet<>();
            decisions.stream().filter(d -> d.kind() != DecisionKind.PROMOTE).forEach(d -> leaving.add(d.subject()));
            Map<String, Double> written = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("allocations").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                written.put(e.getKey(), e.getValue().asDouble());
            }
            assertThat(written).as("round %d", round).isEqualTo(allocation.without(leaving).allocations());
            assertThat(doc.get("cash").asDouble()).isEqualTo(allocation.without(leaving).cash());
        }
    }
}
