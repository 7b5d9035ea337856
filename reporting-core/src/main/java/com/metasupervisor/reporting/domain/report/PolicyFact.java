package com.metasupervisor.reporting.domain.report;

import com.metasupervisor.streams.check.ArgChecker;

import java.time.Instant;

/** A policy's paper results (allocations.shadow) as computed at {@code updatedAt}: the newest per policy is reported. */
public record PolicyFact(PolicyLine line, Instant updatedAt) implements ReportFact {
    public PolicyFact {
        ArgChecker.notNull(line, "line");
        ArgChecker.notNull(updatedAt, "updatedAt");
    }
}
