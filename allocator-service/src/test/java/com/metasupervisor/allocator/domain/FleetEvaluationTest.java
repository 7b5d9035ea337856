package com.metasupervisor.allocator.domain;

import static com.metasupervisor.allocator.domain.Fleets.TREND;
import static com.metasupervisor.allocator.domain.Fleets.alerted;
import static com.metasupervisor.allocator.domain.Fleets.figures;
import static com.metasupervisor.allocator.domain.Fleets.fleet;
import static com.metasupervisor.allocator.domain.Fleets.live;
import static com.metasupervisor.allocator.domain.Fleets.pnl;
import static com.metasupervisor.allocator.domain.Fleets.weight;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.metasupervisor.allocator.config.AllocatorSettings;
import com.metasupervisor.allocator.config.CompositeSettings;
import com.metasupervisor.allocator.config.PnlProportionalSettings;
import com.metasupervisor.allocator.config.SoftPenaltySettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policies of SPEC §5 and the common steps, on small fleets checked by hand. */
class FleetEvaluationTest {

    private static final AllocatorSettings DEFAULTS = Fleets.settings("soft_penalty");
    private static final AllocationPolicy SOFT = AllocationPolicy.of(PolicyName.SOFT_PENALTY, DEFAULTS);
    private static final AllocationPolicy COMPOSITE = AllocationPolicy.of(PolicyName.COMPOSITE, DEFAULTS);
    private static final AllocationPolicy PNL = AllocationPolicy.of(PolicyName.PNL_PROPORTIONAL, DEFAULTS);
    /** soft_penalty without a cap, so the score ratios show in the weights. */
    private static final AllocationPolicy SOFT_UNCAPPED = new SoftPenalty(
            new SoftPenaltySettings(0.0, 1.0, 0.15, 0.6, 75, 0.015, 0.25, 0.01, 0.4), 24);

    private static double sumOfWeights(Allocation a) {
        return a.agents().values().stream().mapToDouble(AgentWeight::weight).sum();
    }

    @Test
    void softPenaltyMultipliesTheSquareRootOfThePnlByEachFactorInOrder() {
        AgentView a = live("a", figures("macro", 100, 0, null, null, 0.5, -30, 75.0, 0.9));
        AgentView b = live("b", figures("fx", 25, 0, null, null, null, -100, null, 1.0));
        FleetView f = fleet(TREND, false, Map.of("macro", 20.0), a, b);
        List<PolicyScore> scores = SOFT.score(List.of(a, b), f);
        // a: √100 · (0.6+0.5) · 0.9 · 1/(1+75/75) · max(0.25, 1−0.015·20) · max(0.4, 1−0.01·30)
        assertThat(scores.get(0).rawScore()).isEqualTo(10.0);
        assertThat(scores.get(0).multipliers().keySet()).containsExactly("hit_rate", "confidence", "error", "cvar", "drawdown");
        assertThat(scores.get(0).multipliers().get("hit_rate")).isCloseTo(1.1, within(1e-12));
        assertThat(scores.get(0).multipliers().get("error")).isCloseTo(0.5, within(1e-12));
        assertThat(scores.get(0).multipliers().get("cvar")).isCloseTo(0.7, within(1e-12));
        assertThat(scores.get(0).multipliers().get("drawdown")).isCloseTo(0.7, within(1e-12));
        assertThat(scores.get(0).score()).isCloseTo(10 * 1.1 * 0.9 * 0.5 * 0.7 * 0.7, within(1e-12));
        // b: √25 · 0.6 (no hit rate) · 1 · 1 (no error figure) · 1 (no CVaR for fx) · max(0.4, 1−1.0) = 0.4
        assertThat(scores.get(1).multipliers().get("cvar")).isEqualTo(1.0);
        assertThat(scores.get(1).multipliers().get("drawdown")).isEqualTo(0.4);
        assertThat(scores.get(1).score()).isCloseTo(5 * 0.6 * 0.4, within(1e-12));

        Allocation uncapped = FleetEvaluation.evaluate(SOFT_UNCAPPED, f, 0.5);
        double qa = 10 * 1.1 * 0.9 * 0.5 * 0.7 * 0.7;
        assertThat(weight(uncapped, "a")).isCloseTo(qa / (qa + 1.2), within(1e-12));
        assertThat(weight(uncapped, "b")).isCloseTo(1.2 / (qa + 1.2), within(1e-12));
        assertThat(uncapped.agents().get("b").explanation()).contains("no CVaR figures for fx|TREND|24");
        assertThat(uncapped.agents().get("a").explanation()).doesNotContain("no CVaR figures");
    }

