package com.metasupervisor.allocator.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.util.Map;

/** One agent's place in an allocation (target or published). */
public record AgentWeight(String agent, String strategyClass, Lifecycle status, double weight, Double targetWeight,
        Double previousWeight, Double rawScore, Map<String, Double> multipliers, Bound bound, boolean hysteresisHeld,
        Exclusion exclusion, String explanation) {
    public AgentWeight {
        ArgChecker.notNull(agent, "agent");
        ArgChecker.inRange(weight, 0, 1, "weight");
        multipliers = Factors.copyOf(multipliers);
        ArgChecker.notNull(bound, "bound");
        ArgChecker.notNull(explanation, "explanation");
    }
}
