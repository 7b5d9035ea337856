package com.metasupervisor.reporting.domain.report;

import com.metasupervisor.streams.check.ArgChecker;

import java.time.Instant;
import java.util.List;

/**
 * A strategy class's status set at {@code at} (governance.strategy-status).
 *
 * @param source what set it (decision, operator, config_repo); null when not said
 * @param reasons the breach reasons (empty when ACTIVE)
 */
public record StrategyStatusFact(String strategyClass, Status status, Instant at, String source, List<String> reasons)
        implements ReportFact {

    /** The two states of a class in the kill list. */
    public enum Status { ACTIVE, DISABLED }

    public StrategyStatusFact {
        ArgChecker.notNull(strategyClass, "strategyClass");
        ArgChecker.notNull(status, "status");
        ArgChecker.notNull(at, "at");
        reasons = List.copyOf(reasons);
    }

    public boolean disabled() {
        return status == Status.DISABLED;
    }
}
