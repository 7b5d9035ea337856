package com.metasupervisor.allocator.topology;

import com.metasupervisor.avro.AgentAllocation;
import com.metasupervisor.avro.AllocationSnapshot;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code allocation/weights.json} form of a snapshot (SPEC §5): the agents with a weight above 0, cash, the
 * producer, the time (ISO-8601) and the bounds applied. Written to {@code allocator.weights-file} by {@link WeightsFile}
 * and answered by {@code GET /allocations/current/document}.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record WeightsDocument(Map<String, Double> allocations, double cash, String source, String timestamp,
                              double minAllocation, double maxAllocation) {

    public static WeightsDocument of(AllocationSnapshot s) {
        Map<String, Double> weights = new TreeMap<>();
        for (AgentAllocation a : s.getAllocations()) {
            if (a.getWeight() > 0) {
                weights.put(a.getAgent(), a.getWeight());
            }
        }
        return new WeightsDocument(weights, s.getCash(), s.getSource(), s.getAsOf().toString(), s.getMinAllocation(),
                s.getMaxAllocation());
    }
}
