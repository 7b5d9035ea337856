package com.metasupervisor.risk.config;

import java.time.Duration;

/**
 * The CVaR window of one strategy × regime × horizon (SPEC §4), keys under {@code risk.cvar.}.
 *
 * @param maxRows the newest this-many rows of the key are kept
 * @param maxAge  and only those that matured less than this long before the window's clock (the task's event time)
 * @param tail    share of the worst errors averaged: k = max(1, ⌈tail · n⌉)
 */
public record CvarSettings(int maxRows, Duration maxAge, double tail) {

    public static final String PREFIX = "risk.cvar.";

    public CvarSettings {
        Check.positive(PREFIX + "max-rows", maxRows);
        Check.positive(PREFIX + "max-age", maxAge);
        Check.fraction(PREFIX + "tail", tail);
    }

    /** SPEC §4: the newest 2 000 rows, ≤ 30 days, worst 5 %. */
    public static CvarSettings defaults() {
        return new CvarSettings(2_000, Duration.ofDays(30), 0.05);
    }
}
