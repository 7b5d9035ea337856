package com.metasupervisor.reporting.domain.report;

import com.metasupervisor.streams.check.ArgChecker;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** One published allocation: each agent's weight above 0 and cash, fractions of capital (each in [0, 1]). */
public record AllocationPoint(Instant at, String snapshotId, Map<String, Double> weights, double cash) {
    public AllocationPoint {
        ArgChecker.notNull(at, "at");
        ArgChecker.notNull(snapshotId, "snapshotId");
        weights = java.util.Collections.unmodifiableMap(new TreeMap<>(weights));
        weights.forEach((agent, weight) -> ArgChecker.fraction(ArgChecker.notNull(weight, "weight of " + agent), "weight of " + agent));
        ArgChecker.inRange(cash, 0, 1, "cash");
    }
}
