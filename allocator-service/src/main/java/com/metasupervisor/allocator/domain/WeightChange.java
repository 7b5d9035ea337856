package com.metasupervisor.allocator.domain;

import com.metasupervisor.streams.check.ArgChecker;

/** One agent's weight change in a publication, and why in words. */
public record WeightChange(String agent, double from, double to, String reason) {
    public WeightChange {
        ArgChecker.notNull(agent, "agent");
        ArgChecker.notNull(reason, "reason");
    }
}
