package com.metasupervisor.reporting.domain.report;

import com.metasupervisor.streams.check.ArgChecker;

import java.time.Instant;

/** An alert transition (OPENED, ESCALATED, RESOLVED, ...) as the report and the e-mails show it. */
public record AlertLine(Instant at, String alertId, String subject, String transition, String severity,
                        String message) implements ReportFact {
    public AlertLine {
        ArgChecker.notNull(at, "at");
        ArgChecker.notNull(alertId, "alertId");
        ArgChecker.notNull(subject, "subject");
        ArgChecker.notNull(transition, "transition");
    }
}
