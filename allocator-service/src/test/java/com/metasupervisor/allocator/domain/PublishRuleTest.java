package com.metasupervisor.allocator.domain;

import static com.metasupervisor.allocator.domain.Fleets.TREND;
import static com.metasupervisor.allocator.domain.Fleets.alerted;
import static com.metasupervisor.allocator.domain.Fleets.fleet;
import static com.metasupervisor.allocator.domain.Fleets.killed;
import static com.metasupervisor.allocator.domain.Fleets.live;
import static com.metasupervisor.allocator.domain.Fleets.pnl;
import static com.metasupervisor.allocator.domain.Fleets.weight;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.metasupervisor.allocator.config.PnlProportionalSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Hysteresis, risk reductions and the paused guardian (design decision 7), on w ∝ pnl with no floor nor cap. */
class PublishRuleTest {

    private static final AllocationPolicy PROPORTIONAL = new PnlProportional(new PnlProportionalSettings(0.0, 1.0));
    private static final PublishRule RULE = new PublishRule(0.10);

    private static Allocation target(FleetView f) {
        return FleetEvaluation.evaluate(PROPORTIONAL, f, 0.5);
    }

    private static Allocation first(AgentView... agents) {
        return RULE.decide(null, target(fleet(agents))).orElseThrow().allocation();
    }

    @Test
    void theFirstAllocationPublishesWithTurnoverFromAllCash() {
        Publication p = RULE.decide(null, target(fleet(live("a", pnl(60)), live("b", pnl(20))))).orElseThrow();
        assertThat(p.reason()).isEqualTo("first allocation");
        assertThat(p.turnover()).isCloseTo(1.0, within(1e-12)); // (0.75 + 0.25 + |0 − 1|) / 2
        assertThat(p.changes()).containsExactly(new WeightChange("a", 0, 0.75, "score"), new WeightChange("b", 0, 0.25, "score"));
        assertThat(p.allocation().agents().get("a").previousWeight()).isNull();
    }

    @Test
    void smallDriftsPublishNothing() {
        Allocation held = first(live("a", pnl(50)), live("b", pnl(50)));
        assertThat(RULE.decide(held, target(fleet(live("a", pnl(54)), live("b", pnl(46)))))).isEmpty();
        assertThat(RULE.decide(held, target(fleet(live("a", pnl(50)), live("b", pnl(50)))))).isEmpty();
    }

    @Test
    void aMoveOfTenPercentPublishesTheTarget() {
        Allocation held = first(live("a", pnl(50)), live("b", pnl(50)));
        Publication p = RULE.decide(held, target(fleet(live("a", pnl(60)), live("b", pnl(40))))).orElseThrow();
        assertThat(p.reason()).isEqualTo("max |Δw| 0.1000 >= 0.10 (a)");
        assertThat(weight(p.allocation(), "a")).isCloseTo(0.6, within(1e-15));
        assertThat(p.changes()).hasSize(2);
        assertThat(p.changes().get(0).agent()).isEqualTo("a");
        assertThat(p.changes().get(0).from()).isEqualTo(0.5);
        assertThat(p.changes().get(0).to()).isCloseTo(0.6, within(1e-15));
        assertThat(p.turnover()).isCloseTo(0.1, within(1e-12));
        assertThat(p.allocation().agents().get("b").previousWeight()).isEqualTo(0.5);
        assertThat(p.allocation().agents().values()).noneMatch(AgentWeight::hysteresisHeld);
    }

    @Test
    void aKillPublishesAtOnceEvenWhenItsWeightWasTinyAndIncreasesWait() {
        Allocation held = first(live("a", pnl(99)), live("b", pnl(1)));
        assertThat(weight(held, "b")).isCloseTo(0.01, within(1e-15));
        Publication p = RULE.decide(held, target(fleet(live("a", pnl(99)), killed("b", pnl(1))))).orElseThrow();
        assertThat(p.reason()).isEqualTo("risk reduction: b KILLED (governance: drawdown)");
        assertThat(weight(p.allocation(), "b")).isZero();
        // a's target is 1.0 but increases wait: the freed capital goes to cash
        AgentWeight a = p.allocation().agents().get("a");
        assertThat(a.weight()).isEqualTo(0.99);
        assertThat(a.targetWeight()).isEqualTo(1.0);
        assertThat(a.hysteresisHeld()).isTrue();
        assertThat(a.explanation()).isEqualTo("0.9900 held (target 1.0000): increases wait for a move of 10 %");
        assertThat(p.allocation().cash()).isCloseTo(0.01, within(1e-15));
        assertThat(p.changes()).containsExactly(new WeightChange("b", 0.01, 0, "KILLED (governance: drawdown)"));
        assertThat(p.turnover()).isCloseTo(0.01, within(1e-15)); // (|0 − 0.01| + |0.01 − 0|) / 2
        // published once: the same inputs again publish nothing
        assertThat(RULE.decide(p.allocation(), target(fleet(live("a", pnl(99)), killed("b", pnl(1)))))).isEmpty();
    }