    @Test
    void softPenaltyGatesErrorRateAndNonPositivePnl() {
        AgentView c = live("c", new AgentFigures("macro", 10, 0, 0, 50, null, null, null, 0, 0.2, null, 1));
        AgentView d = live("d", pnl(-12.3));
        Allocation a = FleetEvaluation.evaluate(SOFT, fleet(c, d), 0.5);
        assertThat(a.agents().get("c").exclusion()).isEqualTo(new Exclusion(ExclusionKind.GATE, "error_rate 0.2000 > 0.15"));
        assertThat(a.agents().get("d").exclusion()).isEqualTo(new Exclusion(ExclusionKind.GATE, "pnl_sum_bps -12.3 <= 0"));
        assertThat(a.agents().get("d").explanation()).isEqualTo("excluded: pnl_sum_bps -12.3 <= 0");
    }

    @Test
    void everyAgentGatedIsAllCash() {
        Allocation a = FleetEvaluation.evaluate(SOFT, fleet(live("a", pnl(0)), live("b", pnl(-5))), 0.5);
        assertThat(a.cash()).isEqualTo(1.0);
        assertThat(a.agents().values()).allSatisfy(w -> {
            assertThat(w.weight()).isZero();
            assertThat(w.exclusion().kind()).isEqualTo(ExclusionKind.GATE);
        });
    }

    @Test
    void oneAgentGetsTheCapAndTheRestIsCash() {
        Allocation a = FleetEvaluation.evaluate(SOFT, fleet(live("solo", pnl(400))), 0.5);
        assertThat(weight(a, "solo")).isEqualTo(0.25);
        assertThat(a.cash()).isEqualTo(0.75);
        assertThat(a.agents().get("solo").bound()).isEqualTo(Bound.MAX);
        assertThat(a.agents().get("solo").explanation()).startsWith("0.2500: capped at the 25 % maximum; score 12 (raw 20; hit_rate × 0.60");
    }

    @Test
    void fewerAgentsThanTheCapNeedsLeaveTheRestInCash() {
        Allocation a = FleetEvaluation.evaluate(SOFT, fleet(live("a", pnl(100)), live("b", pnl(1)), live("c", pnl(9))), 0.5);
        assertThat(a.agents().values()).allSatisfy(w -> assertThat(w.weight()).isEqualTo(0.25));
        assertThat(a.cash()).isCloseTo(0.25, within(1e-15));
    }

