package com.metasupervisor.allocator.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A policy's target allocation of the fleet (design steps 2-4): eligibility (status, disabled class, figures, then
 * the policy's gates), the policy's scores, the alert haircut, the exact projection onto [min, max], the regime
 * multiplier, and one explanation sentence per agent. Every known agent is in the result (weight 0 when excluded).
 */
public final class FleetEvaluation {

    /** The multiplier name of the alert haircut. */
    public static final String ALERT = "alert";
    /** The multiplier name of the regime risk multiplier. */
    public static final String REGIME = "regime";

    static final String NO_STATUS = "no status: neither governance.agent-status nor agents.registry has it";
    static final String NO_FIGURES = "no risk.agent-stats yet";

    private FleetEvaluation() {
    }

    public static Allocation evaluate(AllocationPolicy policy, FleetView fleet, double alertMultiplier) {
        return evaluate(policy, fleet, alertMultiplier, null);
    }

    /** With {@code memo} (nullable): the sentences of agents whose inputs did not change since its last evaluation are reused. */
    static Allocation evaluate(AllocationPolicy policy, FleetView fleet, double alertMultiplier, ExplanationMemo memo) {
        ArgChecker.notNull(policy, "policy");
        ArgChecker.notNull(fleet, "fleet");
        ArgChecker.inRange(alertMultiplier, 0, 1, "alertMultiplier");
        SortedArrayMap<AgentView> byName = SortedArrayMap.copyOf(fleet.agents());
        int n = byName.size();
        AgentView[] agents = new AgentView[n];
        for (int i = 0; i < n; i++) {
            agents[i] = byName.valueAt(i);
        }
        Exclusion[] exclusions = new Exclusion[n];
        List<AgentView> eligible = new ArrayList<>(n);
        int[] eligibleAt = new int[n];
        for (int i = 0; i < n; i++) {
            exclusions[i] = eligibility(agents[i]);
            if (exclusions[i] == null) {
                eligibleAt[eligible.size()] = i;
                eligible.add(agents[i]);
            }
        }
        List<PolicyScore> scores = policy.score(eligible, fleet);
        ArgChecker.isTrue(scores.size() == eligible.size(), "a policy scores every eligible agent");
        PolicyScore[] scoreOf = new PolicyScore[n];
        Factors[] factors = new Factors[n];
        double[] projected = new double[eligible.size()];
        int[] projectedAt = new int[eligible.size()];
        int m = 0;
        for (int k = 0; k < scores.size(); k++) {
            PolicyScore s = scores.get(k);
            int i = eligibleAt[k];
            scoreOf[i] = s;
            if (s.gate() != null) {
                exclusions[i] = s.gate();
                continue;
            }
            double score = s.score();
            if (agents[i].openAlert() != null) {
                score *= alertMultiplier;
            }
            projected[m] = score;
            projectedAt[m++] = i;
        }
        double[] toProject = m == projected.length ? projected : Arrays.copyOf(projected, m);
        Projection projection = CappedSimplex.project(toProject, policy.minAllocation(), policy.maxAllocation());
        double regime = fleet.regime().multiplier();
        double[] weight = new double[n];
        Bound[] bound = new Bound[n];
        double sum = 0;
        for (int k = 0; k < m; k++) {
            int i = projectedAt[k];
            weight[i] = projection.weights()[k] * regime;
            bound[i] = projection.bounds()[k];
            // the policy's multipliers, then the alert haircut, then the regime: one array each, made once
            Factors policyFactors = Factors.copyOf(scoreOf[i].multipliers());
            factors[i] = agents[i].openAlert() != null
                    ? policyFactors.append(ALERT, alertMultiplier, REGIME, regime) : policyFactors.append(REGIME, regime);
            sum += weight[i];
        }
        Sentences sentences = new Sentences(policy, fleet, projection.minApplied(), alertMultiplier);
        if (memo != null) {
            memo.begin(byName.keys(), fleet.regime(), projection.minApplied(), alertMultiplier);
        }
        AgentWeight[] out = new AgentWeight[n];
        for (int i = 0; i < n; i++) {
            AgentView a = agents[i];
            PolicyScore s = scoreOf[i];
            Double raw = s == null ? null : s.rawScore();
            AgentWeight w;
            if (exclusions[i] != null) {
                w = new AgentWeight(a.agent(), a.strategyClass(), a.status(), 0, 0.0, null, raw,
                        s == null ? Factors.of() : s.multipliers(), Bound.NONE, false, exclusions[i],
                        "excluded: " + exclusions[i].reason());
            } else {
                boolean cvarFigures = sentences.readsCvar && a.strategyClass() != null
                        && fleet.cvarByStrategy().containsKey(a.strategyClass());
                String text = memo == null ? null
                        : memo.get(i, a.openAlert(), a.strategyClass(), cvarFigures, s.score(), s.rawScore(), factors[i], weight[i], bound[i]);
                if (text == null) {
                    text = sentences.target(a, s, weight[i], bound[i]);
                    if (memo != null) {
                        memo.put(i, a.openAlert(), a.strategyClass(), cvarFigures, s.score(), s.rawScore(), factors[i], weight[i],
                                bound[i], text);
                    }
                }
                w = new AgentWeight(a.agent(), a.strategyClass(), a.status(), weight[i], weight[i], null, raw, factors[i],
                        bound[i], false, null, text);
            }
            out[i] = w;
        }
        List<String> warnings = projection.warning().map(List::of).orElse(List.of());
        return new Allocation(policy.name(), SortedArrayMap.withKeysOf(byName, out), Math.max(0, 1 - sum), policy.minAllocation(), policy.maxAllocation(),
                projection.minApplied(), fleet.regime(), fleet.guardianPaused(), warnings, fleet.asOf());
    }

