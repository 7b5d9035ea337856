package com.metasupervisor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.metasupervisor.simulator.fleet.AgentRole;
import com.metasupervisor.simulator.fleet.Fleet;
import com.metasupervisor.simulator.fleet.SimulatedAgent;
import com.metasupervisor.simulator.market.Regime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agents' calls against the market's moves, judged as the reconciler judges them (entry the first tick at or after
 * the call, exit the first at or after the call + 24 h): hit rates match the truth's skills within binomial tolerance.
 */
class AgentSkillTest {

    private static final Duration TICK = Duration.ofMinutes(5);
    private static SimulationRun run;

    @BeforeAll
    static void simulate() {
        run = FleetSimulation.run(SimulationSpec.of(42, 30, 24, Instant.parse("2026-10-31T09:15:00Z"), TICK));
    }

    private static boolean hit(AgentCall call) {
        return call.direction() * run.market().move(call.symbol(), call.emittedAt(), 24) > 0;
    }

    private static List<AgentCall> goodCalls(Predicate<AgentCall> which) {
        return run.calls().stream().filter(c -> !c.isBad()).filter(which).toList();
    }

    private static double hitRate(List<AgentCall> calls) {
        return calls.stream().filter(AgentSkillTest::hit).count() / (double) calls.size();
    }

    /** Four binomial standard errors of a rate over {@code n} calls. */
    private static double tolerance(double p, int n) {
        return 4 * Math.sqrt(p * (1 - p) / n);
    }

    /** The skill each call was made with (lower in CRISIS, lower for the drifting agent late). */
    private static double skillOf(AgentCall call) {
        SimulatedAgent agent = run.fleet().agent(call.agent()).orElseThrow();
        return run.fleet().skillAt(agent, call.emittedAt(), Regime.valueOf(call.regime()));
    }

    private static double meanSkill(List<AgentCall> calls) {
        return calls.stream().mapToDouble(AgentSkillTest::skillOf).average().orElseThrow();
    }

    @Test
    void aSoundAgentsHitRateIsItsSkill() {
        double pooledGap = 0;
        int pooled = 0;
        for (SimulatedAgent agent : run.fleet().agents()) {
            if (agent.role() != AgentRole.SOUND && agent.role() != AgentRole.STRONG_CANDIDATE) {
                continue;
            }
            List<AgentCall> calls = goodCalls(c -> c.agent().equals(agent.agent()));
            double expected = meanSkill(calls);
            assertThat(hitRate(calls)).as(agent.agent() + " over " + calls.size() + " calls")
                    .isCloseTo(expected, within(tolerance(expected, calls.size())));
            pooledGap += calls.stream().mapToDouble(c -> (hit(c) ? 1 : 0) - skillOf(c)).sum();
            pooled += calls.size();
        }
        assertThat(pooledGap / pooled).isCloseTo(0, within(tolerance(0.64, pooled)));
        SimulatedAgent candidate = run.fleet().agent(Fleet.CANDIDATE).orElseThrow();
        assertThat(hitRate(goodCalls(c -> c.agent().equals(candidate.agent())))).isGreaterThan(0.65);
    }

    @Test
    void aSoundAgentsEdgeIsOnTheBigMovesSoItEarnsMoreThanAUniformEdgeWould() {
        for (SimulatedAgent agent : run.fleet().agents()) {
            if (agent.role() != AgentRole.SOUND) {
                continue;
            }
            List<AgentCall> calls = goodCalls(c -> c.agent().equals(agent.agent()) && !c.regime().equals(Regime.CRISIS.name()));
            double[] moves = calls.stream().mapToDouble(c -> Math.abs(run.market().move(c.symbol(), c.emittedAt(), 24))).toArray();
            double meanSize = java.util.Arrays.stream(moves).average().orElseThrow();
            double earned = calls.stream().mapToDouble(c -> c.direction() * run.market().move(c.symbol(), c.emittedAt(), 24)).average().orElseThrow();
            // a uniform edge earns (2·skill − 1) × the mean size; concentrated on the big moves, well over 1.5 × that
            assertThat(earned).as(agent.agent()).isGreaterThan(1.5 * (2 * agent.skill() - 1) * meanSize);
        }
    }

