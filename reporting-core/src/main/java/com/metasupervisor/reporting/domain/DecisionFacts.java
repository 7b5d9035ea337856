package com.metasupervisor.reporting.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The facts of one governance decision that a pull request or a notification shows. Subject, class, reasons and
 * metric names are untrusted text (they come from agents' names and operators' words): whoever renders them escapes.
 *
 * @param decisionId    governance's id, {@code <subject>@<decided_at millis>:<ACTION>[:dry-run]}
 * @param subject       the agent, or the class for a class decision
 * @param strategyClass the agent's class, or the class itself; null when unknown
 * @param kind          what it does
 * @param reasons       every firing rule, {@code "<rule>: <text>"}
 * @param metrics       the figures the rules used, by name, finite
 * @param decidedAt     when it was decided
 * @param regime        the market regime then; null when unknown
 * @param dryRun        decided by a rule in dry run: reported, changes nothing
 */
public record DecisionFacts(String decisionId, String subject, String strategyClass, DecisionKind kind,
                            List<String> reasons, Map<String, Double> metrics, Instant decidedAt, String regime,
                            boolean dryRun) {

    public DecisionFacts {
        ArgChecker.notBlank(decisionId, "decisionId");
        ArgChecker.notBlank(subject, "subject");
        ArgChecker.notNull(kind, "kind");
        ArgChecker.notNull(reasons, "reasons");
        ArgChecker.notNull(metrics, "metrics");
        ArgChecker.notNull(decidedAt, "decidedAt");
        reasons.forEach(r -> ArgChecker.notNull(r, "reason"));
        metrics.forEach((name, value) -> {
            ArgChecker.notNull(name, "metric name");
            ArgChecker.notNull(value, "metric " + name);
            ArgChecker.finite(value, "metric " + name);
        });
        reasons = List.copyOf(reasons);
        metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
    }

    /** A live PROMOTE, RETIRE or KILL: the decisions a promotions / retirements pull request records. */
    public boolean opensAgentPullRequest() {
        return !dryRun && (kind == DecisionKind.PROMOTE || kind == DecisionKind.RETIRE || kind == DecisionKind.KILL);
    }
}
