package com.metasupervisor.risk.config;

import java.time.Duration;
import java.util.Objects;

/** The checks every settings record shares; each message starts with the full config key. */
final class Check {

    private Check() {
    }

    static void positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be > 0, was " + value);
        }
    }

    static void positive(String key, double value) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new IllegalArgumentException(key + " must be a finite number > 0, was " + value);
        }
    }

    static void positive(String key, Duration value) {
        Objects.requireNonNull(value, key);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(key + " must be positive, was " + value);
        }
    }

    /** value in the open interval (0, 1). */
    static void fraction(String key, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(key + " must be in (0, 1), was " + value);
        }
    }

    /** A duration of whole UTC days (daily series are bucketed by day). */
    static void wholeDays(String key, Duration value) {
        positive(key, value);
        if (!value.equals(Duration.ofDays(value.toDays()))) {
            throw new IllegalArgumentException(key + " must be a whole number of days, was " + value);
        }
    }
}
