package com.metasupervisor.governance.topology;

import com.metasupervisor.avro.AgentLifecycle;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.DecisionEffect;
import com.metasupervisor.avro.DecisionSubjectKind;
import com.metasupervisor.avro.GovernanceAction;
import com.metasupervisor.avro.GovernanceDecision;
import com.metasupervisor.avro.StrategyLimits;
import com.metasupervisor.avro.StrategyState;
import com.metasupervisor.configrepo.files.LifecycleStatus;
import com.metasupervisor.configrepo.files.RegimeLimit;
import com.metasupervisor.configrepo.files.StrategyClassLimits;
import com.metasupervisor.configrepo.files.StrategyClassStatus;
import com.metasupervisor.governance.domain.AgentFigures;
import com.metasupervisor.governance.domain.Decision;
import com.metasupervisor.governance.domain.DecisionAction;
import com.metasupervisor.governance.domain.Reason;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** The domain's values to and from the topics' Avro records. */
final class GovernanceRecords {

    private GovernanceRecords() {
    }

    /** Deterministic, so a replay after a crash writes the same id: {@code <subject>@<millis>:<ACTION>[:dry-run]}. */
    static String decisionId(Decision d) {
        return d.subject() + "@" + d.at().toEpochMilli() + ":" + d.action() + (d.dryRun() ? ":dry-run" : "");
    }

    static GovernanceDecision decision(Decision d, DecisionSubjectKind kind, String strategyClass) {
        boolean agent = kind == DecisionSubjectKind.AGENT;
        return GovernanceDecision.newBuilder()
                .setDecisionId(decisionId(d))
                .setAgent(d.subject())
                .setStrategyClass(strategyClass)
                .setAction(GovernanceAction.valueOf(d.action().name()))
                .setPreviousStatus(agent ? AgentLifecycle.valueOf(d.previousStatus()) : null)
                .setPreviousStrategyStatus(agent ? null : StrategyState.valueOf(d.previousStatus()))
                .setReasons(d.reasons().stream().map(Reason::toString).toList())
                .setMetrics(new LinkedHashMap<>(d.metrics()))
                .setDecidedAt(d.at())
                .setSubjectKind(kind)
                .setEffect(DecisionEffect.valueOf(d.effect().name()))
                .setDryRun(d.dryRun())
                .setRegime(d.regime().orElse(null))
                .build();
    }

    static AgentFigures figures(AgentStats s) {
        if (s == null) {
            return new AgentFigures(0, null, null, null, null, null);
        }
        return new AgentFigures(s.getN(), s.getPnl30dBps(), s.getSharpe30d(), s.getWinrate30d(), s.getMaxDrawdown30dBps(),
                s.getErrorRate());
    }

    static StrategyClassLimits limits(StrategyLimits l) {
        Map<String, RegimeLimit> byRegime = new LinkedHashMap<>();
        l.getMaxCvarErrorBps().forEach((regime, limit) -> byRegime.put(regime, new RegimeLimit(limit)));
        return new StrategyClassLimits(l.getStatus() == StrategyState.DISABLED ? StrategyClassStatus.DISABLED : StrategyClassStatus.ACTIVE,
                Optional.ofNullable(l.getReason()),
                l.getMaxDrawdownBps() == null ? OptionalDouble.empty() : OptionalDouble.of(l.getMaxDrawdownBps()),
                l.getMinHitRate() == null ? OptionalDouble.empty() : OptionalDouble.of(l.getMinHitRate()),
                byRegime);
    }

    static LifecycleStatus lifecycle(AgentLifecycle status) {
        return LifecycleStatus.valueOf(status.name());
    }

    static AgentLifecycle avro(LifecycleStatus status) {
        return AgentLifecycle.valueOf(status.name());
    }

    static StrategyState avro(StrategyClassStatus status) {
        return StrategyState.valueOf(status.name());
    }

    static boolean changesAgentStatus(DecisionAction action) {
        return action == DecisionAction.KILL || action == DecisionAction.RETIRE;
    }
}
