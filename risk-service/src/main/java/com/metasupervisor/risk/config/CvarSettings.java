package com.metasupervisor.risk.config;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The CVaR window of one strategy × regime × horizon (SPEC §4), keys under {@code risk.cvar.}.
 *
 * @param maxRows the newest this-many rows of the key are kept
 * @param maxAge  and only those that matured less than this long before the window's clock (the task's event time)
 * @param tail    share of the worst errors averaged: k = max(1, ⌈tail · n⌉); in (0, 1)
 */
@ConfigurationProperties("risk.cvar")
public record CvarSettings(
        @Bindable(defaultValue = "2000") int maxRows,
        @Bindable(defaultValue = "P30D") Duration maxAge,
        @Bindable(defaultValue = "0.05") double tail) {

    public static final String PREFIX = "risk.cvar.";

    public CvarSettings {
        ArgChecker.positive(maxRows, PREFIX + "max-rows");
        ArgChecker.positive(maxAge, PREFIX + "max-age");
        ArgChecker.fraction(tail, PREFIX + "tail");
    }

    /** SPEC §4: the newest 2 000 rows, ≤ 30 days, worst 5 %. */
    public static CvarSettings defaults() {
        return SettingsDefaults.of(CvarSettings.class);
    }
}
