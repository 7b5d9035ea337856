package com.metasupervisor.reporting.domain;

import com.metasupervisor.streams.check.ArgChecker;

import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code allocation/weights.json} document of an allocation (SPEC §5): each agent's weight above 0, cash, the
 * producer, the time (ISO-8601) and the bounds applied.
 */
public record AllocationDocument(Map<String, Double> allocations, double cash, String source, String timestamp,
                                 double minAllocation, double maxAllocation) {
    public AllocationDocument {
        ArgChecker.notNull(allocations, "allocations");
        allocations.forEach((agent, weight) -> {
            ArgChecker.notNull(agent, "agent");
            ArgChecker.inRange(ArgChecker.notNull(weight, "weight of " + agent), 0, 1, "weight of " + agent);
        });
        allocations = java.util.Collections.unmodifiableMap(new TreeMap<>(allocations));
        ArgChecker.inRange(cash, 0, 1, "cash");
        ArgChecker.notNull(source, "source");
        ArgChecker.notNull(timestamp, "timestamp");
    }

    /** These weights with {@code agents} at 0, their weight moved to cash (a kill or retirement takes effect). */
    public AllocationDocument without(java.util.Collection<String> agents) {
        Map<String, Double> kept = new TreeMap<>(allocations);
        double freed = 0;
        for (String agent : agents) {
            Double w = kept.remove(agent);
            freed += w == null ? 0 : w;
        }
        return new AllocationDocument(kept, Math.min(1.0, cash + freed), source, timestamp, minAllocation, maxAllocation);
    }
}
