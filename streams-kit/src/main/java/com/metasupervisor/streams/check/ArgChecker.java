package com.metasupervisor.streams.check;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;

/**
 * Argument checks every value type and settings record shares, in the spirit of OpenGamma Strata's
 * {@code ArgChecker}: each returns the value it checked, so a compact constructor reads
 * {@code n = ArgChecker.notNegative(n, "n")}, and each message starts with the name it was given
 * (for settings, the full configuration key). Pure Java: usable from any {@code domain} package.
 */
public final class ArgChecker {

    private ArgChecker() {
    }

    public static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    public static String notBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank, was " + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }

    public static <C extends Collection<?>> C notEmpty(C value, String name) {
        notNull(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return value;
    }

    public static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
        return value;
    }

    public static long positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
        return value;
    }

    public static int notNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
        return value;
    }

    public static long notNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
        return value;
    }

    /** {@code value} >= {@code min}, for a lower bound other than 0 (use {@link #positive} or {@link #notNegative} for those). */
    public static int atLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
        }
        return value;
    }

    /** A finite {@code value} >= {@code min}. */
    public static double atLeast(double value, double min, String name) {
        if (!Double.isFinite(value) || value < min) {
            throw new IllegalArgumentException(name + " must be a finite number >= " + min + ", was " + value);
        }
        return value;
    }

    public static double finite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, was " + value);
        }
        return value;
    }

    public static double positive(double value, String name) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, was " + value);
        }
        return value;
    }

    public static double notNegative(double value, String name) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, was " + value);
        }
        return value;
    }

    /** {@code value} in the closed interval [low, high]. */
    public static double inRange(double value, double low, double high, String name) {
        if (!(value >= low && value <= high)) {
            throw new IllegalArgumentException(name + " must be in [" + low + ", " + high + "], was " + value);
        }
        return value;
    }

    /** {@code value} in the open interval (0, 1). */
    public static double fraction(double value, String name) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1), was " + value);
        }
        return value;
    }

    public static Duration positive(Duration value, String name) {
        notNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    public static Duration notNegative(Duration value, String name) {
        notNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }

    /** A positive duration of whole days (daily series are bucketed by UTC day). */
    public static Duration wholeDays(Duration value, String name) {
        positive(value, name);
        if (!value.equals(Duration.ofDays(value.toDays()))) {
            throw new IllegalArgumentException(name + " must be a whole number of days, was " + value);
        }
        return value;
    }

    /** A precondition that relates several arguments: {@code message} says which and why. */
    public static void isTrue(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
