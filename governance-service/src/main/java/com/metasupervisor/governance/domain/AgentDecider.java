package com.metasupervisor.governance.domain;

import com.metasupervisor.configrepo.files.LifecycleStatus;
import com.metasupervisor.configrepo.files.StrategyClassStatus;
import com.metasupervisor.governance.config.DecisionSettings;
import com.metasupervisor.governance.config.DryRunSettings;
import com.metasupervisor.governance.config.PromotionGateSettings;
import com.metasupervisor.streams.check.ArgChecker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The agent decisions of SPEC §6: KILL &gt; RETIRE &gt; PROMOTE / HOLD, emitted on change only. Pure: the
 * situation, the stored state and "now" in, the decisions, effective status and new state out.
 */
public final class AgentDecider {

    private final DecisionSettings thresholds;
    private final PromotionGateSettings gate;
    private final Set<String> dryRun; // the rule names in dry run, parsed once

    public AgentDecider(DecisionSettings thresholds, PromotionGateSettings gate, DryRunSettings dryRun) {
        this.thresholds = ArgChecker.notNull(thresholds, "thresholds");
        this.gate = ArgChecker.notNull(gate, "gate");
        this.dryRun = ArgChecker.notNull(dryRun, "dryRun").names();
    }

    /** The PROMOTE criteria on one evaluation. */
    private record PromoteCheck(List<Reason> met, List<String> failed, List<String> missing, Optional<String> alert,
                                boolean classActive) {
        boolean holds() {
            return failed.isEmpty() && missing.isEmpty() && alert.isEmpty() && classActive;
        }
    }

    /** A decision before it is stamped: its action, reasons and what identifies it for "on change only". */
    private record Draft(DecisionAction action, List<Reason> reasons, String signature) {
        static final Draft NONE = new Draft(null, List.of(), "");
    }

    /** Evaluates {@code situation} at {@code now}. */
    public AgentOutcome evaluate(AgentSituation situation, AgentDecisionState state, Instant now) {
        ArgChecker.notNull(situation, "situation");
        ArgChecker.notNull(state, "state");
        ArgChecker.notNull(now, "now");
        AgentFigures f = situation.figures();
        List<Reason> kills = new ArrayList<>();
        List<Reason> retires = new ArrayList<>();
        if (f.maxDrawdown30dBps() != null && f.maxDrawdown30dBps() <= thresholds.killMaxDrawdownBps()) {
            kills.add(new Reason(RuleName.KILL_DRAWDOWN, "max_drawdown_30d " + f.maxDrawdown30dBps() + " bps <= "
                    + thresholds.killMaxDrawdownBps() + " bps"));
        }
        if (f.errorRate() != null && f.errorRate() > thresholds.killMaxErrorRate()) {
            kills.add(new Reason(RuleName.KILL_ERROR_RATE, "error_rate " + f.errorRate() + " > " + thresholds.killMaxErrorRate()));
        }
        // a missing figure cannot show poor performance: the rule does not fire
        if (f.n() >= thresholds.retireMinRows() && f.pnl30dBps() != null && f.pnl30dBps() <= thresholds.retireMaxPnlBps()
                && f.sharpe30d() != null && f.sharpe30d() < thresholds.retireMaxSharpe()) {
            retires.add(new Reason(RuleName.RETIRE_PERFORMANCE, "n " + f.n() + " >= " + thresholds.retireMinRows()
                    + ", pnl_30d " + f.pnl30dBps() + " bps <= " + thresholds.retireMaxPnlBps() + " bps and sharpe_30d "
                    + f.sharpe30d() + " < " + thresholds.retireMaxSharpe()));
        }
        if (situation.classStatus() == StrategyClassStatus.DISABLED) {
            retires.add(new Reason(RuleName.RETIRE_CLASS_DISABLED, "its strategy class is DISABLED"));
        }

        boolean candidate = situation.status() == LifecycleStatus.CANDIDATE;
        PromoteCheck check = promoteCheck(situation);
        AgentDecisionState counted = count(state, candidate && check.holds(), now);
        boolean persisted = candidate && check.holds() && counted.streak() >= gate.consecutiveEvaluations();

        Draft live = decide(situation.status(), kills, retires, check, persisted, false);
        Draft all = decide(situation.status(), kills, retires, check, persisted, true);
        // a dry-run decision is reported only where a rule in dry run changes the outcome
        Draft dry = all.action() == live.action() ? Draft.NONE : all;

        List<Decision> emitted = new ArrayList<>();
        if (live.action() != null && !live.signature().equals(state.lastLiveDecision())) {
            emitted.add(stamp(situation, live, now, false));
        }
        if (dry.action() != null && !dry.signature().equals(state.lastDryRunDecision())) {
            emitted.add(stamp(situation, dry, now, true));
        }
        LifecycleStatus effective = switch (live.action() == null ? DecisionAction.HOLD : live.action()) {
            case KILL -> LifecycleStatus.KILLED;
            case RETIRE -> LifecycleStatus.RETIRED;
            default -> situation.status(); // PROMOTE takes effect only through the config repo's base branch
        };
        return new AgentOutcome(emitted, effective,
                new AgentDecisionState(counted.streak(), counted.lastCountedAt(), live.signature(), dry.signature()));
    }

