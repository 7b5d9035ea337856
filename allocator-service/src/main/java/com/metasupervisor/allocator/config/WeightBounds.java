package com.metasupervisor.allocator.config;

import com.metasupervisor.streams.check.ArgChecker;

/** The rule every policy's bounds follow: 0 ≤ min ≤ max ≤ 1, max > 0. */
final class WeightBounds {

    private WeightBounds() {
    }

    static void check(double min, double max, String prefix) {
        ArgChecker.inRange(min, 0, 1, prefix + "min-allocation");
        ArgChecker.inRange(max, 0, 1, prefix + "max-allocation");
        ArgChecker.isTrue(max > 0, prefix + "max-allocation must be > 0, was " + max);
        ArgChecker.isTrue(min <= max, prefix + "min-allocation (" + min + ") must be <= " + prefix + "max-allocation (" + max + ")");
    }
}
