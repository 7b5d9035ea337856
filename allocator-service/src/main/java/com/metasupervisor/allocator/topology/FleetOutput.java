package com.metasupervisor.allocator.topology;

import com.metasupervisor.avro.AgentAllocation;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.avro.PolicyLedger;

/** What the fleet processor publishes, split by kind onto allocations, allocations.by-agent and allocations.shadow. */
sealed interface FleetOutput {

    record Snapshot(AllocationSnapshot value) implements FleetOutput {
    }

    /** One agent's record; null value: the agent left the fleet (a tombstone on the compacted topic). */
    record ByAgent(AgentAllocation value) implements FleetOutput {
    }

    record Ledger(PolicyLedger value) implements FleetOutput {
    }
}
