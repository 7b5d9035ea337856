package com.metasupervisor.demo.score;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Instant;
import java.util.List;

/**
 * A governance decision as the demo read it from {@code governance.decisions}: when, on what (an agent or a strategy
 * class), the action (PROMOTE, RETIRE, KILL, HOLD, DISABLE_CLASS, ENABLE_CLASS), whether it was a dry run, and its reasons.
 */
public record ObservedDecision(Instant at, String subject, String subjectKind, String action, boolean dryRun, List<String> reasons) {

    public static final String AGENT = "AGENT";
    public static final String STRATEGY_CLASS = "STRATEGY_CLASS";

    public ObservedDecision {
        ArgChecker.notNull(at, "at");
        ArgChecker.notBlank(subject, "subject");
        ArgChecker.notBlank(action, "action");
        ArgChecker.isTrue(AGENT.equals(subjectKind) || STRATEGY_CLASS.equals(subjectKind),
                "subjectKind must be AGENT or STRATEGY_CLASS, was " + subjectKind);
        reasons = List.copyOf(ArgChecker.notNull(reasons, "reasons"));
    }

    /** A decision that changed something: not a dry run. */
    boolean live() {
        return !dryRun;
    }

    boolean is(String kind, String action, String subject) {
        return subjectKind.equals(kind) && this.action.equals(action) && this.subject.equals(subject);
    }
}
