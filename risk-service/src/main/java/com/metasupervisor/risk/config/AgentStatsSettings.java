package com.metasupervisor.risk.config;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Windows of an agent's statistics (SPEC §4), keys under {@code risk.stats.}.
 *
 * @param shortWindow pnl_7d_bps; at most long-window
 * @param longWindow  pnl_30d_bps, winrate_30d, sharpe_30d, max_drawdown_30d_bps, error_rate; whole days,
 *                    because the Sharpe and error-rate series are bucketed by UTC day
 * @param windowRows  the newest this-many rows give avg_abs_error_bps and rmse_bps, and the divergence window
 */
@ConfigurationProperties("risk.stats")
public record AgentStatsSettings(
        @Bindable(defaultValue = "P7D") Duration shortWindow,
        @Bindable(defaultValue = "P30D") Duration longWindow,
        @Bindable(defaultValue = "80") int windowRows) {

    public static final String PREFIX = "risk.stats.";

    public AgentStatsSettings {
        ArgChecker.positive(shortWindow, PREFIX + "short-window");
        ArgChecker.wholeDays(longWindow, PREFIX + "long-window");
        ArgChecker.positive(windowRows, PREFIX + "window-rows");
        // the rows of the short window are a part of those kept for the long one
        ArgChecker.isTrue(shortWindow.compareTo(longWindow) <= 0, PREFIX + "short-window (" + shortWindow + ") must be <= "
                + PREFIX + "long-window (" + longWindow + ")");
    }

    /** SPEC §4: 7 and 30 days, newest 80 rows. */
    public static AgentStatsSettings defaults() {
        return SettingsDefaults.of(AgentStatsSettings.class);
    }

    /** Days in the long window: the length of the daily series. */
    public int longWindowDays() {
        return Math.toIntExact(longWindow.toDays());
    }
}
