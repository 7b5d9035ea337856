package com.metasupervisor.allocator.domain;

import com.metasupervisor.streams.check.ArgChecker;

/** The current regime, its risk multiplier in [0, 1] and where it comes from (market.regime's source, "derived", "none"). */
public record RegimeView(String regime, double multiplier, String source) {
    public RegimeView {
        ArgChecker.notBlank(regime, "regime");
        ArgChecker.inRange(multiplier, 0, 1, "multiplier");
        ArgChecker.notNull(source, "source");
    }
}
