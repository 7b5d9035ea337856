package com.metasupervisor.allocator.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.util.List;
import java.util.SortedMap;

/** A policy's allocation of the fleet: every known agent's weight (with its explanation) and the cash. */
public record Allocation(PolicyName policy, SortedMap<String, AgentWeight> agents, double cash, double minAllocation,
        double maxAllocation, double minApplied, RegimeView regime, boolean guardianPaused, List<String> warnings, long asOf) {
    public Allocation {
        ArgChecker.notNull(policy, "policy");
        agents = SortedArrayMap.copyOf(ArgChecker.notNull(agents, "agents"));
        ArgChecker.inRange(cash, 0, 1, "cash");
        ArgChecker.notNull(regime, "regime");
        warnings = List.copyOf(ArgChecker.notNull(warnings, "warnings"));
    }
}
