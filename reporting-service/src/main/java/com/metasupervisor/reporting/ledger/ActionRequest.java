package com.metasupervisor.reporting.ledger;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.metasupervisor.avro.ReportingKind;

/**
 * What one reporting action does, carried as JSON in its {@code reporting.ledger} STARTED record (the outbox): the
 * planner fixes it in the transaction that decided it, the executor performs exactly it, again after a crash.
 * {@link #actionKey()} is derived from the content, so the same action planned twice has one key.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = DecisionBatchRequest.class, name = "decision-batch"),
        @JsonSubTypes.Type(value = StrategyDisableRequest.class, name = "strategy-disable"),
        @JsonSubTypes.Type(value = PrCommentRequest.class, name = "pr-comment"),
        @JsonSubTypes.Type(value = DivergenceEmailRequest.class, name = "divergence-email"),
        @JsonSubTypes.Type(value = DailySummaryRequest.class, name = "daily-summary"),
        @JsonSubTypes.Type(value = WeeklyReportRequest.class, name = "weekly-report"),
        @JsonSubTypes.Type(value = WebhookRequest.class, name = "webhook")})
public sealed interface ActionRequest permits DecisionBatchRequest, StrategyDisableRequest, PrCommentRequest,
        DivergenceEmailRequest, DailySummaryRequest, WeeklyReportRequest, WebhookRequest {

    /** The ledger key: stable for the same content (see {@link ActionKeys}). */
    String actionKey();

    /** Which kind of external action it is. */
    ReportingKind kind();
}
