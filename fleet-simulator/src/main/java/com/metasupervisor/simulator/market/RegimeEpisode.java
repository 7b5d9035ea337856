package com.metasupervisor.simulator.market;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Duration;
import java.time.Instant;

/** One stretch of a regime: from {@code from} (inclusive) to {@code until} (exclusive). */
public record RegimeEpisode(Regime regime, Instant from, Instant until) {

    public RegimeEpisode {
        ArgChecker.notNull(regime, "regime");
        ArgChecker.notNull(from, "from");
        ArgChecker.notNull(until, "until");
        ArgChecker.isTrue(until.isAfter(from), "until " + until + " must be after from " + from);
    }

    public Duration length() {
        return Duration.between(from, until);
    }

    public boolean contains(Instant at) {
        return !at.isBefore(from) && at.isBefore(until);
    }
}
