package com.metasupervisor.governance.domain;

import com.metasupervisor.configrepo.files.StrategyClassLimits;
import com.metasupervisor.configrepo.files.StrategyClassStatus;
import com.metasupervisor.governance.config.DryRunSettings;
import com.metasupervisor.governance.config.StrategyClassSettings;
import com.metasupervisor.streams.check.ArgChecker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A strategy class's status (SPEC §6): a breach disables it at once; it is re-enabled only when the config
 * repo's base branch says so — its kill list has said DISABLED for the class since the disable and no longer
 * does, and no breach rule fires. The agents of a DISABLED class are retired by {@link AgentDecider}.
 */
public final class ClassDecider {

    private final StrategyClassSettings settings;
    private final Set<String> dryRun; // the rule names in dry run, parsed once

    public ClassDecider(StrategyClassSettings settings, DryRunSettings dryRun) {
        this.settings = ArgChecker.notNull(settings, "settings");
        this.dryRun = ArgChecker.notNull(dryRun, "dryRun").names();
    }

    /** Evaluates {@code situation} at {@code now}. */
    public ClassOutcome evaluate(ClassSituation situation, ClassState state, Instant now) {
        ArgChecker.notNull(situation, "situation");
        ArgChecker.notNull(state, "state");
        ArgChecker.notNull(now, "now");
        List<Reason> breaches = breaches(situation);
        List<Reason> live = breaches.stream().filter(r -> !r.rule().dryRunIn(dryRun)).toList();
        List<Reason> dry = breaches.stream().filter(r -> r.rule().dryRunIn(dryRun)).toList();
        boolean listedDisabled = situation.listed().map(l -> l.status() == StrategyClassStatus.DISABLED).orElse(false);
        Map<String, Double> metrics = metrics(situation);
        List<Decision> emitted = new ArrayList<>();
        String prev = state.status().name();

        StrategyClassStatus status = state.status();
        boolean listedSinceDisable = state.listedSinceDisable();
        if (status == StrategyClassStatus.ACTIVE && !live.isEmpty()) {
            status = StrategyClassStatus.DISABLED;
            listedSinceDisable = listedDisabled;
            emitted.add(decision(situation, DecisionAction.DISABLE_CLASS, prev, live, metrics, now, false));
        } else if (status == StrategyClassStatus.DISABLED) {
            listedSinceDisable |= listedDisabled;
            if (listedSinceDisable && !listedDisabled && live.isEmpty()) {
                status = StrategyClassStatus.ACTIVE;
                listedSinceDisable = false;
                emitted.add(decision(situation, DecisionAction.ENABLE_CLASS, prev, List.of(new Reason(RuleName.CONFIG_REPO,
                        "the base branch's kill list no longer says DISABLED and no breach rule fires")), metrics, now, false));
            }
        }
        // a dry-run breach is reported where it would have disabled an ACTIVE class
        String drySignature = "";
        if (status == StrategyClassStatus.ACTIVE && !dry.isEmpty()) {
            drySignature = DecisionAction.DISABLE_CLASS + "|" + dry.stream().map(r -> r.rule().wireName()).sorted()
                    .collect(Collectors.joining(","));
            if (!drySignature.equals(state.lastDryRunDecision())) {
                emitted.add(decision(situation, DecisionAction.DISABLE_CLASS, prev, dry, metrics, now, true));
            }
        }
        return new ClassOutcome(emitted, status, new ClassState(status, listedSinceDisable, drySignature));
    }

    /**
     * An operator's DISABLE (SPEC §6): at once, decided at {@code now} (the reason keeps when the operator asked);
     * re-enabled only through the config repo like any other.
     */
    public ClassOutcome manualDisable(String strategyClass, ClassState state, OperatorAction action, Instant now) {
        ArgChecker.notBlank(strategyClass, "strategyClass");
        ArgChecker.notNull(state, "state");
        ArgChecker.notNull(action, "action");
        ArgChecker.notNull(now, "now");
        Decision decision = new Decision(strategyClass, DecisionAction.DISABLE_CLASS, state.status().name(),
                List.of(action.reason("manual DISABLE")), Map.of(), Optional.empty(), now, false);
        return new ClassOutcome(List.of(decision), StrategyClassStatus.DISABLED,
                new ClassState(StrategyClassStatus.DISABLED, false, ""));
    }

    private List<Reason> breaches(ClassSituation situation) {
        List<Reason> reasons = new ArrayList<>();
        if (situation.listed().isEmpty()) {
            return reasons; // a class the kill list does not name has no limits
        }
        StrategyClassLimits limits = situation.listed().get();
        ClassAttribution a = situation.attribution();
        if (limits.status() == StrategyClassStatus.DISABLED) {
            reasons.add(new Reason(RuleName.CLASS_LISTED_DISABLED, "the kill list says DISABLED"
                    + limits.reason().map(r -> " (" + r + ")").orElse("")));
        }
        if (limits.maxDrawdownBps().isPresent() && a.maxDrawdownBps() < limits.maxDrawdownBps().getAsDouble()) {
            reasons.add(new Reason(RuleName.CLASS_DRAWDOWN, "drawdown " + a.maxDrawdownBps() + " bps < max_drawdown_bps "
                    + limits.maxDrawdownBps().getAsDouble() + " bps over " + a.extent()));
        }
        if (limits.minHitRate().isPresent() && a.hitRate() != null && a.rows() >= settings.minHitRateRows()
                && a.hitRate() < limits.minHitRate().getAsDouble()) {
            reasons.add(new Reason(RuleName.CLASS_HIT_RATE, "hit rate " + a.hitRate() + " < min_hit_rate "
                    + limits.minHitRate().getAsDouble() + " over " + a.extent()));
        }
        situation.currentRegime().ifPresent(regime -> limits.inRegime(regime).ifPresent(limit -> {
            RegimeCvar cvar = situation.cvarByRegime().get(regime);
            if (cvar != null && cvar.rows() >= settings.minCvarRows() && cvar.cvar95ShortfallBps() > limit.maxCvarErrorBps()) {
                reasons.add(new Reason(RuleName.CLASS_CVAR, "cvar95_shortfall_bps " + cvar.cvar95ShortfallBps() + " > "
                        + limit.maxCvarErrorBps() + " in the current regime " + regime + " over " + cvar.rows() + " rows"));
            }
        }));
        return reasons;
    }

    private static Map<String, Double> metrics(ClassSituation situation) {
        ClassAttribution a = situation.attribution();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("rows", (double) a.rows());
        metrics.put("agents", (double) a.agents());
        metrics.put("pnl_bps", a.pnlBps());
        if (a.hitRate() != null) {
            metrics.put("hit_rate", a.hitRate());
        }
        metrics.put("max_drawdown_bps", a.maxDrawdownBps());
        situation.currentRegime().map(situation.cvarByRegime()::get).ifPresent(cvar -> {
            metrics.put("cvar95_shortfall_bps", cvar.cvar95ShortfallBps());
            metrics.put("cvar_rows", (double) cvar.rows());
        });
        return metrics;
    }

    private static Decision decision(ClassSituation situation, DecisionAction action, String previous, List<Reason> reasons,
            Map<String, Double> metrics, Instant now, boolean dryRun) {
        return new Decision(situation.strategyClass(), action, previous, reasons, metrics, situation.currentRegime(), now, dryRun);
    }
}