    @Test
    void anOpenAlertIsAReduction() {
        Allocation held = first(live("a", pnl(10)), live("b", pnl(90)));
        Allocation t = target(fleet(alerted("a", pnl(10), "a#2"), live("b", pnl(90))));
        Publication p = RULE.decide(held, t).orElseThrow();
        assertThat(p.reason()).isEqualTo("risk reduction: a open alert × 0.50");
        assertThat(weight(p.allocation(), "a")).isCloseTo(5.0 / 95, within(1e-15));
        assertThat(weight(p.allocation(), "b")).isEqualTo(0.9);
        assertThat(p.allocation().agents().get("b").hysteresisHeld()).isTrue();
        assertThat(p.changes()).containsExactly(new WeightChange("a", 0.1, 5.0 / 95, "open alert × 0.50"));
        assertThat(RULE.decide(p.allocation(), t)).as("the alert is in the held snapshot now").isEmpty();
    }

    @Test
    void aLowerRegimeMultiplierIsAReductionAndAHigherOneWaits() {
        Allocation held = first(live("a", pnl(50)), live("b", pnl(50)));
        FleetView range = fleet(new RegimeView("RANGE", 0.9, "ops"), false, Map.of(), live("a", pnl(50)), live("b", pnl(50)));
        Publication p = RULE.decide(held, target(range)).orElseThrow();
        assertThat(p.reason()).isEqualTo("risk reduction: regime multiplier 1.00 -> 0.90");
        assertThat(weight(p.allocation(), "a")).isCloseTo(0.45, within(1e-15));
        assertThat(p.allocation().cash()).isCloseTo(0.1, within(1e-15));
        assertThat(p.changes()).extracting(WeightChange::reason).containsOnly("regime multiplier 1.00 -> 0.90");
        assertThat(p.turnover()).isCloseTo(0.1, within(1e-15)); // (0.05 + 0.05 + 0.1) / 2
        assertThat(RULE.decide(p.allocation(), target(fleet(live("a", pnl(50)), live("b", pnl(50)))))).as("back up 0.05 waits").isEmpty();
    }

    @Test
    void aPausedGuardianHoldsEveryWeightButAKillStillZeroes() {
        Allocation held = first(live("a", pnl(50)), live("b", pnl(30)), live("c", pnl(20)));
        FleetView paused = fleet(TREND, true, Map.of(), live("a", pnl(90)), live("b", pnl(30)), live("c", pnl(20)));
        Publication pause = RULE.decide(held, target(paused)).orElseThrow();
        assertThat(pause.reason()).isEqualTo("guardian paused");
        assertThat(pause.changes()).isEmpty();
        assertThat(weight(pause.allocation(), "a")).isEqualTo(0.5);
        AgentWeight a = pause.allocation().agents().get("a");
        assertThat(a.hysteresisHeld()).isTrue();
        assertThat(a.explanation()).isEqualTo("0.5000 held by the paused guardian (target 0.6429)");
        Allocation pausedHeld = pause.allocation();
        assertThat(pausedHeld.guardianPaused()).isTrue();
        assertThat(RULE.decide(pausedHeld, target(paused))).as("still paused, nothing new").isEmpty();

        FleetView kill = fleet(TREND, true, Map.of(), live("a", pnl(90)), live("b", pnl(30)), killed("c", pnl(20)));
        Publication p = RULE.decide(pausedHeld, target(kill)).orElseThrow();
        assertThat(p.reason()).isEqualTo("guardian paused; risk reduction: c KILLED (governance: drawdown)");
        assertThat(weight(p.allocation(), "c")).isZero();
        assertThat(weight(p.allocation(), "a")).isEqualTo(0.5);
        assertThat(weight(p.allocation(), "b")).isEqualTo(0.3);
        assertThat(p.allocation().cash()).isCloseTo(0.2, within(1e-15));
        assertThat(p.changes()).containsExactly(new WeightChange("c", 0.2, 0, "KILLED (governance: drawdown)"));
    }

