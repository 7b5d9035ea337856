package com.metasupervisor.governance.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.configrepo.files.LifecycleStatus;
import com.metasupervisor.configrepo.files.StrategyClassStatus;
import com.metasupervisor.governance.config.DecisionSettings;
import com.metasupervisor.governance.config.DryRunSettings;
import com.metasupervisor.governance.config.PromotionGateSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentDeciderTest {

    static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");
    static final Duration SIX_HOURS = Duration.ofHours(6);

    static AgentDecider decider(DryRunSettings dryRun) {
        return new AgentDecider(DecisionSettings.defaults(), PromotionGateSettings.defaults(), dryRun);
    }

    final AgentDecider decider = decider(DryRunSettings.defaults());

    /** Figures that fire nothing and pass every PROMOTE criterion. */
    static AgentFigures promotable() {
        return new AgentFigures(100, 120.0, 1.0, 0.5, -200.0, 0.0);
    }

    static AgentFigures quiet() {
        return new AgentFigures(10, 5.0, 0.2, 0.4, -50.0, 0.01);
    }

    static AgentSituation situation(AgentFigures figures, LifecycleStatus status) {
        return new AgentSituation("a1", figures, status, StrategyClassStatus.ACTIVE, Optional.empty());
    }

    AgentOutcome once(AgentFigures figures, LifecycleStatus status) {
        return decider.evaluate(situation(figures, status), AgentDecisionState.INITIAL, T0);
    }

    static AgentFigures withDrawdown(double dd) {
        return new AgentFigures(10, 5.0, 0.2, 0.4, dd, 0.01);
    }

    static AgentFigures withErrorRate(double rate) {
        return new AgentFigures(10, 5.0, 0.2, 0.4, -50.0, rate);
    }

    @Test
    void killOnDrawdownFiresAtMinus500AndNotAtMinus499_99() {
        AgentOutcome at = once(withDrawdown(-500), LifecycleStatus.LIVE);
        assertThat(at.emitted()).singleElement().satisfies(d -> {
            assertThat(d.action()).isEqualTo(DecisionAction.KILL);
            assertThat(d.firedBy(RuleName.KILL_DRAWDOWN)).isTrue();
            assertThat(d.reasons().getFirst().text()).contains("-500.0").contains("<=");
            assertThat(d.previousStatus()).isEqualTo("LIVE");
            assertThat(d.metrics()).containsEntry("max_drawdown_30d_bps", -500.0);
            assertThat(d.effect()).isEqualTo(DecisionAction.Effect.AT_ONCE);
            assertThat(d.at()).isEqualTo(T0);
        });
        assertThat(at.effectiveStatus()).isEqualTo(LifecycleStatus.KILLED);
        AgentOutcome above = once(withDrawdown(-499.99), LifecycleStatus.LIVE);
        assertThat(above.emitted()).isEmpty();
        assertThat(above.effectiveStatus()).isEqualTo(LifecycleStatus.LIVE);
    }

    @Test
    void killOnErrorRateFiresAbove0_15Only() {
        assertThat(once(withErrorRate(0.15), LifecycleStatus.LIVE).emitted()).isEmpty();
        AgentOutcome above = once(withErrorRate(0.1501), LifecycleStatus.LIVE);
        assertThat(above.emitted()).singleElement().satisfies(d -> {
            assertThat(d.action()).isEqualTo(DecisionAction.KILL);
            assertThat(d.firedBy(RuleName.KILL_ERROR_RATE)).isTrue();
            assertThat(d.reasons().getFirst().text()).isEqualTo("error_rate 0.1501 > 0.15");
        });
    }

    @Test
    void everyFiringRuleIsAReason() {
        AgentOutcome out = once(new AgentFigures(60, -10.0, -0.5, 0.3, -600.0, 0.2), LifecycleStatus.LIVE);
        assertThat(out.emitted()).singleElement().satisfies(d -> {
            assertThat(d.action()).isEqualTo(DecisionAction.KILL);
            assertThat(d.reasons()).extracting(Reason::rule).containsExactly(RuleName.KILL_DRAWDOWN,
                    RuleName.KILL_ERROR_RATE, RuleName.RETIRE_PERFORMANCE);
        });
    }

    @Test
    void retireOnPerformanceNeeds50RowsNonPositivePnlAndNegativeSharpe() {
        assertThat(once(new AgentFigures(49, 0.0, -0.01, 0.4, -50.0, 0.0), LifecycleStatus.LIVE).emitted()).isEmpty();
        AgentOutcome at50 = once(new AgentFigures(50, 0.0, -0.01, 0.4, -50.0, 0.0), LifecycleStatus.LIVE);
        assertThat(at50.emitted()).singleElement().satisfies(d -> {
            assertThat(d.action()).isEqualTo(DecisionAction.RETIRE);
            assertThat(d.firedBy(RuleName.RETIRE_PERFORMANCE)).isTrue();
        });
        assertThat(at50.effectiveStatus()).isEqualTo(LifecycleStatus.RETIRED);
        assertThat(once(new AgentFigures(50, 0.01, -0.01, 0.4, -50.0, 0.0), LifecycleStatus.LIVE).emitted()).isEmpty();
        assertThat(once(new AgentFigures(50, 0.0, 0.0, 0.4, -50.0, 0.0), LifecycleStatus.LIVE).emitted()).isEmpty();
        assertThat(once(new AgentFigures(50, null, -1.0, 0.4, -50.0, 0.0), LifecycleStatus.LIVE).emitted()).isEmpty();
    }

    @Test
    void aDisabledClassRetiresTheAgent() {
        AgentSituation s = new AgentSituation("a1", promotable(), LifecycleStatus.LIVE, StrategyClassStatus.DISABLED, Optional.empty());
        AgentOutcome out = decider.evaluate(s, AgentDecisionState.INITIAL, T0);
        assertThat(out.emitted()).singleElement().satisfies(d -> {
            assertThat(d.action()).isEqualTo(DecisionAction.RETIRE);
            assertThat(d.firedBy(RuleName.RETIRE_CLASS_DISABLED)).isTrue();
        });
        assertThat(out.effectiveStatus()).isEqualTo(LifecycleStatus.RETIRED);
    }

    /** Evaluates the same figures at T0, T0 + 6 h, T0 + 12 h, ...; returns the outcome of each. */
    List<AgentOutcome> series(AgentDecider d, AgentFigures figures, int evaluations, Duration step, Optional<String> alert) {
        AgentDecisionState state = AgentDecisionState.INITIAL;
        List<AgentOutcome> outs = new java.util.ArrayList<>();
        for (int i = 0; i < evaluations; i++) {
            AgentSituation s = new AgentSituation("a1", figures, LifecycleStatus.CANDIDATE, StrategyClassStatus.ACTIVE, alert);
            AgentOutcome out = d.evaluate(s, state, T0.plus(step.multipliedBy(i)));
            outs.add(out);
            state = out.state();
        }
        return outs;
    }

    @Test
    void promoteOnlyOnTheThirdEvaluationSixHoursApartAtTheBoundaryValues() {
        List<AgentOutcome> outs = series(decider, promotable(), 4, SIX_HOURS, Optional.empty());
        assertThat(outs.get(0).emitted()).isEmpty();
        assertThat(outs.get(1).emitted()).isEmpty();
        assertThat(outs.get(2).emitted()).singleElement().satisfies(d -> {
            assertThat(d.action()).isEqualTo(DecisionAction.PROMOTE);
            assertThat(d.effect()).isEqualTo(DecisionAction.Effect.THROUGH_CONFIG_REPO);
            assertThat(d.reasons()).extracting(Reason::text).contains("n 100 >= 100", "sharpe_30d 1.0 >= 1.0",
                    "winrate_30d 0.5 >= 0.5", "max_drawdown_30d -200.0 bps >= -200.0 bps");
        });
        // PROMOTE acts only through the config repo; and it is not emitted again for the unchanged agent
        assertThat(outs.get(2).effectiveStatus()).isEqualTo(LifecycleStatus.CANDIDATE);
        assertThat(outs.get(3).emitted()).isEmpty();
    }

    @Test
    void eachPromoteCriterionJustBelowItsThresholdNeverPromotes() {
        List<AgentFigures> justBelow = List.of(new AgentFigures(99, 120.0, 1.0, 0.5, -200.0, 0.0),
                new AgentFigures(100, 120.0, 0.999, 0.5, -200.0, 0.0), new AgentFigures(100, 120.0, 1.0, 0.499, -200.0, 0.0),
                new AgentFigures(100, 120.0, 1.0, 0.5, -200.01, 0.0));
        for (AgentFigures figures : justBelow) {
            assertThat(series(decider, figures, 5, SIX_HOURS, Optional.empty())).allSatisfy(o -> assertThat(o.emitted()).isEmpty());
        }
    }

    @Test
    void evaluationsCloserThanMinSpanAreNotCounted() {
        List<AgentOutcome> outs = series(decider, promotable(), 7, Duration.ofHours(3), Optional.empty());
        // counted at 0 h, 6 h, 12 h: evaluations 0, 2, 4
        assertThat(outs.subList(0, 4)).allSatisfy(o -> assertThat(o.emitted()).isEmpty());
        assertThat(outs.get(4).emitted()).extracting(Decision::action).containsExactly(DecisionAction.PROMOTE);
        assertThat(outs.get(1).state().streak()).isEqualTo(1);
    }

    @Test
    void aFailingOrInconclusiveEvaluationResetsTheStreak() {
        for (AgentFigures breaking : List.of(new AgentFigures(100, 120.0, 0.5, 0.5, -200.0, 0.0),
                new AgentFigures(100, 120.0, null, 0.5, -200.0, 0.0))) {
            AgentDecisionState state = AgentDecisionState.INITIAL;
            AgentFigures[] seq = {promotable(), promotable(), breaking, promotable(), promotable(), promotable()};
            List<DecisionAction> actions = new java.util.ArrayList<>();
            for (int i = 0; i < seq.length; i++) {
                AgentOutcome out = decider.evaluate(situation(seq[i], LifecycleStatus.CANDIDATE), state, T0.plus(SIX_HOURS.multipliedBy(i)));
                if (i == 2) {
                    assertThat(out.state().streak()).isZero();
                }
                if (i < 5) {
                    assertThat(out.emitted()).noneMatch(d -> d.action() == DecisionAction.PROMOTE);
                }
                out.emitted().forEach(d -> actions.add(d.action()));
                state = out.state();
            }
            assertThat(actions).endsWith(DecisionAction.PROMOTE);
        }
    }

    @Test
    void aMissingFigureIsInconclusiveHoldsAndNamesTheFigure() {
        AgentFigures noWinrate = new AgentFigures(150, 120.0, 2.0, null, -10.0, 0.0);
        List<AgentOutcome> outs = series(decider, noWinrate, 5, SIX_HOURS, Optional.empty());
        assertThat(outs.getFirst().emitted()).singleElement().satisfies(d -> {
            assertThat(d.action()).isEqualTo(DecisionAction.HOLD);
            assertThat(d.reasons().getFirst().text()).contains("inconclusive").contains("winrate_30d");
            assertThat(d.metrics()).doesNotContainKey("winrate_30d");
            assertThat(d.effect()).isEqualTo(DecisionAction.Effect.NONE);
        });
        assertThat(outs.subList(1, 5)).allSatisfy(o -> assertThat(o.emitted()).isEmpty());
        assertThat(outs.getLast().effectiveStatus()).isEqualTo(LifecycleStatus.CANDIDATE);
    }

    @Test
    void anOpenAlertBlocksPromotionWithItsId() {
        List<AgentOutcome> outs = series(decider, promotable(), 6, SIX_HOURS, Optional.of("alert-42"));
        assertThat(outs.getFirst().emitted()).singleElement().satisfies(d -> {
            assertThat(d.action()).isEqualTo(DecisionAction.HOLD);
            assertThat(d.reasons().getFirst().text()).contains("alert-42");
        });
        assertThat(outs).allSatisfy(o -> assertThat(o.emitted()).noneMatch(d -> d.action() == DecisionAction.PROMOTE));
        assertThat(outs.getLast().state().streak()).isZero();
    }

    @Test
    void theSameDecisionForAnUnchangedAgentIsNotEmittedAgain() {
        AgentSituation s = situation(withErrorRate(0.3), LifecycleStatus.LIVE);
        AgentOutcome first = decider.evaluate(s, AgentDecisionState.INITIAL, T0);
        assertThat(first.emitted()).hasSize(1);
        // the topology might not yet see the new status: same situation, same decision, no emission
        AgentOutcome again = decider.evaluate(s, first.state(), T0.plusSeconds(60));
        assertThat(again.emitted()).isEmpty();
        AgentOutcome killed = decider.evaluate(situation(withErrorRate(0.3), LifecycleStatus.KILLED), again.state(), T0.plusSeconds(120));
        assertThat(killed.emitted()).isEmpty();
        assertThat(killed.effectiveStatus()).isEqualTo(LifecycleStatus.KILLED);
    }

    @Test
    void aDryRunRuleIsFlaggedAndChangesNothing() {
        AgentDecider dry = decider(DryRunSettings.of("kill_drawdown"));
        AgentOutcome out = dry.evaluate(situation(withDrawdown(-800), LifecycleStatus.LIVE), AgentDecisionState.INITIAL, T0);
        assertThat(out.emitted()).singleElement().satisfies(d -> {
            assertThat(d.action()).isEqualTo(DecisionAction.KILL);
            assertThat(d.dryRun()).isTrue();
            assertThat(d.effect()).isEqualTo(DecisionAction.Effect.NONE);
        });
        assertThat(out.effectiveStatus()).isEqualTo(LifecycleStatus.LIVE);
        assertThat(dry.evaluate(situation(withDrawdown(-800), LifecycleStatus.LIVE), out.state(), T0.plusSeconds(1)).emitted()).isEmpty();
        // a live rule still acts beside a dry one
        AgentOutcome both = dry.evaluate(situation(new AgentFigures(10, 5.0, 0.2, 0.4, -800.0, 0.5), LifecycleStatus.LIVE),
                AgentDecisionState.INITIAL, T0);
        assertThat(both.emitted()).singleElement().satisfies(d -> assertThat(d.dryRun()).isFalse());
        assertThat(both.effectiveStatus()).isEqualTo(LifecycleStatus.KILLED);
    }

    @Test
    void aDryRunPromoteIsFlaggedAndLeavesTheCandidate() {
        List<AgentOutcome> outs = series(decider(DryRunSettings.of("promote")), promotable(), 3, SIX_HOURS, Optional.empty());
        assertThat(outs.get(2).emitted()).singleElement().satisfies(d -> {
            assertThat(d.action()).isEqualTo(DecisionAction.PROMOTE);
            assertThat(d.dryRun()).isTrue();
        });
    }

    @Test
    void unknownDryRunRuleNamesAreRefused() {
        assertThatThrownBy(() -> DryRunSettings.of("kill_drawdown", "kil_error_rate"))
                .hasMessageContaining("governance.dry-run.rules").hasMessageContaining("kil_error_rate");
        assertThat(DryRunSettings.of(" kill_drawdown , class_cvar").names()).containsExactlyInAnyOrder("kill_drawdown", "class_cvar");
    }

    @Test
    void aManualKillActsAtOnceWithWhoAndWhy() {
        AgentOutcome out = decider.manualKill("a1", LifecycleStatus.LIVE, AgentDecisionState.INITIAL,
                new OperatorAction("alice", "exchange outage", T0), T0.plusSeconds(30));
        assertThat(out.effectiveStatus()).isEqualTo(LifecycleStatus.KILLED);
        assertThat(out.emitted()).singleElement().satisfies(d -> {
            assertThat(d.action()).isEqualTo(DecisionAction.KILL);
            assertThat(d.effect()).isEqualTo(DecisionAction.Effect.AT_ONCE);
            assertThat(d.reasons().getFirst().text()).isEqualTo("manual KILL by alice at " + T0 + ": exchange outage");
            assertThat(d.at()).as("decided at the governor's now, not when asked").isEqualTo(T0.plusSeconds(30));
            assertThat(d.firedBy(RuleName.MANUAL)).isTrue();
        });
        // the killed agent's next evaluation emits nothing
        assertThat(decider.evaluate(situation(quiet(), LifecycleStatus.KILLED), out.state(), T0.plusSeconds(5)).emitted()).isEmpty();
    }

    @Test
    void promoteIsNeverForANonCandidate() {
        for (LifecycleStatus status : List.of(LifecycleStatus.LIVE, LifecycleStatus.RETIRED, LifecycleStatus.KILLED)) {
            AgentDecisionState state = AgentDecisionState.INITIAL;
            for (int i = 0; i < 5; i++) {
                AgentOutcome out = decider.evaluate(situation(promotable(), status), state, T0.plus(SIX_HOURS.multipliedBy(i)));
                assertThat(out.emitted()).isEmpty();
                state = out.state();
            }
        }
    }
}
