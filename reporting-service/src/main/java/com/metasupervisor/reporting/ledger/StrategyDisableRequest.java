package com.metasupervisor.reporting.ledger;

import com.metasupervisor.avro.ReportingKind;
import com.metasupervisor.reporting.domain.AllocationDocument;
import com.metasupervisor.reporting.domain.DecisionFacts;
import com.metasupervisor.reporting.domain.StrategyDisableDraft;
import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.domain.report.DisabledClass;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/** A live DISABLE_CLASS decision → one "[AUTO] Disable strategy: <class>" pull request (planned at once, no debounce). */
public record StrategyDisableRequest(DecisionFacts decision, @Nullable AllocationDocument allocation,
                                     List<DisabledClass> disabledClasses, List<AlertLine> openAlerts) implements ActionRequest {
    public StrategyDisableRequest {
        disabledClasses = List.copyOf(disabledClasses);
        openAlerts = List.copyOf(openAlerts);
    }

    public StrategyDisableDraft draft() {
        return new StrategyDisableDraft(decision);
    }

    @Override
    public String actionKey() {
        return ActionKeys.of("pr", draft().branchName());
    }

    @Override
    public ReportingKind kind() {
        return ReportingKind.PULL_REQUEST;
    }
}
