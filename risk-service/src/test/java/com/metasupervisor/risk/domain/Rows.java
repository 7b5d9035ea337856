package com.metasupervisor.risk.domain;

import java.time.Duration;
import java.time.Instant;

/** Test rows. */
final class Rows {

    /** Noon UTC: a day boundary is 12 h away either side. */
    static final Instant T0 = Instant.parse("2025-03-10T12:00:00Z");

    private Rows() {
    }

    static ReconciledRow row(Instant maturedAt, double realized, double expected, Double sigma) {
        return new ReconciledRow(maturedAt, realized, expected, sigma);
    }

    /** A row with no model (expected 0, no sigma): its error is its PnL. */
    static ReconciledRow pnl(Instant maturedAt, double realized) {
        return new ReconciledRow(maturedAt, realized, 0, null);
    }

    /** A row whose error is {@code error} against an expectation of 0 with the given sigma. */
    static ReconciledRow error(Instant maturedAt, double error, Double sigma) {
        return new ReconciledRow(maturedAt, error, 0, sigma);
    }

    static Instant at(Duration sinceT0) {
        return T0.plus(sinceT0);
    }

    static Instant minutes(long m) {
        return T0.plus(Duration.ofMinutes(m));
    }
}
