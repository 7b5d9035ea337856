package com.metasupervisor.reconciler.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Instant;

/** A price at a time: the entry or exit of a call. */
public record PricePoint(Instant at, double price) {

    public PricePoint {
        ArgChecker.notNull(at, "at");
        ArgChecker.positive(price, "price");
    }
}
