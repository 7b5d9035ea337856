package com.metasupervisor.reporting.domain.report;

import com.metasupervisor.streams.check.ArgChecker;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** One published allocation: each agent's weight above 0 and cash, fractions of capital. */
public record AllocationPoint(Instant at, String snapshotId, Map<String, Double> weights, double cash) {
    public AllocationPoint {
        ArgChecker.notNull(at, "at");
        ArgChecker.notNull(snapshotId, "snapshotId");
        weights = java.util.Collections.unmodifiableMap(new TreeMap<>(weights));
        ArgChecker.inRange(cash, 0, 1, "cash");
    }
}
