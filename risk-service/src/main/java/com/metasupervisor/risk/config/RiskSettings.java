package com.metasupervisor.risk.config;

import java.util.Objects;

/**
 * The risk service's settings (keys under {@code risk.}), validated when built; every message names its key.
 *
 * @param scoringHorizonHours agent stats and divergence are computed over rows of this horizon only
 * @param cvar                CVaR by strategy × regime × horizon
 * @param stats               agent statistics windows
 * @param multiplier          confidence multiplier
 * @param divergence          divergence alerts
 */
public record RiskSettings(int scoringHorizonHours, CvarSettings cvar, AgentStatsSettings stats,
        MultiplierSettings multiplier, DivergenceSettings divergence) {

    public static final String PREFIX = "risk.";

    public RiskSettings {
        Check.positive(PREFIX + "scoring-horizon-hours", scoringHorizonHours);
        Objects.requireNonNull(cvar, PREFIX + "cvar");
        Objects.requireNonNull(stats, PREFIX + "stats");
        Objects.requireNonNull(multiplier, PREFIX + "multiplier");
        Objects.requireNonNull(divergence, PREFIX + "divergence");
        // the divergence window is the stats window: it can never hold more rows than that
        if (divergence.minRows() > stats.windowRows()) {
            throw new IllegalArgumentException(DivergenceSettings.PREFIX + "min-rows (" + divergence.minRows()
                    + ") must be <= " + AgentStatsSettings.PREFIX + "window-rows (" + stats.windowRows() + ")");
        }
    }

    /** SPEC §4 defaults: scoring horizon 24 h and the defaults of every part. */
    public static RiskSettings defaults() {
        return new RiskSettings(24, CvarSettings.defaults(), AgentStatsSettings.defaults(),
                MultiplierSettings.defaults(), DivergenceSettings.defaults());
    }
}
