package com.metasupervisor.allocator.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.util.List;

/** What a policy publishes: the allocation (weights after the publish rule), why, changes and turnover. */
public record Publication(Allocation allocation, String reason, List<WeightChange> changes, double turnover) {
    public Publication {
        ArgChecker.notNull(allocation, "allocation");
        ArgChecker.notBlank(reason, "reason");
        changes = List.copyOf(ArgChecker.notNull(changes, "changes"));
        ArgChecker.notNegative(turnover, "turnover");
    }
}
