package com.metasupervisor.simulator.fleet;

import java.util.List;

/** SPEC §2's six strategy classes, in the order agents are dealt to them. */
public final class StrategyClasses {

    public static final List<String> ALL = List.of("arb", "funding", "macro", "sentiment", "distressed", "alt_data");

    private StrategyClasses() {
    }
}
