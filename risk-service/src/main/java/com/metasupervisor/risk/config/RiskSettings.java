package com.metasupervisor.risk.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The risk service's settings (keys under {@code risk.}), validated when built; every message names its key.
 *
 * @param scoringHorizonHours agent stats and divergence are computed over rows of this horizon only
 * @param refreshInterval     every window (agent, CVaR key) is moved to the task's event time this often (stream
 *                            time; wall-clock time while the task receives nothing), so figures age without
 *                            new rows of their own: a silent agent's multiplier decays, a dormant regime's CVaR
 *                            window empties
 * @param cvar                CVaR by strategy × regime × horizon
 * @param stats               agent statistics windows
 * @param multiplier          confidence multiplier
 * @param divergence          divergence alerts
 */
public record RiskSettings(int scoringHorizonHours, Duration refreshInterval, CvarSettings cvar, AgentStatsSettings stats,
        MultiplierSettings multiplier, DivergenceSettings divergence) {

    public static final String PREFIX = "risk.";

    public RiskSettings {
        Check.positive(PREFIX + "scoring-horizon-hours", scoringHorizonHours);
        Check.positive(PREFIX + "refresh-interval", refreshInterval);
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

    /** SPEC §4 defaults: scoring horizon 24 h, hourly refresh and the defaults of every part. */
    public static RiskSettings defaults() {
        return new RiskSettings(24, Duration.ofHours(1), CvarSettings.defaults(), AgentStatsSettings.defaults(),
                MultiplierSettings.defaults(), DivergenceSettings.defaults());
    }
}
