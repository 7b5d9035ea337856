package com.metasupervisor.reporting.domain.report;

import com.metasupervisor.streams.check.ArgChecker;

import java.util.List;

/** A published allocation (allocations) with the weight changes it made, each dated at the allocation. */
public record AllocationFact(AllocationPoint point, List<WeightChange> changes) implements ReportFact {
    public AllocationFact {
        ArgChecker.notNull(point, "point");
        changes = List.copyOf(changes);
    }
}
