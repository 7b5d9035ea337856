package com.metasupervisor.reporting.ledger;

import com.metasupervisor.avro.ReportingKind;
import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.domain.report.DecisionLine;
import com.metasupervisor.reporting.domain.report.Reallocation;
import io.micronaut.core.annotation.Nullable;

/** One notification to the webhook: exactly one of a decision, an alert transition or a reallocation. */
public record WebhookRequest(@Nullable DecisionLine decision, @Nullable AlertLine alert,
                             @Nullable Reallocation reallocation) implements ActionRequest {
    public WebhookRequest {
        int set = (decision == null ? 0 : 1) + (alert == null ? 0 : 1) + (reallocation == null ? 0 : 1);
        if (set != 1) {
            throw new IllegalArgumentException("a webhook request carries exactly one of decision, alert, reallocation");
        }
    }

    @Override
    public String actionKey() {
        if (decision != null) {
            return ActionKeys.of("webhook", "decision", decision.decisionId());
        }
        if (alert != null) {
            return ActionKeys.of("webhook", "alert", alert.alertId(), alert.transition());
        }
        return ActionKeys.of("webhook", "allocation", reallocation.snapshotId());
    }

    @Override
    public ReportingKind kind() {
        return ReportingKind.WEBHOOK;
    }
}
