package com.metasupervisor.reporting.ledger;

import com.metasupervisor.avro.ReportingKind;
import com.metasupervisor.reporting.domain.report.AlertLine;

/** A divergence alert of an agent whose pull request is open → a comment on that pull request (its head branch). */
public record PrCommentRequest(String branch, AlertLine alert) implements ActionRequest {
    @Override
    public String actionKey() {
        return ActionKeys.of("comment", branch, alert.alertId(), alert.transition());
    }

    @Override
    public ReportingKind kind() {
        return ReportingKind.PR_COMMENT;
    }
}
