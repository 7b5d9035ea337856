package com.metasupervisor.reporting.notify;

/** What a webhook notification is about (PROPOSAL: a promotion-loop proposal on governance.proposals); {@code reporting.webhook.kinds} chooses which kinds are sent. */
public enum NotificationKind {
    ALLOCATION, ALERT, DECISION, PROPOSAL
}
