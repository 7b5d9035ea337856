package com.metasupervisor.risk.config;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The risk service's settings (keys under {@code risk.}), bound from the configuration (each default written once,
 * on its component) and validated when built; every message names its key.
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
@ConfigurationProperties("risk")
public record RiskSettings(
        @Bindable(defaultValue = "24") int scoringHorizonHours,
        @Bindable(defaultValue = "PT1H") Duration refreshInterval,
        CvarSettings cvar,
        AgentStatsSettings stats,
        MultiplierSettings multiplier,
        DivergenceSettings divergence) {

    public static final String PREFIX = "risk.";

    public RiskSettings {
        ArgChecker.positive(scoringHorizonHours, PREFIX + "scoring-horizon-hours");
        ArgChecker.positive(refreshInterval, PREFIX + "refresh-interval");
        ArgChecker.notNull(cvar, PREFIX + "cvar");
        ArgChecker.notNull(stats, PREFIX + "stats");
        ArgChecker.notNull(multiplier, PREFIX + "multiplier");
        ArgChecker.notNull(divergence, PREFIX + "divergence");
        // the divergence window is the stats window: it can never hold more rows than that
        ArgChecker.isTrue(divergence.minRows() <= stats.windowRows(), DivergenceSettings.PREFIX + "min-rows ("
                + divergence.minRows() + ") must be <= " + AgentStatsSettings.PREFIX + "window-rows (" + stats.windowRows() + ")");
    }

    /** SPEC §4 defaults: scoring horizon 24 h, hourly refresh and the defaults of every part. */
    public static RiskSettings defaults() {
        return SettingsDefaults.of(RiskSettings.class);
    }
}
