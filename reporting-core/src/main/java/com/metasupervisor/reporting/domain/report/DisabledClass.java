package com.metasupervisor.reporting.domain.report;

import com.metasupervisor.streams.check.ArgChecker;

import java.time.Instant;

/** A strategy class disabled (governance.strategy-status), since when, by whom (source) and why. */
public record DisabledClass(String strategyClass, Instant since, String source, String reason) {
    public DisabledClass {
        ArgChecker.notNull(strategyClass, "strategyClass");
        ArgChecker.notNull(since, "since");
    }
}
