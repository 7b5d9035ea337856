package com.metasupervisor.reporting.domain.report;

/**
 * A fact {@link ReportHistory} is fed with: what one record of an input topic says, in report terms. Sealed so the
 * history handles every kind (a new kind is a compile error there, not a silently ignored fact).
 */
public sealed interface ReportFact permits ReconciledRowFact, AllocationFact, DecisionLine, AlertLine, StrategyStatusFact,
        PolicyFact, AgentStatsFact, ProposalLine {
}
