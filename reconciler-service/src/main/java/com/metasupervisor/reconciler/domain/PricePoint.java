package com.metasupervisor.reconciler.domain;

import java.time.Instant;
import java.util.Objects;

/** A price at a time: the entry or exit of a call. */
public record PricePoint(Instant at, double price) {

    public PricePoint {
        Objects.requireNonNull(at, "at");
        if (!(price > 0) || !Double.isFinite(price)) {
            throw new IllegalArgumentException("price must be finite and > 0, was " + price);
        }
    }
}