    @Test
    void theBrokenClassIsWrongOnTheCrisisBiggestMoversAndSoundOutsideCrisis() {
        List<AgentCall> inCrisis = goodCalls(c -> c.strategyClass().equals("macro") && c.regime().equals(Regime.CRISIS.name()));
        List<AgentCall> outside = goodCalls(c -> c.strategyClass().equals("macro") && !c.regime().equals(Regime.CRISIS.name()));

        assertThat(inCrisis.size()).isGreaterThan(100);
        // skill 0.2 spent on the big moves, and every call on the biggest mover: wrong nearly every time
        assertThat(hitRate(inCrisis)).isLessThan(0.2);
        assertThat(inCrisis).extracting(AgentCall::symbol).allMatch(run.spec().market().mostVolatile(4)::contains);
        assertThat(hitRate(outside)).isCloseTo(meanSkill(outside), within(tolerance(meanSkill(outside), outside.size())));
        assertThat(run.truth().brokenClass().agents()).hasSize(4).allMatch(a -> a.startsWith("macro_"));
        // the rest of the fleet is risk off in CRISIS: only the calmest symbols
        assertThat(goodCalls(c -> !c.strategyClass().equals("macro") && c.regime().equals(Regime.CRISIS.name())))
                .extracting(AgentCall::symbol).allMatch(run.spec().market().calmest(4)::contains);
    }

    @Test
    void theDriftingAgentHitsLessAfterItsDrift() {
        Fleet fleet = run.fleet();
        Instant driftEnd = fleet.driftStart().plus(run.spec().scenarios().driftOver());
        List<AgentCall> early = goodCalls(c -> c.agent().equals(Fleet.DRIFTING) && c.emittedAt().isBefore(fleet.driftStart()));
        List<AgentCall> late = goodCalls(c -> c.agent().equals(Fleet.DRIFTING) && !c.emittedAt().isBefore(driftEnd));
        SimulatedAgent drifting = fleet.agent(Fleet.DRIFTING).orElseThrow();

        assertThat(hitRate(early)).isCloseTo(meanSkill(early), within(tolerance(meanSkill(early), early.size())));
        assertThat(hitRate(late)).isLessThan(0.35).isCloseTo(0.25, within(tolerance(0.25, late.size())));
        assertThat(fleet.skillAt(drifting, driftEnd, Regime.TREND)).isCloseTo(0.25, within(1e-9));
        assertThat(fleet.skillAt(drifting, fleet.end(), Regime.CRISIS)).isCloseTo(0.25, within(1e-9));
        assertThat(fleet.skillAt(drifting, fleet.driftStart(), Regime.TREND)).isEqualTo(drifting.skill());
    }

    @Test
    void aDecayedAgentHasNoEdge() {
        List<AgentCall> calls = goodCalls(c -> c.strategyClass().equals("sentiment"));

        assertThat(hitRate(calls)).isCloseTo(0.5, within(tolerance(0.5, calls.size())));
        assertThat(run.fleet().agents()).filteredOn(a -> a.strategyClass().equals("sentiment"))
                .allSatisfy(a -> assertThat(a.role()).isEqualTo(AgentRole.DECAYED));
    }

    @Test
    void theErroringAgentsBadShareIsConfiguredAndEveryBadEventIsOneTheReconcilerRefuses() {
        List<AgentCall> calls = run.calls().stream().filter(c -> c.agent().equals(Fleet.ERRORING)).toList();
        List<AgentCall> bad = calls.stream().filter(AgentCall::isBad).toList();

        assertThat(bad.size() / (double) calls.size()).isCloseTo(0.3, within(tolerance(0.3, calls.size())));
        assertThat(run.calls().stream().filter(AgentCall::isBad)).allMatch(c -> c.agent().equals(Fleet.ERRORING));
        assertThat(bad).extracting(c -> c.badKind().orElseThrow()).contains(BadEventKind.values());
        List<String> symbols = run.market().symbols();
        assertThat(bad).allSatisfy(c -> assertThat(
                c.confidence() > 1 || c.confidence() < 0 || !Double.isFinite(c.scoreFinal()) || !symbols.contains(c.symbol()))
                .as(c.toString()).isTrue());
        assertThat(calls.stream().filter(c -> !c.isBad())).allSatisfy(c -> {
            assertThat(c.confidence()).isBetween(0.0, 1.0);
            assertThat(c.scoreFinal()).isFinite().isPositive();
            assertThat(symbols).contains(c.symbol());
        });
        assertThat(run.truth().erroringAgent().badEvents()).isEqualTo(bad.size());
    }
}
