package com.metasupervisor.simulator;

import com.metasupervisor.simulator.fleet.FleetSettings;
import com.metasupervisor.simulator.fleet.Scenarios;
import com.metasupervisor.simulator.market.MarketSettings;
import com.metasupervisor.streams.check.ArgChecker;
import java.time.Duration;
import java.time.Instant;

/**
 * Everything a run depends on: the same spec gives the same events, bit for bit.
 *
 * @param start the first tick's time; the run covers [start, start + days)
 * @param tick  the time between two prices of a symbol
 */
public record SimulationSpec(long seed, int days, Instant start, Duration tick, MarketSettings market, FleetSettings fleet,
                             Scenarios scenarios) {

    public SimulationSpec {
        ArgChecker.positive(days, "days");
        ArgChecker.notNull(start, "start");
        ArgChecker.positive(tick, "tick");
        ArgChecker.isTrue(Duration.ofDays(1).toMillis() % tick.toMillis() == 0, "tick " + tick + " must divide a day");
        ArgChecker.notNull(market, "market");
        ArgChecker.notNull(fleet, "fleet");
        ArgChecker.notNull(scenarios, "scenarios");
    }

    /** The demo's market, fleet and scenarios for {@code agents} agents over {@code days}. */
    public static SimulationSpec of(long seed, int days, int agents, Instant start, Duration tick) {
        return new SimulationSpec(seed, days, start, tick, MarketSettings.defaults(), FleetSettings.defaults(agents),
                Scenarios.defaults(days));
    }

    /** The start of a run of {@code days} that ends at or before {@code now}: now − days, rounded down to the tick. */
    public static Instant startEndingBy(Instant now, int days, Duration tick) {
        Instant start = now.minus(Duration.ofDays(days));
        return Instant.ofEpochMilli(Math.floorDiv(start.toEpochMilli(), tick.toMillis()) * tick.toMillis());
    }

    public Instant end() {
        return start.plus(Duration.ofDays(days));
    }
}
