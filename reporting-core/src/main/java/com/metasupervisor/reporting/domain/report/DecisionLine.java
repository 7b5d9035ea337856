package com.metasupervisor.reporting.domain.report;

import com.metasupervisor.streams.check.ArgChecker;

import java.time.Instant;
import java.util.List;

/** A governance decision as the report lists it (action as governance names it: PROMOTE, KILL, DISABLE_CLASS, ...). */
public record DecisionLine(Instant at, String subject, String strategyClass, String action, List<String> reasons,
                           boolean dryRun, String decisionId) implements ReportFact {
    public DecisionLine {
        ArgChecker.notNull(at, "at");
        ArgChecker.notNull(subject, "subject");
        ArgChecker.notNull(action, "action");
        reasons = List.copyOf(reasons);
        ArgChecker.notNull(decisionId, "decisionId");
    }
}
