package com.metasupervisor.reporting.notify;

/** What a webhook notification is about; {@code reporting.webhook.kinds} chooses which kinds are sent. */
public enum NotificationKind {
    ALLOCATION, ALERT, DECISION
}
