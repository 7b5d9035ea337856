package com.metasupervisor.simulator.publish;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Duration;

/**
 * How fast a replay runs: {@code simulatedSecondsPerSecond} of event time per second of wall time, or as fast as the
 * broker takes ({@link #max()}: the value is infinite).
 */
public record ReplaySpeed(double simulatedSecondsPerSecond) {

    public ReplaySpeed {
        ArgChecker.isTrue(simulatedSecondsPerSecond > 0, "speed must be > 0, was " + simulatedSecondsPerSecond);
    }

    public static ReplaySpeed max() {
        return new ReplaySpeed(Double.POSITIVE_INFINITY);
    }

    /** {@code max} or a positive number of simulated seconds per wall second. */
    public static ReplaySpeed parse(String text) {
        if ("max".equalsIgnoreCase(text.strip())) {
            return max();
        }
        double value;
        try {
            value = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("speed must be 'max' or simulated seconds per second (e.g. 8640), was '" + text + "'");
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("speed must be 'max' or a positive number, was '" + text + "'");
        }
        return new ReplaySpeed(value);
    }

    public boolean isMax() {
        return Double.isInfinite(simulatedSecondsPerSecond);
    }

    /** The wall time {@code simulated} of event time takes at this speed (zero at max). */
    public Duration wallTimeOf(Duration simulated) {
        return isMax() ? Duration.ZERO : Duration.ofNanos(Math.round(simulated.toNanos() / simulatedSecondsPerSecond));
    }

    @Override
    public String toString() {
        return isMax() ? "max" : simulatedSecondsPerSecond + "x";
    }
}