    @Test
    void tooManyAgentsForTheFloorLowerItToOneOverNWithAWarning() {
        List<AgentView> agents = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            agents.add(live("a%02d".formatted(i), figures("macro", 10, i, 1.0, 0.5, null, -10, null, 1)));
        }
        Allocation a = FleetEvaluation.evaluate(COMPOSITE, fleet(agents.toArray(AgentView[]::new)), 0.5);
        assertThat(a.minApplied()).isEqualTo(1.0 / 30);
        assertThat(a.warnings()).containsExactly("min allocation 0.0500 lowered to 1/n = 0.0333: 30 agents × 0.0500 > 1");
        // a00: .4·0 (lowest pnl_7d) + .3·.5 + .2·.5 + .1·.5 (sharpe and drawdown all equal) = .3
        assertThat(a.agents().get("a00").explanation()).isEqualTo(
                "0.0333: at the 3.33 % minimum (lowered from 5 % to 1/n); score 0.3 (raw 0.3; pnl_7d_norm 0.0000,"
                        + " sharpe_30d_norm 0.5000, winrate_30d 0.5000, drawdown_norm 0.5000)");
        assertThat(sumOfWeights(a) + a.cash()).isCloseTo(1, within(1e-12));
    }

    @Test
    void compositeNormalisesOverTheEligibleAgentsAndCapsAt40Percent() {
        AgentView a = live("a", figures("macro", 1, 30, 2.0, 0.6, null, -10, null, 1));
        AgentView b = live("b", figures("macro", 1, 10, null, null, null, -50, null, 1));
        AgentView c = live("c", figures("macro", 1, -10, 1.0, 0.4, null, -30, null, 1));
        Allocation alloc = FleetEvaluation.evaluate(COMPOSITE, fleet(a, b, c), 0.5);
        // scores: a .4·1 + .3·1 + .2·.6 + .1·1 = .92; b .4·.5 = .2 (no sharpe, no winrate, worst drawdown); c .2·.4 + .1·.5 = .13
        assertThat(alloc.agents().get("a").rawScore()).isCloseTo(0.92, within(1e-12));
        assertThat(alloc.agents().get("b").rawScore()).isCloseTo(0.20, within(1e-12));
        assertThat(alloc.agents().get("c").rawScore()).isCloseTo(0.13, within(1e-12));
        // a at the 40 % cap, b and c share 0.6 as .2 : .13
        assertThat(weight(alloc, "a")).isEqualTo(0.40);
        assertThat(weight(alloc, "b")).isCloseTo(0.6 * 0.20 / 0.33, within(1e-12));
        assertThat(weight(alloc, "c")).isCloseTo(0.6 * 0.13 / 0.33, within(1e-12));
        assertThat(alloc.agents().get("b").multipliers()).containsEntry("pnl_7d_norm", 0.5).containsEntry("sharpe_30d_norm", 0.0)
                .containsEntry("winrate_30d", 0.0).containsEntry("drawdown_norm", 0.0);
        assertThat(alloc.agents().get("a").bound()).isEqualTo(Bound.MAX);
        assertThat(alloc.agents().get("b").bound()).isEqualTo(Bound.NONE);
        assertThat(alloc.cash()).isCloseTo(0, within(1e-12));
    }

    @Test
    void pnlProportionalGivesNonPositivePnlTheFloor() {
        Allocation a = FleetEvaluation.evaluate(PNL, fleet(live("a", pnl(30)), live("b", pnl(10)), live("c", pnl(-5))), 0.5);
        // c at the 2 % floor; a and b share 0.98 as 3 : 1
        assertThat(weight(a, "c")).isEqualTo(0.02);
        assertThat(a.agents().get("c").bound()).isEqualTo(Bound.MIN);
        assertThat(a.agents().get("c").rawScore()).isEqualTo(-5.0);
        assertThat(weight(a, "a")).isCloseTo(0.735, within(1e-12));
        assertThat(weight(a, "b")).isCloseTo(0.245, within(1e-12));
        assertThat(a.agents().get("b").explanation()).isEqualTo("0.2450: in proportion to its score 10 (raw 10)");
    }

    @Test
    void anOpenAlertHalvesTheScoreAndIsNamedInTheExplanation() {
        Allocation a = FleetEvaluation.evaluate(SOFT_UNCAPPED, fleet(alerted("a", pnl(100), "a#2"), live("b", pnl(100))), 0.5);
        assertThat(weight(a, "a")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(weight(a, "b")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(a.agents().get("a").multipliers()).containsEntry("alert", 0.5);
        assertThat(a.agents().get("b").multipliers()).doesNotContainKey("alert");
        assertThat(a.agents().get("a").explanation()).contains("; × 0.50 for open divergence alert a#2");
    }

    @Test
    void aDisabledClassIsExcludedWithItsReasons() {
        AgentView a = new AgentView("a", "macro", Lifecycle.LIVE, StatusSource.GOVERNANCE, null, pnl(100), null,
                new StrategyDisable("macro", List.of("cvar breach", "drawdown")));
        Allocation alloc = FleetEvaluation.evaluate(SOFT, fleet(a, live("b", pnl(100))), 0.5);
        assertThat(alloc.agents().get("a").exclusion())
                .isEqualTo(new Exclusion(ExclusionKind.STRATEGY_DISABLED, "strategy macro DISABLED: cvar breach; drawdown"));
        assertThat(alloc.agents().get("a").exclusion().kind().byGovernance()).isTrue();
        assertThat(weight(alloc, "a")).isZero();
        assertThat(weight(alloc, "b")).isEqualTo(0.25);
    }

    @Test
    void eligibilityChecksStatusThenClassThenFiguresInThatOrder() {
        AgentView none = new AgentView("n", null, null, StatusSource.NONE, null, pnl(100), null, null);
        AgentView candidate = new AgentView("c", "macro", Lifecycle.CANDIDATE, StatusSource.REGISTRY, null, pnl(100), null, null);
        AgentView killedAndDisabled = new AgentView("k", "macro", Lifecycle.KILLED, StatusSource.GOVERNANCE, "drawdown", pnl(100),
                null, new StrategyDisable("macro", List.of("x")));
        AgentView noFigures = live("f", null);
        Allocation a = FleetEvaluation.evaluate(SOFT, fleet(none, candidate, killedAndDisabled, noFigures), 0.5);
        assertThat(a.agents().get("n").exclusion()).isEqualTo(new Exclusion(ExclusionKind.STATUS,
                "no status: neither governance.agent-status nor agents.registry has it"));
        assertThat(a.agents().get("c").exclusion()).isEqualTo(new Exclusion(ExclusionKind.STATUS, "CANDIDATE (registry)"));
        assertThat(a.agents().get("k").exclusion()).isEqualTo(new Exclusion(ExclusionKind.STATUS, "KILLED (governance: drawdown)"));
        assertThat(a.agents().get("k").explanation()).isEqualTo("excluded: KILLED (governance: drawdown)");
        assertThat(a.agents().get("f").exclusion()).isEqualTo(new Exclusion(ExclusionKind.NO_FIGURES, "no risk.agent-stats yet"));
        assertThat(a.agents().get("f").exclusion().kind().byGovernance()).isFalse();
        assertThat(a.cash()).isEqualTo(1.0);
    }

    @Test
    void theRegimeMultiplierScalesEveryWeightAndTheRestGoesToCash() {
        RegimeView crisis = new RegimeView("CRISIS", 0.5, "ops");
        Allocation a = FleetEvaluation.evaluate(SOFT_UNCAPPED, fleet(crisis, false, Map.of(), live("a", pnl(100)), live("b", pnl(100))), 0.5);
        assertThat(weight(a, "a")).isEqualTo(0.25);
        assertThat(weight(a, "b")).isEqualTo(0.25);
        assertThat(a.cash()).isEqualTo(0.5);
        assertThat(a.agents().get("a").multipliers()).containsEntry("regime", 0.5);
        assertThat(a.agents().get("a").explanation()).endsWith("; × 0.50 regime CRISIS; no CVaR figures for macro|CRISIS|24");
        assertThat(a.regime()).isEqualTo(crisis);
    }

    @Test
    void aWithdrawnCvarKeyCountsOneAndTheExplanationSaysThereAreNoFigures() {
        FleetState state = new FleetState(DEFAULTS);
        state.figures("a", pnl(100));
        state.governanceStatus("a", new AgentStatusView(Lifecycle.LIVE, null));
        state.regime("CRISIS", null, "ops");
        state.strategyCvar("macro", "CRISIS", 24, 20.0);
        Allocation with = FleetEvaluation.evaluate(SOFT, state.view(5), 0.5);
        assertThat(with.agents().get("a").multipliers().get("cvar")).isCloseTo(0.7, within(1e-12));
        assertThat(with.agents().get("a").explanation()).doesNotContain("no CVaR figures");

        state.strategyCvar("macro", "CRISIS", 24, null);
        Allocation without = FleetEvaluation.evaluate(SOFT, state.view(6), 0.5);
        assertThat(without.agents().get("a").multipliers().get("cvar")).isEqualTo(1.0);
        assertThat(without.agents().get("a").explanation()).contains("no CVaR figures for macro|CRISIS|24");
    }

    @Test
    void policyIdsRoundTripAndAnUnknownOneListsTheValidIds() {
        for (PolicyName p : PolicyName.values()) {
            assertThat(PolicyName.of(p.id())).isEqualTo(p);
        }
        assertThat(PolicyName.SOFT_PENALTY.id()).isEqualTo("soft_penalty");
        assertThatThrownBy(() -> PolicyName.of("kelly"))
                .hasMessageContaining("pnl_proportional, composite, soft_penalty");
    }

    @Test
    void agentNamesAreTextNotFormatStrings() {
        Allocation a = FleetEvaluation.evaluate(SOFT, fleet(alerted("%s%n%d", pnl(100), "%x#1")), 0.5);
        assertThat(a.agents().get("%s%n%d").explanation()).contains("alert %x#1");
    }

    @Test
    void settingsValuesAreReadNotDefaults() {
        AllocationPolicy pnl = new PnlProportional(new PnlProportionalSettings(0.1, 0.5));
        CompositeSettings onlyPnl = new CompositeSettings(0.0, 1.0, 1.0, 0, 0, 0);
        Allocation p = FleetEvaluation.evaluate(pnl, fleet(live("a", pnl(90)), live("b", pnl(10)), live("c", pnl(0))), 0.5);
        assertThat(weight(p, "a")).isEqualTo(0.5);
        assertThat(weight(p, "c")).isEqualTo(0.1);
        assertThat(weight(p, "b")).isCloseTo(0.4, within(1e-12));
        Allocation c = FleetEvaluation.evaluate(new Composite(onlyPnl),
                fleet(live("a", figures("m", 1, 30, null, null, null, 0, null, 1)), live("b", figures("m", 1, 20, null, null, null, 0, null, 1)),
                        live("c", figures("m", 1, 10, null, null, null, 0, null, 1))), 0.5);
        assertThat(weight(c, "a")).isCloseTo(1.0 / 1.5, within(1e-12));
        assertThat(weight(c, "c")).isZero();
    }
}