    /**
     * An operator's KILL (SPEC §6): a decision like any other, at once, whatever the figures, decided at {@code now} (the
     * reason keeps when the operator asked).
     */
    public AgentOutcome manualKill(String agentId, LifecycleStatus status, AgentDecisionState state, OperatorAction action,
                                   Instant now) {
        ArgChecker.notBlank(agentId, "agentId");
        ArgChecker.notNull(status, "status");
        ArgChecker.notNull(state, "state");
        ArgChecker.notNull(action, "action");
        ArgChecker.notNull(now, "now");
        Reason reason = action.reason("manual KILL");
        Decision decision = new Decision(agentId, DecisionAction.KILL, status.name(), List.of(reason),
                java.util.Map.of(), Optional.empty(), now, false);
        return new AgentOutcome(List.of(decision), LifecycleStatus.KILLED,
                new AgentDecisionState(0, null, "KILL|" + RuleName.MANUAL.wireName(), state.lastDryRunDecision()));
    }

    private PromoteCheck promoteCheck(AgentSituation situation) {
        AgentFigures f = situation.figures();
        List<Reason> met = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        if (f.n() >= thresholds.promoteMinRows()) {
            met.add(new Reason(RuleName.PROMOTE, "n " + f.n() + " >= " + thresholds.promoteMinRows()));
        } else {
            failed.add("n " + f.n() + " < " + thresholds.promoteMinRows());
        }
        atLeast("sharpe_30d", f.sharpe30d(), thresholds.promoteMinSharpe(), "", met, failed, missing);
        atLeast("winrate_30d", f.winrate30d(), thresholds.promoteMinWinrate(), "", met, failed, missing);
        atLeast("max_drawdown_30d", f.maxDrawdown30dBps(), thresholds.promoteMinDrawdownBps(), " bps", met, failed, missing);
        boolean classActive = situation.classStatus() == StrategyClassStatus.ACTIVE;
        return new PromoteCheck(met, failed, missing, situation.openAlertId(), classActive);
    }

    private static void atLeast(String figure, Double value, double min, String unit, List<Reason> met, List<String> failed,
            List<String> missing) {
        if (value == null) {
            missing.add(figure);
        } else if (value >= min) {
            met.add(new Reason(RuleName.PROMOTE, figure + " " + value + unit + " >= " + min + unit));
        } else {
            failed.add(figure + " " + value + unit + " < " + min + unit);
        }
    }

    /** The streak after this evaluation: an evaluation closer than min-span to the last counted one is not counted. */
    private AgentDecisionState count(AgentDecisionState state, boolean holds, Instant now) {
        if (!holds) {
            return new AgentDecisionState(0, null, state.lastLiveDecision(), state.lastDryRunDecision());
        }
        if (state.lastCountedAt() != null && now.isBefore(state.lastCountedAt().plus(gate.minSpan()))) {
            return state;
        }
        int streak = state.streak() == Integer.MAX_VALUE ? state.streak() : state.streak() + 1;
        return new AgentDecisionState(streak, now, state.lastLiveDecision(), state.lastDryRunDecision());
    }

    private Draft decide(LifecycleStatus status, List<Reason> kills, List<Reason> retires, PromoteCheck check, boolean persisted,
            boolean withDryRules) {
        List<Reason> k = active(kills, withDryRules);
        List<Reason> r = active(retires, withDryRules);
        if (!k.isEmpty() && status != LifecycleStatus.KILLED) {
            List<Reason> reasons = new ArrayList<>(k);
            reasons.addAll(r);
            return draft(DecisionAction.KILL, reasons, "");
        }
        if (!r.isEmpty() && status != LifecycleStatus.KILLED && status != LifecycleStatus.RETIRED) {
            return draft(DecisionAction.RETIRE, r, "");
        }
        if (status != LifecycleStatus.CANDIDATE) {
            return Draft.NONE;
        }
        if (persisted && (withDryRules || !RuleName.PROMOTE.dryRunIn(dryRun))) {
            List<Reason> reasons = new ArrayList<>(check.met());
            reasons.add(new Reason(RuleName.PROMOTE, "class ACTIVE, no open divergence alert; the criteria held on "
                    + gate.consecutiveEvaluations() + " evaluations in a row, each >= " + gate.minSpan() + " apart"));
            return draft(DecisionAction.PROMOTE, reasons, "");
        }
        List<Reason> holds = new ArrayList<>();
        String detail = "";
        if (!check.missing().isEmpty()) {
            holds.add(new Reason(RuleName.PROMOTE, "inconclusive: " + String.join(", ", check.missing())
                    + " missing; the candidate is held"));
            detail += "missing=" + check.missing();
        }
        if (check.alert().isPresent() && check.failed().isEmpty() && check.classActive()) {
            holds.add(new Reason(RuleName.PROMOTE, "blocked by open divergence alert " + check.alert().get()));
            detail += "alert=" + check.alert().get();
        }
        return holds.isEmpty() ? Draft.NONE : draft(DecisionAction.HOLD, holds, detail);
    }

    private List<Reason> active(List<Reason> reasons, boolean withDryRules) {
        return withDryRules ? reasons : reasons.stream().filter(r -> !r.rule().dryRunIn(dryRun)).toList();
    }

    private static Draft draft(DecisionAction action, List<Reason> reasons, String detail) {
        String rules = reasons.stream().map(r -> r.rule().wireName()).distinct().sorted().collect(Collectors.joining(","));
        return new Draft(action, reasons, action + "|" + rules + (detail.isEmpty() ? "" : "|" + detail));
    }

    private static Decision stamp(AgentSituation situation, Draft draft, Instant now, boolean dryRun) {
        return new Decision(situation.agentId(), draft.action(), situation.status().name(), draft.reasons(),
                situation.figures().metrics(), Optional.empty(), now, dryRun);
    }
}
