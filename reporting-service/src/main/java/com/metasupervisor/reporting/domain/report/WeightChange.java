package com.metasupervisor.reporting.domain.report;

import com.metasupervisor.streams.check.ArgChecker;

import java.time.Instant;

/** One agent's weight change in a published allocation, with the allocator's reason in words. */
public record WeightChange(Instant at, String agent, double fromWeight, double toWeight, String reason) {
    public WeightChange {
        ArgChecker.notNull(at, "at");
        ArgChecker.notNull(agent, "agent");
        ArgChecker.fraction(fromWeight, "fromWeight");
        ArgChecker.fraction(toWeight, "toWeight");
        ArgChecker.notNull(reason, "reason");
    }
}
