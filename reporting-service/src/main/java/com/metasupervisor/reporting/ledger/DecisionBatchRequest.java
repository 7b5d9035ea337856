package com.metasupervisor.reporting.ledger;

import com.metasupervisor.avro.ReportingKind;
import com.metasupervisor.reporting.domain.AllocationDocument;
import com.metasupervisor.reporting.domain.DecisionBatch;
import com.metasupervisor.reporting.domain.DecisionFacts;
import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.domain.report.DisabledClass;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * A debounce window's live PROMOTE / RETIRE / KILL decisions → one "Meta-Supervisor: Promotions / Retirements" pull
 * request, with what the planner knew when it closed the window: the latest allocation, the classes disabled then and
 * the open divergence alerts of the batch's agents (commented on the pull request).
 */
public record DecisionBatchRequest(List<DecisionFacts> decisions, @Nullable AllocationDocument allocation,
                                   List<DisabledClass> disabledClasses, List<AlertLine> openAlerts) implements ActionRequest {
    public DecisionBatchRequest {
        decisions = List.copyOf(decisions);
        disabledClasses = List.copyOf(disabledClasses);
        openAlerts = List.copyOf(openAlerts);
    }

    public DecisionBatch batch() {
        return new DecisionBatch(decisions);
    }

    @Override
    public String actionKey() {
        return ActionKeys.of("pr", batch().branchName());
    }

    @Override
    public ReportingKind kind() {
        return ReportingKind.PULL_REQUEST;
    }
}
