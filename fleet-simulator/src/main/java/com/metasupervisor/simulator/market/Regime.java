package com.metasupervisor.simulator.market;

/** The market regimes an agent labels its calls with (SPEC §2's AlphaEvent.regime). */
public enum Regime {
    TREND, RANGE, CRISIS
}
