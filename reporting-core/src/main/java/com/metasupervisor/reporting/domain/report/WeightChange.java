package com.metasupervisor.reporting.domain.report;

import com.metasupervisor.streams.check.ArgChecker;

import java.time.Instant;

/** One agent's weight change in a published allocation, with the allocator's reason in words. */
public record WeightChange(Instant at, String agent, double fromWeight, double toWeight, String reason) {
    public WeightChange {
        ArgChecker.notNull(at, "at");
        ArgChecker.notNull(agent, "agent");
        ArgChecker.inRange(fromWeight, 0, 1, "fromWeight");
        ArgChecker.inRange(toWeight, 0, 1, "toWeight");
        ArgChecker.notNull(reason, "reason");
    }
}
