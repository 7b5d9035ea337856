package com.metasupervisor.simulator;

import com.metasupervisor.simulator.fleet.Fleet;
import com.metasupervisor.simulator.fleet.SimulatedAgent;

/**
 * The simulated fleet as {@code agents/manifest.yaml} (config-repo's {@code ManifestFile} layout: agent,
 * strategy_class, status, owner). Written by hand: the ids, classes and owners are plain words that need no quoting.
 */
public final class FleetManifest {

    private FleetManifest() {
    }

    public static String yaml(Fleet fleet, long seed) {
        StringBuilder text = new StringBuilder()
                .append("# agents/manifest.yaml of the simulated fleet (seed ").append(seed).append("), written by ./ms simulate\n")
                .append("agents:\n");
        for (SimulatedAgent agent : fleet.agents()) {
            text.append("  - agent: ").append(agent.agent()).append('\n')
                    .append("    strategy_class: ").append(agent.strategyClass()).append('\n')
                    .append("    status: ").append(agent.status().name()).append('\n')
                    .append("    owner: ").append(agent.owner()).append('\n');
        }
        return text.toString();
    }
}