    /** The first eligibility check the agent fails (status, strategy class, figures), or null. */
    static Exclusion eligibility(AgentView a) {
        if (a.statusSource() == StatusSource.NONE) {
            return new Exclusion(ExclusionKind.STATUS, NO_STATUS);
        }
        if (a.status() != Lifecycle.LIVE) {
            String where = a.statusSource() == StatusSource.GOVERNANCE
                    ? "governance" + (a.statusReason() == null || a.statusReason().isBlank() ? "" : ": " + a.statusReason())
                    : "registry";
            return new Exclusion(ExclusionKind.STATUS, a.status() + " (" + where + ")");
        }
        if (a.disabled() != null) {
            List<String> reasons = a.disabled().reasons();
            return new Exclusion(ExclusionKind.STRATEGY_DISABLED, "strategy " + a.disabled().strategyClass() + " DISABLED"
                    + (reasons.isEmpty() ? "" : ": " + String.join("; ", reasons)));
        }
        if (a.figures() == null) {
            return new Exclusion(ExclusionKind.NO_FIGURES, NO_FIGURES);
        }
        return null;
    }

    /** The explanation sentences of one evaluation (built by appending: agent text is never a format string). */
    private static final class Sentences {
        private final AllocationPolicy policy;
        private final FleetView fleet;
        private final String maxPhrase;
        private final String minPhrase;
        private final String regimePhrase;
        private final String alertPhrase;
        /** Only soft_penalty's sentences say when a class has no CVaR figures. */
        private final boolean readsCvar;

        Sentences(AllocationPolicy policy, FleetView fleet, double minApplied, double alertMultiplier) {
            this.policy = policy;
            this.readsCvar = policy instanceof SoftPenalty;
            this.alertPhrase = "; × " + Decimals.fixed(alertMultiplier, 2) + " for open ";
            this.fleet = fleet;
            this.maxPhrase = "capped at the " + Decimals.percent(policy.maxAllocation()) + " maximum";
            this.minPhrase = minApplied < policy.minAllocation()
                    ? "at the " + Decimals.percent(minApplied) + " minimum (lowered from "
                            + Decimals.percent(policy.minAllocation()) + " to 1/n)"
                    : "at the " + Decimals.percent(minApplied) + " minimum";
            RegimeView r = fleet.regime();
            this.regimePhrase = r.multiplier() < 1
                    ? "; × " + Decimals.fixed(r.multiplier(), 2) + " regime " + r.regime() : "";
        }

        String target(AgentView a, PolicyScore s, double weight, Bound bound) {
            StringBuilder out = new StringBuilder(256);
            Decimals.append(out, weight, 4).append(": ");
            switch (bound) {
                case MAX -> out.append(maxPhrase).append("; score ");
                case MIN -> out.append(minPhrase).append("; score ");
                case NONE -> out.append("in proportion to its score ");
            }
            Decimals.appendCompact(out, s.score(), 4).append(" (raw ");
            Decimals.appendCompact(out, s.rawScore(), 4);
            Factors f = Factors.copyOf(s.multipliers());
            String joiner = "; ";
            for (int i = 0; i < f.size(); i++) {
                out.append(joiner).append(f.name(i));
                if (policy.name() == PolicyName.COMPOSITE) {
                    Decimals.append(out.append(' '), f.value(i), 4);
                } else {
                    Decimals.append(out.append(" × "), f.value(i), 2);
                }
                joiner = ", ";
            }
            out.append(')');
            if (a.openAlert() != null) {
                out.append(alertPhrase)
                        .append(a.openAlert().kind().toLowerCase(Locale.ROOT)).append(" alert ").append(a.openAlert().alertId());
            }
            out.append(regimePhrase);
            if (policy instanceof SoftPenalty sp && (a.strategyClass() == null || !fleet.cvarByStrategy().containsKey(a.strategyClass()))) {
                out.append("; no CVaR figures for ").append(a.strategyClass()).append('|').append(fleet.regime().regime())
                        .append('|').append(sp.horizonHours());
            }
            return out.toString();
        }
    }
}
