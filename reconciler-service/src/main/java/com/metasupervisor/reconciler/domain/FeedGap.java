package com.metasupervisor.reconciler.domain;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.state.StateBytes;
import java.time.Duration;
import java.time.Instant;

/**
 * The newest price feed gap of one known symbol (SPEC §3: ops get a {@code PRICE_FEED_GAP} alert for it): the
 * how-many-th gap of the symbol it is, its newest tick before the gap (market time), when the gap was seen (wall
 * clock) and whether it is still open. A resolved gap is kept so the next one of the symbol takes the next number.
 *
 * @param number   1 for the symbol's first gap, then one more per gap
 * @param lastTick the symbol's newest tick when the gap opened (market time)
 * @param openedAt when the gap was seen (wall-clock time)
 * @param open     whether no tick of the symbol has arrived since
 */
public record FeedGap(long number, Instant lastTick, Instant openedAt, boolean open) {

    /** Format of {@link #toBytes()} (streams-kit's state byte rule). */
    static final byte VERSION = 1;

    public FeedGap {
        ArgChecker.positive(number, "number");
        ArgChecker.notNull(lastTick, "lastTick");
        ArgChecker.notNull(openedAt, "openedAt");
    }

    /**
     * Whether a known symbol's feed has a gap: its newest tick lags the market clock by more than {@code feedGap}
     * AND none of its ticks arrived for more than {@code feedGap} of wall-clock time. Either half alone cries wolf:
     * a symbol behind the others during a catch-up still ticks in wall-clock time, and a market that is closed
     * for all symbols lags nothing.
     *
     * @param lagBehindMarket the market clock minus the symbol's newest tick
     * @param silence         wall-clock time since a tick of the symbol last arrived
     * @param feedGap         the threshold of both, positive
     */
    public static boolean isGap(Duration lagBehindMarket, Duration silence, Duration feedGap) {
        ArgChecker.positive(feedGap, "feedGap");
        return lagBehindMarket.compareTo(feedGap) > 0 && silence.compareTo(feedGap) > 0;
    }

    /** The gap after {@code previous} (null: the symbol's first), opened now. */
    public static FeedGap after(FeedGap previous, Instant lastTick, Instant openedAt) {
        ArgChecker.isTrue(previous == null || !previous.open, "a gap of a symbol opens only after the previous one is resolved");
        return new FeedGap(previous == null ? 1 : previous.number + 1, lastTick, openedAt, true);
    }

    /** The same gap, resolved (a tick of the symbol arrived). */
    public FeedGap resolved() {
        return new FeedGap(number, lastTick, openedAt, false);
    }

    /** As a state-store value: number, newest tick and opening time in epoch millis, open flag. */
    public byte[] toBytes() {
        return StateBytes.write(VERSION, Long.BYTES * 3 + 1, out -> {
            out.writeLong(number);
            out.writeLong(lastTick.toEpochMilli());
            out.writeLong(openedAt.toEpochMilli());
            out.writeBoolean(open);
        });
    }

    /** A gap {@link #toBytes()} wrote. */
    public static FeedGap fromBytes(byte[] bytes) {
        return StateBytes.read(bytes, VERSION, "FeedGap", in -> new FeedGap(in.readLong(), Instant.ofEpochMilli(in.readLong()),
                Instant.ofEpochMilli(in.readLong()), in.readBoolean()));
    }
}
