package com.metasupervisor.reconciler.topology;

import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.reconciler.domain.PricePoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One symbol's ticks for topology tests: the i-th at {@code start + i × every + offset} (each symbol at its own
 * second, so "the first tick at or after" is no shared grid), at a price that is a function of i, so a test
 * knows every price the reconciler must find without keeping the ticks.
 */
record TickTape(String symbol, Instant start, Duration every, Duration offset, double base) {

    TickTape {
        Objects.requireNonNull(symbol, "symbol");
        if (!every.isPositive() || offset.isNegative() || offset.compareTo(every) >= 0 || base <= 0) {
            throw new IllegalArgumentException("need 0 <= offset < every and a positive base");
        }
    }

    Instant at(long i) {
        return start.plus(every.multipliedBy(i)).plus(offset);
    }

    double price(long i) {
        return base * (1 + 0.02 * Math.sin(i / 37.0) + 0.0001 * (i % 13));
    }

    PriceTick tick(long i) {
        return PriceTick.newBuilder().setSymbol(symbol).setTs(at(i)).setPrice(price(i)).build();
    }

    /** The index of the first tick at or after {@code t}. */
    long indexAtOrAfter(Instant t) {
        long sinceFirst = Duration.between(at(0), t).toMillis();
        return sinceFirst <= 0 ? 0 : Math.ceilDiv(sinceFirst, every.toMillis());
    }

    PricePoint firstAtOrAfter(Instant t) {
        long i = indexAtOrAfter(t);
        return new PricePoint(at(i), price(i));
    }
}
