package com.metasupervisor.reconciler.domain;

import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.AlphaEvent;

/** SPEC §3: the event's override, else the agent registry's class, else {@code unknown}. */
public final class StrategyClass {

    public static final String UNKNOWN = "unknown";

    private StrategyClass() {
    }

    public static String of(AlphaEvent event, AgentManifest registered) {
        String override = event.getStrategyClass();
        if (override != null && !override.isBlank()) {
            return override;
        }
        if (registered != null && registered.getStrategyClass() != null && !registered.getStrategyClass().isBlank()) {
            return registered.getStrategyClass();
        }
        return UNKNOWN;
    }
}
