package com.metasupervisor.simulator.fleet;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Duration;

/**
 * One agent of the simulated fleet.
 *
 * @param skill        probability that its call's direction matches the symbol's move over the judged horizon (for a
 *                     DRIFTING agent the skill before the drift, for a BROKEN_CLASS agent outside CRISIS)
 * @param callInterval mean time between two of its calls
 */
public record SimulatedAgent(String agent, String strategyClass, StartingStatus status, String owner, AgentRole role,
                             double skill, Duration callInterval) {

    public SimulatedAgent {
        ArgChecker.notBlank(agent, "agent");
        ArgChecker.notBlank(strategyClass, "strategyClass");
        ArgChecker.notNull(status, "status");
        ArgChecker.notBlank(owner, "owner");
        ArgChecker.notNull(role, "role");
        ArgChecker.inRange(skill, 0, 1, "skill");
        ArgChecker.positive(callInterval, "callInterval");
    }
}
