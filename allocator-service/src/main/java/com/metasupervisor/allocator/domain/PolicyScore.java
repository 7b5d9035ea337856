package com.metasupervisor.allocator.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.util.Map;

/** A policy's score of one agent: raw score, named multipliers (in order), final score ≥ 0, or a gate (nullable). */
public record PolicyScore(String agent, double rawScore, Map<String, Double> multipliers, double score, Exclusion gate) {
    public PolicyScore {
        ArgChecker.notNull(agent, "agent");
        multipliers = Factors.copyOf(multipliers);
        ArgChecker.notNegative(score, "score");
    }
}
