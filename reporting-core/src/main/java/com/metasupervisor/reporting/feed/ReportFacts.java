package com.metasupervisor.reporting.feed;

import com.metasupervisor.avro.AgentAllocation;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AllocationChange;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.avro.GovernanceDecision;
import com.metasupervisor.avro.PatchEvaluation;
import com.metasupervisor.avro.PolicyLedger;
import com.metasupervisor.avro.PromotionProposal;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.avro.StrategyState;
import com.metasupervisor.avro.StrategyStatus;
import com.metasupervisor.reporting.domain.report.AgentStatsFact;
import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.domain.report.AllocationFact;
import com.metasupervisor.reporting.domain.report.AllocationPoint;
import com.metasupervisor.reporting.domain.report.DecisionLine;
import com.metasupervisor.reporting.domain.report.PolicyFact;
import com.metasupervisor.reporting.domain.report.PolicyLine;
import com.metasupervisor.reporting.domain.report.ProposalFacts;
import com.metasupervisor.reporting.domain.report.ProposalLine;
import com.metasupervisor.reporting.domain.report.ReconciledRowFact;
import com.metasupervisor.reporting.domain.report.ReportFact;
import com.metasupervisor.reporting.domain.report.StrategyStatusFact;
import com.metasupervisor.reporting.domain.report.WeightChange;
import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * What each input record says in report terms (Avro → {@link ReportFact}). One method per topic's value type; a
 * record the report model refuses (a weight outside [0, 1], a missing id) throws {@link IllegalArgumentException},
 * which the feed counts and skips. Text is carried as given (untrusted: the renderers make it safe).
 */
public final class ReportFacts {

    /**
     * The topics the report data is read from, each with its value type. governance.proposals is a delete-policy topic:
     * read from the period's start like decisions and alerts.
     */
    public static final List<Topic<? extends SpecificRecord>> TOPICS = List.of(Topics.ALPHA_RECONCILED, Topics.ALLOCATIONS,
            Topics.ALLOCATIONS_SHADOW, Topics.GOVERNANCE_DECISIONS, Topics.GOVERNANCE_STRATEGY_STATUS, Topics.ALERTS,
            Topics.RISK_AGENT_STATS, Topics.GOVERNANCE_PROPOSALS);

    private ReportFacts() {
    }

    public static ReconciledRowFact row(ReconciledAlpha row) {
        return new ReconciledRowFact(row.getAgent(), row.getStrategyClass(), row.getHorizonHours(), row.getMaturedAt(),
                row.getRealizedPnlBps(), row.getHit());
    }

    /** The snapshot's weights above 0 (as {@code weights.json} lists them) and its changes, all dated {@code as_of}. */
    public static AllocationFact allocation(AllocationSnapshot snapshot) {
        Map<String, Double> weights = new HashMap<>();
        for (AgentAllocation a : snapshot.getAllocations()) {
            if (a.getWeight() > 0) {
                weights.merge(a.getAgent(), a.getWeight(), Double::sum);
            }
        }
        List<WeightChange> changes = snapshot.getChanges().stream()
                .map((AllocationChange c) -> new WeightChange(snapshot.getAsOf(), c.getAgent(), c.getFromWeight(),
                        c.getToWeight(), c.getReason()))
                .toList();
        return new AllocationFact(new AllocationPoint(snapshot.getAsOf(), snapshot.getSnapshotId(), weights,
                snapshot.getCash()), changes);
    }

    public static PolicyFact policy(PolicyLedger ledger) {
        return new PolicyFact(new PolicyLine(ledger.getPolicy(), ledger.getActive(), ledger.getCumulativePnlBps(),
                ledger.getSharpe(), ledger.getMaxDrawdownBps(), ledger.getTurnover(), ledger.getWeightChanges(),
                ledger.getRows(), ledger.getDays()), ledger.getUpdatedAt());
    }

    /** The decision as governance names its action (PROMOTE, KILL, DISABLE_CLASS, ...); subject = agent or class. */
    public static DecisionLine decision(GovernanceDecision decision) {
        return new DecisionLine(decision.getDecidedAt(), decision.getAgent(), decision.getStrategyClass(),
                decision.getAction().name(), decision.getReasons(), decision.getDryRun(), decision.getDecisionId());
    }

    public static StrategyStatusFact strategyStatus(StrategyStatus status) {
        return new StrategyStatusFact(status.getStrategyClass(), status.getStatus() == StrategyState.DISABLED
                ? StrategyStatusFact.Status.DISABLED : StrategyStatusFact.Status.ACTIVE, status.getUpdatedAt(),
                status.getSource(), status.getReasons());
    }

    public static AlertLine alert(Alert alert) {
        return new AlertLine(alert.getAt(), alert.getAlertId(), alert.getSubject(), alert.getTransition().name(),
                alert.getSeverity().name(), alert.getMessage());
    }

    public static AgentStatsFact agentStats(AgentStats stats) {
        return new AgentStatsFact(stats.getAgent(), stats.getStrategyClass(), stats.getHorizonHours(), stats.getSharpe30d(),
                stats.getUpdatedAt());
    }

    /** A promotion-loop proposal with each patch it evaluated (decisions and modes as the loop names them). */
    public static ProposalFacts proposalFacts(PromotionProposal proposal) {
        List<ProposalFacts.Patch> patches = proposal.getItems().stream()
                .map((PatchEvaluation p) -> new ProposalFacts.Patch(p.getPatchId(), p.getTarget(), p.getDecision().name(),
                        p.getReasons(), p.getOldValue(), p.getNewValue(), p.getAppliedValue()))
                .toList();
        return new ProposalFacts(proposal.getCreatedAt(), proposal.getProposalId(), proposal.getMode().name(), patches,
                proposal.getOutputPath());
    }

    /** A promotion-loop proposal as the weekly report lists it: its patches counted per decision. */
    public static ProposalLine proposal(PromotionProposal proposal) {
        return proposalFacts(proposal).toLine();
    }

    /** The fact of a record of one of {@link #TOPICS}; empty for a tombstone or a value of another type. */
    public static Optional<ReportFact> of(SpecificRecord value) {
        return Optional.ofNullable(switch (value) {
            case null -> null;
            case ReconciledAlpha v -> row(v);
            case AllocationSnapshot v -> allocation(v);
            case PolicyLedger v -> policy(v);
            case GovernanceDecision v -> decision(v);
            case StrategyStatus v -> strategyStatus(v);
            case Alert v -> alert(v);
            case AgentStats v -> agentStats(v);
            case PromotionProposal v -> proposal(v);
            default -> null;
        });
    }
}
