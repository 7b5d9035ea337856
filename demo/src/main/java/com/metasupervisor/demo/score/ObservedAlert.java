package com.metasupervisor.demo.score;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Instant;

/** One transition of an alert as the demo read it from {@code alerts}: when, its id, subject, kind (e.g. DIVERGENCE) and transition (OPENED, ESCALATED, RESOLVED). */
public record ObservedAlert(Instant at, String alertId, String subject, String kind, String transition) {

    public static final String DIVERGENCE = "DIVERGENCE";
    public static final String RESOLVED = "RESOLVED";

    public ObservedAlert {
        ArgChecker.notNull(at, "at");
        ArgChecker.notBlank(alertId, "alertId");
        ArgChecker.notBlank(subject, "subject");
        ArgChecker.notBlank(kind, "kind");
        ArgChecker.notBlank(transition, "transition");
    }
}
