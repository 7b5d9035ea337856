package com.metasupervisor.governance.config;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * A strategy class's attribution and breach rules (SPEC §6), keys under {@code governance.strategy-class.}.
 *
 * @param window          attribution uses the class's reconciled rows matured within this long before "now" (event time)
 * @param minCvarRows     the CVaR rule judges a regime's cvar95_shortfall_bps only with at least this many rows
 * @param minHitRateRows  the hit-rate rule judges the class only with at least this many rows in the window
 * @param maxRows         a class's window keeps at most its newest this-many rows (bounds its stored value)
 */
@ConfigurationProperties("governance.strategy-class")
public record StrategyClassSettings(
        @Bindable(defaultValue = "P30D") Duration window,
        @Bindable(defaultValue = "30") int minCvarRows,
        @Bindable(defaultValue = "30") int minHitRateRows,
        @Bindable(defaultValue = "20000") int maxRows) {

    public static final String PREFIX = "governance.strategy-class.";

    public StrategyClassSettings {
        ArgChecker.positive(window, PREFIX + "window");
        ArgChecker.positive(minCvarRows, PREFIX + "min-cvar-rows");
        ArgChecker.positive(minHitRateRows, PREFIX + "min-hit-rate-rows");
        ArgChecker.positive(maxRows, PREFIX + "max-rows");
        ArgChecker.isTrue(minHitRateRows <= maxRows, PREFIX + "min-hit-rate-rows (" + minHitRateRows + ") must be <= "
                + PREFIX + "max-rows (" + maxRows + ")");
    }

    /** 30 days, ≥ 30 rows (SPEC §6), at most 20 000 rows. */
    public static StrategyClassSettings defaults() {
        return SettingsDefaults.of(StrategyClassSettings.class);
    }
}
