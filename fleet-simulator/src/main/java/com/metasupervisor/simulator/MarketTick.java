package com.metasupervisor.simulator;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Instant;

/** A price of a symbol at a time (topic market.prices). */
public record MarketTick(String symbol, Instant at, double price) implements SimulatedEvent {

    public MarketTick {
        ArgChecker.notBlank(symbol, "symbol");
        ArgChecker.notNull(at, "at");
        ArgChecker.positive(price, "price");
    }

    @Override
    public String key() {
        return symbol;
    }
}
