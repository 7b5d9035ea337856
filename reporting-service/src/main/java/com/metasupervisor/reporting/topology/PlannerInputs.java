package com.metasupervisor.reporting.topology;

import com.metasupervisor.avro.AgentAllocation;
import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AlertSubjectKind;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.avro.DecisionSubjectKind;
import com.metasupervisor.avro.GovernanceAction;
import com.metasupervisor.avro.GovernanceDecision;
import com.metasupervisor.avro.PromotionProposal;
import com.metasupervisor.avro.StrategyState;
import com.metasupervisor.avro.StrategyStatus;
import com.metasupervisor.reporting.domain.AllocationDocument;
import com.metasupervisor.reporting.domain.DecisionFacts;
import com.metasupervisor.reporting.domain.DecisionKind;
import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.domain.report.DecisionLine;
import com.metasupervisor.reporting.domain.report.DisabledClass;
import com.metasupervisor.reporting.domain.report.ProposalFacts;
import com.metasupervisor.reporting.domain.report.Reallocation;
import com.metasupervisor.reporting.feed.ReportFacts;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The planner's inputs (Avro) as the reporting domain reads them: the report's lines through the feed's
 * {@link ReportFacts}, the pull requests' facts (decision, weights.json, disabled class) here. Each mapping throws
 * IllegalArgumentException for a record the domain refuses (a NaN metric, a weight outside [0, 1]): the planner skips
 * it and counts it.
 */
final class PlannerInputs {

    /** How risk-service marks an alert about an agent's divergence from its simulation (Alert.kind). */
    static final String DIVERGENCE = "DIVERGENCE";

    private PlannerInputs() {
    }

    static DecisionFacts decisionFacts(GovernanceDecision d) {
        return new DecisionFacts(d.getDecisionId(), d.getAgent(), d.getStrategyClass(), DecisionKind.valueOf(d.getAction().name()),
                d.getReasons(), d.getMetrics(), d.getDecidedAt(), d.getRegime(), d.getDryRun());
    }

    /** A live PROMOTE / RETIRE / KILL of an agent: what a debounce window gathers. */
    static boolean batched(GovernanceDecision d) {
        return d.getSubjectKind() == DecisionSubjectKind.AGENT && decisionFacts(d).opensAgentPullRequest();
    }

    /** Governance's rule for a class the kill list itself marks DISABLED (its reasons start "class_listed_disabled:"). */
    static final String LISTED_DISABLED_RULE = "class_listed_disabled";

    /**
     * A live DISABLE_CLASS that the base branch does not already say: its own pull request, at once. A class disabled
     * only because the kill list marks it DISABLED needs no pull request (there is nothing to propose; on a first
     * start every such class would open one).
     */
    static boolean disablesClass(GovernanceDecision d) {
        return d.getAction() == GovernanceAction.DISABLE_CLASS && !d.getDryRun()
                && !d.getReasons().stream().allMatch(r -> r.startsWith(LISTED_DISABLED_RULE + ":"));
    }

    /** Every decision that changes (or, in dry run, would change) something is notified; HOLD is not. */
    static boolean notified(GovernanceDecision d) {
        return d.getAction() != GovernanceAction.HOLD;
    }

    static DecisionLine decisionLine(GovernanceDecision d) {
        return ReportFacts.decision(d);
    }

    /** An agent's divergence alert (risk-service), as opposed to a feed gap or a class alert. */
    static boolean divergence(Alert a) {
        return a.getSubjectKind() == AlertSubjectKind.AGENT && DIVERGENCE.equals(a.getKind());
    }

    static AlertLine alertLine(Alert a) {
        return ReportFacts.alert(a);
    }

    /**
     * The allocation/weights.json document of a snapshot: agents above 0 only. A snapshot naming an agent twice is
     * refused (skipped and counted, like a NaN): the feed's {@code ReportFacts.allocation} sums such entries while a
     * map here would keep the last, so the report and the pull request would disagree without a word; the allocator
     * writes each agent once, so such a snapshot is broken anyway.
     */
    static AllocationDocument allocationDocument(AllocationSnapshot s) {
        Map<String, Double> weights = new LinkedHashMap<>();
        Set<String> agents = new HashSet<>();
        for (AgentAllocation a : s.getAllocations()) {
            if (!agents.add(a.getAgent())) {
                throw new IllegalArgumentException("allocations snapshot " + s.getSnapshotId() + " names agent "
                        + a.getAgent() + " more than once");
            }
            if (a.getWeight() > 0) {
                weights.put(a.getAgent(), a.getWeight());
            }
        }
        return new AllocationDocument(weights, s.getCash(), s.getSource(), s.getAsOf().toString(), s.getMinAllocation(),
                s.getMaxAllocation());
    }

    static Reallocation reallocation(AllocationSnapshot s) {
        return new Reallocation(s.getSnapshotId(), s.getAsOf(), s.getPolicy(), s.getRegime(), s.getTurnover(),
                s.getReasonForPublish(), s.getCash(), ReportFacts.allocation(s).changes());
    }

    /** The class's agents as the allocation knows them (their strategy_class); empty without an allocation. */
    static List<String> agentsOfClass(AllocationSnapshot s, String strategyClass) {
        return s == null ? List.of() : s.getAllocations().stream()
                .filter(a -> strategyClass.equals(a.getStrategyClass())).map(AgentAllocation::getAgent).toList();
    }

    /** A promotion-loop proposal with each patch it evaluated (the feed's mapping, so the report counts alike). */
    static ProposalFacts proposalFacts(PromotionProposal p) {
        return ReportFacts.proposalFacts(p);
    }

    static boolean disabled(StrategyStatus s) {
        return s.getStatus() == StrategyState.DISABLED;
    }

    /** A DISABLED class as the pull request's kill list records it: since, source and reasons (joined). */
    static DisabledClass disabledClass(StrategyStatus s) {
        return new DisabledClass(s.getStrategyClass(), s.getUpdatedAt(), s.getSource(),
                s.getReasons().isEmpty() ? null : String.join("; ", s.getReasons()));
    }
}
