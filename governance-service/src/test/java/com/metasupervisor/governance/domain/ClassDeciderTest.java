package com.metasupervisor.governance.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.configrepo.files.LifecycleStatus;
import com.metasupervisor.configrepo.files.KillList;
import com.metasupervisor.configrepo.files.StrategyClassLimits;
import com.metasupervisor.configrepo.files.StrategyClassStatus;
import com.metasupervisor.governance.config.DryRunSettings;
import com.metasupervisor.governance.config.StrategyClassSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ClassDeciderTest {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    final ClassDecider decider = new ClassDecider(StrategyClassSettings.defaults(), DryRunSettings.defaults());
    static final KillList DEFAULTS = KillList.specDefaults();

    /** macro with risk's CVaR of 95 bps over {@code rows} rows in RANGE (limit 90) and 100 in TREND (limit 120). */
    static ClassSituation macro(String regime, int rows) {
        return new ClassSituation("macro", DEFAULTS.strategyClass("macro"), ClassAttribution.EMPTY, Optional.of(regime),
                Map.of("RANGE", new RegimeCvar("RANGE", 95, rows), "TREND", new RegimeCvar("TREND", 100, rows)));
    }

    @Test
    void aCvarBreachInRangeDisablesMacroWhileTheRegimeIsRangeNotTrend() {
        ClassOutcome range = decider.evaluate(macro("RANGE", 30), ClassState.INITIAL, NOW);
        assertThat(range.effectiveStatus()).isEqualTo(StrategyClassStatus.DISABLED);
        assertThat(range.emitted()).singleElement().satisfies(d -> {
            assertThat(d.action()).isEqualTo(DecisionAction.DISABLE_CLASS);
            assertThat(d.subject()).isEqualTo("macro");
            assertThat(d.regime()).contains("RANGE");
            assertThat(d.firedBy(RuleName.CLASS_CVAR)).isTrue();
            assertThat(d.reasons().getFirst().text()).contains("95.0 > 90.0").contains("RANGE");
            assertThat(d.metrics()).containsEntry("cvar95_shortfall_bps", 95.0).containsEntry("cvar_rows", 30.0);
            assertThat(d.effect()).isEqualTo(DecisionAction.Effect.AT_ONCE);
            assertThat(d.at()).isEqualTo(NOW);
        });
        ClassOutcome trend = decider.evaluate(macro("TREND", 30), ClassState.INITIAL, NOW);
        assertThat(trend.effectiveStatus()).isEqualTo(StrategyClassStatus.ACTIVE);
        assertThat(trend.emitted()).isEmpty();
    }

    @Test
    void theCvarRuleNeeds30Rows() {
        assertThat(decider.evaluate(macro("RANGE", 29), ClassState.INITIAL, NOW).effectiveStatus()).isEqualTo(StrategyClassStatus.ACTIVE);
        assertThat(decider.evaluate(macro("RANGE", 30), ClassState.INITIAL, NOW).effectiveStatus()).isEqualTo(StrategyClassStatus.DISABLED);
    }

    @Test
    void aBreachRetiresEveryAgentOfTheClassAtOnce() {
        ClassOutcome out = decider.evaluate(macro("RANGE", 40), ClassState.INITIAL, NOW);
        AgentDecider agents = AgentDeciderTest.decider(DryRunSettings.defaults());
        for (String agent : List.of("m1", "m2", "m3")) {
            for (LifecycleStatus status : List.of(LifecycleStatus.LIVE, LifecycleStatus.CANDIDATE)) {
                AgentOutcome retired = agents.evaluate(new AgentSituation(agent, AgentDeciderTest.promotable(), status,
                        out.effectiveStatus(), Optional.empty()), AgentDecisionState.INITIAL, NOW);
                assertThat(retired.effectiveStatus()).isEqualTo(LifecycleStatus.RETIRED);
                assertThat(retired.emitted()).singleElement().satisfies(d -> {
                    assertThat(d.subject()).isEqualTo(agent);
                    assertThat(d.action()).isEqualTo(DecisionAction.RETIRE);
                    assertThat(d.firedBy(RuleName.RETIRE_CLASS_DISABLED)).isTrue();
                });
            }
        }
    }

    @Test
    void reEnablingWaitsForTheBaseBranch() {
        ClassOutcome disabled = decider.evaluate(macro("RANGE", 40), ClassState.INITIAL, NOW);
        // the regime turns: no breach any more, but the base branch never said DISABLED: still DISABLED
        ClassOutcome stillDisabled = decider.evaluate(macro("TREND", 40), disabled.state(), NOW.plusSeconds(60));
        assertThat(stillDisabled.effectiveStatus()).isEqualTo(StrategyClassStatus.DISABLED);
        assertThat(stillDisabled.emitted()).isEmpty();
        // the recording PR is merged: the kill list says DISABLED
        StrategyClassLimits listedDisabled = new StrategyClassLimits(StrategyClassStatus.DISABLED, Optional.of("cvar"),
                OptionalDouble.empty(), OptionalDouble.empty(), DEFAULTS.strategyClass("macro").orElseThrow().byRegime());
        ClassSituation merged = new ClassSituation("macro", Optional.of(listedDisabled), ClassAttribution.EMPTY,
                Optional.of("TREND"), Map.of());
        ClassOutcome recorded = decider.evaluate(merged, stillDisabled.state(), NOW.plusSeconds(120));
        assertThat(recorded.effectiveStatus()).isEqualTo(StrategyClassStatus.DISABLED);
        assertThat(recorded.state().listedSinceDisable()).isTrue();
        // a person sets it ACTIVE again while RANGE still breaches: stays DISABLED
        assertThat(decider.evaluate(macro("RANGE", 40), recorded.state(), NOW.plusSeconds(180)).effectiveStatus())
                .isEqualTo(StrategyClassStatus.DISABLED);
        // ... and once the breach is gone it is re-enabled, through the repo
        ClassOutcome enabled = decider.evaluate(macro("TREND", 40), recorded.state(), NOW.plusSeconds(240));
        assertThat(enabled.effectiveStatus()).isEqualTo(StrategyClassStatus.ACTIVE);
        assertThat(enabled.emitted()).singleElement().satisfies(d -> {
            assertThat(d.action()).isEqualTo(DecisionAction.ENABLE_CLASS);
            assertThat(d.effect()).isEqualTo(DecisionAction.Effect.THROUGH_CONFIG_REPO);
        });
    }

    @Test
    void aClassListedDisabledIsDisabledWithTheFilesReason() {
        ClassSituation sentiment = new ClassSituation("sentiment", DEFAULTS.strategyClass("sentiment"), ClassAttribution.EMPTY,
                Optional.empty(), Map.of());
        ClassOutcome out = decider.evaluate(sentiment, ClassState.INITIAL, NOW);
        assertThat(out.effectiveStatus()).isEqualTo(StrategyClassStatus.DISABLED);
        assertThat(out.emitted().getFirst().reasons().getFirst().text()).contains("structural alpha decay");
        assertThat(decider.evaluate(sentiment, out.state(), NOW.plusSeconds(1)).emitted()).isEmpty();
    }

    static ClassRows rows(double... pnls) {
        ClassRows rows = new ClassRows();
        for (int i = 0; i < pnls.length; i++) {
            rows.add(new ClassRows.Kept(NOW.minus(Duration.ofHours(pnls.length - i)).toEpochMilli(), i, "arb_1", pnls[i]));
        }
        return rows;
    }

    @Test
    void attributionIsTheCumulativeCurvesDrawdownHitRateAndPnlOverTheWindow() {
        ClassRows rows = rows(50, -30, -40, 10, 100, -20);
        rows.add(new ClassRows.Kept(NOW.minus(Duration.ofDays(31)).toEpochMilli(), 100, "arb_2", -1000)); // outside the 30-day window
        rows.add(new ClassRows.Kept(NOW.plusSeconds(1).toEpochMilli(), 101, "arb_3", -1000)); // from the future
        ClassAttribution a = rows.attribution(NOW, StrategyClassSettings.defaults());
        assertThat(a.rows()).isEqualTo(6);
        assertThat(a.agents()).as("the rows outside the window do not count their agents").isEqualTo(1);
        assertThat(a.pnlBps()).isEqualTo(70.0);
        assertThat(a.hitRate()).isEqualTo(0.5);
        assertThat(a.maxDrawdownBps()).isEqualTo(-70.0);
        assertThat(rows(-5).attribution(NOW, StrategyClassSettings.defaults()).maxDrawdownBps()).isEqualTo(-5.0);
    }

    static ClassSituation arb(ClassAttribution attribution) {
        return new ClassSituation("arb", DEFAULTS.strategyClass("arb"), attribution, Optional.of("TREND"), Map.of());
    }

    @Test
    void drawdownPastTheLimitBreachesButAtTheLimitDoesNot() {
        assertThat(decider.evaluate(arb(new ClassAttribution(5, 2, -250, 0.6, -250)), ClassState.INITIAL, NOW).effectiveStatus())
                .isEqualTo(StrategyClassStatus.ACTIVE);
        ClassOutcome out = decider.evaluate(arb(new ClassAttribution(5, 2, -251, 0.6, -250.5)), ClassState.INITIAL, NOW);
        assertThat(out.effectiveStatus()).isEqualTo(StrategyClassStatus.DISABLED);
        assertThat(out.emitted().getFirst().firedBy(RuleName.CLASS_DRAWDOWN)).isTrue();
        assertThat(out.emitted().getFirst().reasons()).anySatisfy(r -> assertThat(r.text())
                .isEqualTo("drawdown -250.5 bps < max_drawdown_bps -250.0 bps over 5 rows of 2 agents"));
        assertThat(out.emitted().getFirst().metrics()).containsEntry("agents", 2.0).containsEntry("rows", 5.0);
    }

    @Test
    void hitRateBelowTheMinimumBreachesWithEnoughRows() {
        assertThat(decider.evaluate(arb(new ClassAttribution(30, 3, 10, 0.42, -10)), ClassState.INITIAL, NOW).effectiveStatus())
                .isEqualTo(StrategyClassStatus.ACTIVE);
        assertThat(decider.evaluate(arb(new ClassAttribution(29, 3, 10, 0.1, -10)), ClassState.INITIAL, NOW).effectiveStatus())
                .isEqualTo(StrategyClassStatus.ACTIVE);
        ClassOutcome out = decider.evaluate(arb(new ClassAttribution(30, 1, 10, 0.41, -10)), ClassState.INITIAL, NOW);
        assertThat(out.effectiveStatus()).isEqualTo(StrategyClassStatus.DISABLED);
        assertThat(out.emitted().getFirst().firedBy(RuleName.CLASS_HIT_RATE)).isTrue();
        assertThat(out.emitted().getFirst().reasons()).anySatisfy(r -> assertThat(r.text()).endsWith(" over 30 rows of 1 agent"));
    }

    @Test
    void aDryRunClassRuleIsFlaggedAndLeavesTheClassActive() {
        ClassDecider dry = new ClassDecider(StrategyClassSettings.defaults(), DryRunSettings.of("class_cvar"));
        ClassOutcome out = dry.evaluate(macro("RANGE", 40), ClassState.INITIAL, NOW);
        assertThat(out.effectiveStatus()).isEqualTo(StrategyClassStatus.ACTIVE);
        assertThat(out.emitted()).singleElement().satisfies(d -> {
            assertThat(d.dryRun()).isTrue();
            assertThat(d.action()).isEqualTo(DecisionAction.DISABLE_CLASS);
            assertThat(d.effect()).isEqualTo(DecisionAction.Effect.NONE);
        });
        assertThat(dry.evaluate(macro("RANGE", 40), out.state(), NOW.plusSeconds(1)).emitted()).isEmpty();
    }

    @Test
    void aManualDisableActsAtOnceAndIsReEnabledOnlyThroughTheRepo() {
        ClassOutcome out = decider.manualDisable("funding", ClassState.INITIAL, new OperatorAction("bob", "venue halted", NOW),
                NOW.minusSeconds(60));
        assertThat(out.effectiveStatus()).isEqualTo(StrategyClassStatus.DISABLED);
        assertThat(out.emitted().getFirst().reasons().getFirst().text()).contains("bob").contains("venue halted").contains(NOW.toString());
        assertThat(out.emitted().getFirst().at()).isEqualTo(NOW.minusSeconds(60));
        ClassSituation funding = new ClassSituation("funding", DEFAULTS.strategyClass("funding"), ClassAttribution.EMPTY,
                Optional.of("TREND"), Map.of());
        assertThat(decider.evaluate(funding, out.state(), NOW.plusSeconds(60)).effectiveStatus()).isEqualTo(StrategyClassStatus.DISABLED);
    }
}
