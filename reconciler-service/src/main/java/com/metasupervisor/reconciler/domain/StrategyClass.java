package com.metasupervisor.reconciler.domain;

/** SPEC §3: the event's override, else the agent registry's class, else {@code unknown}. */
public final class StrategyClass {

    public static final String UNKNOWN = "unknown";

    private StrategyClass() {
    }

    /**
     * @param override   the event's own strategy class, or null
     * @param registered the agent registry's class of the agent, or null when the agent is not registered
     */
    public static String of(String override, String registered) {
        if (override != null && !override.isBlank()) {
            return override;
        }
        if (registered != null && !registered.isBlank()) {
            return registered;
        }
        return UNKNOWN;
    }
}
