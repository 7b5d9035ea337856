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

    @Test
    void aSoundAgentsHitRateIsItsSkill() {
        double pooledGap = 0;
        int pooled = 0;
        for (SimulatedAgent agent : run.fleet().agents()) {
            if (agent.role() != AgentRole.SOUND && agent.role() != AgentRole.STRONG_CANDIDATE) {
                continue;
            }
            List<AgentCall> calls = goodCalls(c -> c.agent().equals(agent.agent()));
            assertThat(hitRate(calls)).as(agent.agent() + " over " + calls.size() + " calls")
                    .isCloseTo(agent.skill(), within(tolerance(agent.skill(), calls.size())));
            pooledGap += calls.stream().mapToDouble(c -> (hit(c) ? 1 : 0) - agent.skill()).sum();
            pooled += calls.size();
        }
        assertThat(pooledGap / pooled).isCloseTo(0, within(tolerance(0.56, pooled)));
        SimulatedAgent candidate = run.fleet().agent(Fleet.CANDIDATE).orElseThrow();
        assertThat(hitRate(goodCalls(c -> c.agent().equals(candidate.agent())))).isGreaterThan(0.6);
    }

    @Test
    void theBrokenClassIsWrongMoreOftenThanRightInCrisisOnly() {
        List<AgentCall> inCrisis = goodCalls(c -> c.strategyClass().equals("macro") && c.regime().equals(Regime.CRISIS.name()));
        List<AgentCall> outside = goodCalls(c -> c.strategyClass().equals("macro") && !c.regime().equals(Regime.CRISIS.name()));

        assertThat(inCrisis.size()).isGreaterThan(100);
        assertThat(hitRate(inCrisis)).isLessThan(0.5).isCloseTo(0.38, within(tolerance(0.38, inCrisis.size())));
        assertThat(hitRate(outside)).isGreaterThanOrEqualTo(0.5);
        assertThat(run.truth().brokenClass().agents()).hasSize(4).allMatch(a -> a.startsWith("macro_"));
    }

    @Test
    void theDriftingAgentHitsLessLateThanEarly() {
        Fleet fleet = run.fleet();
        Instant lateFrom = fleet.driftStart().plus(Duration.between(fleet.driftStart(), fleet.end()).dividedBy(2));
        List<AgentCall> early = goodCalls(c -> c.agent().equals(Fleet.DRIFTING) && c.emittedAt().isBefore(fleet.driftStart()));
        List<AgentCall> late = goodCalls(c -> c.agent().equals(Fleet.DRIFTING) && !c.emittedAt().isBefore(lateFrom));
        SimulatedAgent drifting = fleet.agent(Fleet.DRIFTING).orElseThrow();

        assertThat(hitRate(early)).isCloseTo(drifting.skill(), within(tolerance(drifting.skill(), early.size())));
        // the last quarter's skill runs from the midpoint of the decay down to the end skill
        double lateSkill = (drifting.skill() + 3 * run.spec().scenarios().driftEndSkill()) / 4;
        assertThat(hitRate(late)).isLessThan(hitRate(early)).isCloseTo(lateSkill, within(tolerance(lateSkill, late.size())));
        assertThat(fleet.skillAt(drifting, fleet.end(), Regime.TREND)).isCloseTo(0.38, within(1e-9));
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
