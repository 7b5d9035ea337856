package com.metasupervisor.reporting.ledger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.metasupervisor.avro.ReportingKind;
import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.domain.report.DecisionLine;
import com.metasupervisor.reporting.domain.report.ProposalFacts;
import com.metasupervisor.reporting.domain.report.Reallocation;
import io.micronaut.core.annotation.Nullable;

/**
 * One notification to the webhook: exactly one of a decision, an alert transition, a reallocation or a promotion-loop
 * proposal. A ledger record written before proposals existed has no {@code proposal} property: it reads as null.
 */
public record WebhookRequest(@Nullable DecisionLine decision, @Nullable AlertLine alert,
                             @Nullable Reallocation reallocation, @Nullable ProposalFacts proposal) implements ActionRequest {
    @JsonCreator
    public WebhookRequest {
        int set = (decision == null ? 0 : 1) + (alert == null ? 0 : 1) + (reallocation == null ? 0 : 1)
                + (proposal == null ? 0 : 1);
        if (set != 1) {
            throw new IllegalArgumentException(
                    "a webhook request carries exactly one of decision, alert, reallocation, proposal");
        }
    }

    /** A decision, alert or reallocation notification (no proposal). */
    public WebhookRequest(@Nullable DecisionLine decision, @Nullable AlertLine alert, @Nullable Reallocation reallocation) {
        this(decision, alert, reallocation, null);
    }

    /** A promotion-loop proposal notification. */
    public static WebhookRequest of(ProposalFacts proposal) {
        return new WebhookRequest(null, null, null, proposal);
    }

    @Override
    public String actionKey() {
        if (decision != null) {
            return ActionKeys.of("webhook", "decision", decision.decisionId());
        }
        if (alert != null) {
            return ActionKeys.of("webhook", "alert", alert.alertId(), alert.transition());
        }
        if (proposal != null) {
            return ActionKeys.of("webhook", "proposal", proposal.proposalId());
        }
        return ActionKeys.of("webhook", "allocation", reallocation.snapshotId());
    }

    @Override
    public ReportingKind kind() {
        return ReportingKind.WEBHOOK;
    }
}
