package com.metasupervisor.reconciler.topology;

import java.time.Instant;

/**
 * Keys of the pending-match store: {@code symbol ␁ awaited-time ␁ agent ␁ event id ␁ horizon}.
 * The time is zero-padded epoch millis, so one symbol's matches sort by the time they wait for
 * and "everything of BTC waiting for a tick at or before T" is one range scan.
 */
final class PendingKey {

    static final char SEP = '\u0001';
    private static final char AFTER_SEP = '\u0002';

    private PendingKey() {
    }

    static String of(String symbol, PendingMatch match) {
        return symbol + SEP + millis(match.awaiting()) + SEP + match.event().getAgent() + SEP
                + match.event().getEventId() + SEP + match.horizonHours();
    }

    /** Lowest key of a symbol. */
    static String from(String symbol) {
        return symbol + SEP;
    }

    /** Highest key of a symbol's matches awaiting a time at or before {@code until}. */
    static String to(String symbol, long untilMillis) {
        return symbol + SEP + pad(Math.max(0, untilMillis)) + AFTER_SEP;
    }

    private static String millis(Instant t) {
        return pad(Math.max(0, t.toEpochMilli()));
    }

    private static String pad(long millis) {
        String digits = Long.toString(millis);
        return "0".repeat(19 - digits.length()) + digits;
    }
}
