package com.metasupervisor.risk.config;

import java.time.Duration;

/**
 * Windows of an agent's statistics (SPEC §4), keys under {@code risk.stats.}.
 *
 * @param shortWindow pnl_7d_bps
 * @param longWindow  pnl_30d_bps, winrate_30d, sharpe_30d, max_drawdown_30d_bps, error_rate; whole days,
 *                    because the Sharpe and error-rate series are bucketed by UTC day
 * @param windowRows  the newest this-many rows give avg_abs_error_bps and rmse_bps, and the divergence window
 */
public record AgentStatsSettings(Duration shortWindow, Duration longWindow, int windowRows) {

    public static final String PREFIX = "risk.stats.";

    public AgentStatsSettings {
        Check.positive(PREFIX + "short-window", shortWindow);
        Check.wholeDays(PREFIX + "long-window", longWindow);
        Check.positive(PREFIX + "window-rows", windowRows);
        // the rows of the short window are a part of those kept for the long one
        if (shortWindow.compareTo(longWindow) > 0) {
            throw new IllegalArgumentException(PREFIX + "short-window (" + shortWindow + ") must be <= "
                    + PREFIX + "long-window (" + longWindow + ")");
        }
    }

    /** SPEC §4: 7 and 30 days, newest 80 rows. */
    public static AgentStatsSettings defaults() {
        return new AgentStatsSettings(Duration.ofDays(7), Duration.ofDays(30), 80);
    }

    /** Days in the long window: the length of the daily series. */
    public int longWindowDays() {
        return Math.toIntExact(longWindow.toDays());
    }
}
