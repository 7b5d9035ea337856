package com.metasupervisor.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.metasupervisor.simulator.fleet.AgentRole;
import com.metasupervisor.simulator.fleet.Fleet;
import com.metasupervisor.simulator.fleet.SimulatedAgent;
import com.metasupervisor.simulator.fleet.StrategyClasses;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The run as a whole: deterministic by seed, in event-time order inside the past, with its manifest and truth. */
class FleetSimulationTest {

    private static final Duration TICK = Duration.ofMinutes(5);
    private static final Instant NOW = Instant.parse("2026-11-30T09:17:23.456Z");

    private static SimulationRun run(long seed, int days, int agents) {
        return FleetSimulation.run(SimulationSpec.of(seed, days, agents, SimulationSpec.startEndingBy(NOW, days, TICK), TICK));
    }

    @Test
    void oneSeedGivesTheSameEventsAndAnotherSeedOtherOnes() {
        SimulationRun first = run(42, 3, 24);
        SimulationRun again = run(42, 3, 24);
        SimulationRun other = run(43, 3, 24);

        assertThat(again.events()).isEqualTo(first.events());
        assertThat(again.truth()).isEqualTo(first.truth());
        assertThat(other.events()).isNotEqualTo(first.events());
        assertThat(other.ticks().get(8).price()).isNotEqualTo(first.ticks().get(8).price());
    }

    @Test
    void eventsAreInEventTimeOrderInsideThePastAndEveryTickIsThere() {
        SimulationRun run = run(42, 2, 24);
        Instant start = run.spec().start();

        assertThat(start).isEqualTo(Instant.parse("2026-11-28T09:15:00Z"));
        assertThat(run.events()).isSortedAccordingTo(java.util.Comparator.comparing(SimulatedEvent::at));
        assertThat(run.events()).allSatisfy(e -> assertThat(e.at()).isAfterOrEqualTo(start).isBefore(run.spec().end()));
        assertThat(run.spec().end()).isBeforeOrEqualTo(NOW);
        // 8 symbols, one tick each per 5 minutes, 2 days
        assertThat(run.ticks()).hasSize(8 * 288 * 2);
        assertThat(run.truth().counts().priceTicks()).isEqualTo(run.ticks().size());
        assertThat(run.truth().counts().alphaEvents()).isEqualTo(run.calls().size());
    }

    @Test
    void everyAgentCallsAtItsRateWithUniqueEventIdsAndTheRegimeOfItsTime() {
        SimulationRun run = run(42, 5, 30);
        Set<String> ids = new HashSet<>();
        for (SimulatedAgent agent : run.fleet().agents()) {
            List<AgentCall> calls = run.calls().stream().filter(c -> c.agent().equals(agent.agent())).toList();
            double expected = Duration.ofDays(5).toMillis() / (double) agent.callInterval().toMillis();
            assertThat((double) calls.size()).as(agent.agent()).isBetween(expected * 0.75, expected * 1.3);
            calls.forEach(c -> assertThat(ids.add(c.agent() + "/" + c.eventId())).isTrue());
        }
        assertThat(run.calls()).allSatisfy(c -> {
            assertThat(c.regime()).isEqualTo(run.regimes().regimeAt(c.emittedAt()).name());
            assertThat(c.horizonsHours()).containsExactly(1, 4, 24);
        });
    }

    @Test
    void theFleetHasEveryClassTheScenariosAgentsAndSomeCandidates() {
        Fleet fleet = run(42, 1, 24).fleet();

        assertThat(fleet.agents()).hasSize(24);
        assertThat(fleet.agents()).extracting(SimulatedAgent::strategyClass).containsAll(StrategyClasses.ALL);
        assertThat(fleet.agents()).filteredOn(a -> a.role() == AgentRole.BROKEN_CLASS).hasSize(4)
                .allSatisfy(a -> assertThat(a.strategyClass()).isEqualTo("macro"));
        assertThat(fleet.agent(Fleet.CANDIDATE).orElseThrow()).satisfies(a -> {
            assertThat(a.role()).isEqualTo(AgentRole.STRONG_CANDIDATE);
            assertThat(a.status().name()).isEqualTo("CANDIDATE");
            assertThat(a.skill()).isEqualTo(0.70);
            assertThat(a.callInterval()).isEqualTo(Duration.ofMinutes(30));
        });
        assertThat(fleet.agents()).filteredOn(a -> a.status().name().equals("CANDIDATE")).hasSize(3)
                .allSatisfy(a -> assertThat(a.role()).isIn(AgentRole.SOUND, AgentRole.STRONG_CANDIDATE));
        assertThat(fleet.agents()).filteredOn(a -> a.role() == AgentRole.SOUND)
                .allSatisfy(a -> assertThat(a.skill()).isBetween(0.63, 0.69));
        assertThat(fleet.agents()).filteredOn(a -> a.role() == AgentRole.DECAYED).hasSize(4)
                .allSatisfy(a -> {
                    assertThat(a.strategyClass()).isEqualTo("sentiment");
                    assertThat(a.skill()).isEqualTo(0.5);
                });
    }

    @Test
    void theManifestParsesWithEveryAgent() throws Exception {
        Fleet fleet = run(42, 1, 24).fleet();

        JsonNode manifest = new YAMLMapper().readTree(FleetManifest.yaml(fleet, 42));

        assertThat(manifest.get("agents")).hasSize(24);
        for (int i = 0; i < 24; i++) {
            JsonNode entry = manifest.get("agents").get(i);
            SimulatedAgent agent = fleet.agents().get(i);
            assertThat(entry.get("agent").asText()).isEqualTo(agent.agent());
            assertThat(entry.get("strategy_class").asText()).isEqualTo(agent.strategyClass());
            assertThat(entry.get("status").asText()).isEqualTo(agent.status().name());
            assertThat(entry.get("owner").asText()).isEqualTo(agent.owner());
            assertThat(entry.properties()).hasSize(4);
        }
    }

    @Test
    void theTruthNamesTheScenariosAndRoundTripsThroughJson() throws Exception {
        SimulationRun run = run(42, 30, 24);
        Truth truth = run.truth();

        assertThat(Truth.fromJson(truth.toJson())).isEqualTo(truth);
        JsonNode json = new ObjectMapper().readTree(truth.toJson());
        assertThat(json.get("seed").asLong()).isEqualTo(42);
        assertThat(json.get("scenarios")).extracting(JsonNode::asText)
                .containsExactly("broken-class", "drifting-agent", "strong-candidate", "erroring-agent");
        assertThat(json.get("broken_class").get("strategy_class").asText()).isEqualTo("macro");
        assertThat(json.get("broken_class").get("crisis_episodes")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("regime").asText()).isEqualTo("CRISIS"));
        assertThat(json.get("drifting_agent").get("drift_start_hour").asDouble()).isEqualTo(360.0);
        assertThat(json.get("strong_candidate").get("agent").asText()).isEqualTo(Fleet.CANDIDATE);
        assertThat(json.get("erroring_agent").get("error_share").asDouble()).isEqualTo(0.3);
        assertThat(json.get("agents")).hasSize(24);
        // the episodes cover the run without a gap
        List<Truth.EpisodeTruth> regimes = truth.regimes();
        assertThat(regimes.getFirst().fromHour()).isZero();
        assertThat(regimes.getLast().untilHour()).isEqualTo(720.0);
        for (int i = 1; i < regimes.size(); i++) {
            assertThat(regimes.get(i).fromHour()).isEqualTo(regimes.get(i - 1).untilHour());
        }
    }
}
