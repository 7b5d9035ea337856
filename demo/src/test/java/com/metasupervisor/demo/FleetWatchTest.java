package com.metasupervisor.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.avro.AgentAllocation;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.platform.SampleRecords;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetWatchTest {

    @Test
    void theFinalAllocationListsOnlyAgentsAboveZeroWithCashSourceTimeAndBounds() {
        AllocationSnapshot snapshot = SampleRecords.sample(AllocationSnapshot.class, 3);
        snapshot.setAllocations(List.of(allocation("macro_02", 0.25), allocation("arb_01", 0.0), allocation("alt_data_01", 0.15)));
        snapshot.setCash(0.6);
        snapshot.setSource("meta-supervisor allocator");
        snapshot.setAsOf(Instant.parse("2026-11-30T09:46:52.176Z"));
        snapshot.setMinAllocation(0.0);
        snapshot.setMaxAllocation(0.25);

        Map<String, Object> document = FleetWatch.weightsDocument(snapshot);

        assertThat(document).containsExactly(
                Map.entry("allocations", Map.of("alt_data_01", 0.15, "macro_02", 0.25)),
                Map.entry("cash", 0.6),
                Map.entry("source", "meta-supervisor allocator"),
                Map.entry("timestamp", "2026-11-30T09:46:52.176Z"),
                Map.entry("min_allocation", 0.0),
                Map.entry("max_allocation", 0.25));
        @SuppressWarnings("unchecked")
        Map<String, Double> weights = (Map<String, Double>) document.get("allocations");
        assertThat(weights.keySet()).containsExactly("alt_data_01", "macro_02");
    }

    private static AgentAllocation allocation(String agent, double weight) {
        AgentAllocation a = SampleRecords.sample(AgentAllocation.class, agent.hashCode());
        a.setAgent(agent);
        a.setWeight(weight);
        return a;
    }
}
