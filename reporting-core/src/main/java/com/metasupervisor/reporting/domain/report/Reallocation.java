package com.metasupervisor.reporting.domain.report;

import com.metasupervisor.streams.check.ArgChecker;

import java.time.Instant;
import java.util.List;

/**
 * A published allocation that changed weights: what ops are told (SPEC §7 notifications: the changes and their
 * reasons).
 *
 * @param reasonForPublish the allocator's reason for publishing (e.g. "risk reduction: kill")
 * @param turnover         Σ|Δw| / 2 of this publish
 */
public record Reallocation(String snapshotId, Instant at, String policy, String regime, double turnover,
                           String reasonForPublish, double cash, List<WeightChange> changes) {
    public Reallocation {
        ArgChecker.notNull(snapshotId, "snapshotId");
        ArgChecker.notNull(at, "at");
        ArgChecker.finite(turnover, "turnover");
        changes = List.copyOf(changes);
    }
}
