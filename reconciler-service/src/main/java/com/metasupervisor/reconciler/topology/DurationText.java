package com.metasupervisor.reconciler.topology;

import java.time.Duration;

/** A duration in dead-letter details and alert messages: ISO-8601 with whole days kept as days ({@code P7D}, {@code P1DT2H}). */
final class DurationText {

    private DurationText() {
    }

    static String of(Duration d) {
        long days = d.toDays();
        if (days <= 0) {
            return d.toString(); // Duration's own form: PT2H, PT-5M
        }
        Duration rest = d.minusDays(days);
        return "P" + days + "D" + (rest.isZero() ? "" : rest.toString().substring(1));
    }
}
