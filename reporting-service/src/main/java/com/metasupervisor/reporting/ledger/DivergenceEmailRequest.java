package com.metasupervisor.reporting.ledger;

import com.metasupervisor.avro.ReportingKind;
import com.metasupervisor.reporting.domain.report.AlertLine;

/** "DIVERGENCE ALERT: <agent>" for an OPENED or ESCALATED alert. */
public record DivergenceEmailRequest(AlertLine alert) implements ActionRequest {
    @Override
    public String actionKey() {
        return ActionKeys.of("email", "alert", alert.alertId(), alert.transition());
    }

    @Override
    public ReportingKind kind() {
        return ReportingKind.EMAIL;
    }
}