    @Test
    void theGuardiansResumptionIsPublishedWithTheHeldWeightsUntilAMoveOrAReduction() {
        Allocation held = first(live("a", pnl(50)), live("b", pnl(30)), live("c", pnl(20)));
        FleetView paused = fleet(TREND, true, Map.of(), live("a", pnl(55)), live("b", pnl(30)), live("c", pnl(20)));
        Allocation pausedHeld = RULE.decide(held, target(paused)).orElseThrow().allocation();

        FleetView resumedFleet = fleet(live("a", pnl(55)), live("b", pnl(30)), live("c", pnl(20)));
        Publication p = RULE.decide(pausedHeld, target(resumedFleet)).orElseThrow();
        assertThat(p.reason()).isEqualTo("guardian resumed");
        assertThat(p.allocation().guardianPaused()).isFalse();
        assertThat(p.changes()).isEmpty();
        assertThat(weight(p.allocation(), "a")).isEqualTo(0.5);
        assertThat(p.allocation().agents().get("a").explanation())
                .isEqualTo("0.5000 held (target 0.5238): increases wait for a move of 10 %");
        assertThat(p.allocation().agents().get("c").explanation())
                .isEqualTo("0.2000 held (target 0.1905): changes wait for a move of 10 %");
        assertThat(RULE.decide(p.allocation(), target(resumedFleet))).as("resumed once").isEmpty();

        // resumed together with a kill too small to move anyone 10 %: the kill is the reduction, the flag goes off with it
        Allocation smallC = first(live("a", pnl(50)), live("b", pnl(45)), live("c", pnl(5)));
        Allocation smallCPaused = RULE.decide(smallC, target(fleet(TREND, true, Map.of(), live("a", pnl(50)), live("b", pnl(45)),
                live("c", pnl(5))))).orElseThrow().allocation();
        FleetView resumedKill = fleet(live("a", pnl(50)), live("b", pnl(45)), killed("c", pnl(5)));
        Publication k = RULE.decide(smallCPaused, target(resumedKill)).orElseThrow();
        assertThat(k.reason()).isEqualTo("guardian resumed; risk reduction: c KILLED (governance: drawdown)");
        assertThat(k.allocation().guardianPaused()).isFalse();
        assertThat(weight(k.allocation(), "c")).isZero();
    }

    @Test
    void aGateUnderAPausedGuardianIsHeldLikeAnyOtherChange() {
        Allocation held = first(live("a", pnl(50)), live("b", pnl(50)));
        FleetView gated = fleet(TREND, true, Map.of(), live("a", pnl(50)), live("b", null));
        Publication p = RULE.decide(held, target(gated)).orElseThrow();
        assertThat(p.reason()).isEqualTo("guardian paused");
        assertThat(weight(p.allocation(), "b")).isEqualTo(0.5);
        assertThat(p.allocation().agents().get("b").exclusion().kind()).isEqualTo(ExclusionKind.NO_FIGURES);
    }

    @Test
    void anAgentTheFleetForgotGoesToZero() {
        Allocation held = first(live("a", pnl(50)), live("b", pnl(50)));
        Publication p = RULE.decide(held, target(fleet(live("a", pnl(50))))).orElseThrow();
        assertThat(p.reason()).startsWith("max |Δw| 0.5000 >= 0.10");
        assertThat(weight(p.allocation(), "b")).isZero();
        assertThat(p.allocation().agents().get("b").exclusion().kind()).isEqualTo(ExclusionKind.STATUS);
    }

    @Test
    void aNewAgentWaitsForAMoveLikeAnyIncrease() {
        Allocation held = first(live("a", pnl(100)));
        assertThat(RULE.decide(held, target(fleet(live("a", pnl(95)), live("b", pnl(5)))))).isEmpty();
        Publication p = RULE.decide(held, target(fleet(live("a", pnl(70)), live("b", pnl(20)), live("c", pnl(10))))).orElseThrow();
        assertThat(p.reason()).isEqualTo("max |Δw| 0.3000 >= 0.10 (a)");
        assertThat(p.allocation().agents().get("b").previousWeight()).isEqualTo(0.0);
        assertThat(p.changes()).extracting(WeightChange::agent).containsExactly("a", "b", "c");
        assertThat(p.turnover()).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void changesAndTurnoverAreExactOnAMixedMove() {
        Allocation held = first(live("a", pnl(40)), live("b", pnl(40)), live("c", pnl(20)));
        Optional<Publication> p = RULE.decide(held, target(fleet(live("a", pnl(60)), live("b", pnl(20)), live("c", pnl(20)))));
        assertThat(p).isPresent();
        assertThat(p.get().changes()).extracting(WeightChange::agent).containsExactly("a", "b");
        assertThat(p.get().turnover()).isCloseTo(0.2, within(1e-12));
        List<WeightChange> c = p.get().changes();
        assertThat(c.get(1).from()).isCloseTo(0.4, within(1e-15));
        assertThat(c.get(1).to()).isCloseTo(0.2, within(1e-15));
    }
}
