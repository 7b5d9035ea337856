package com.metasupervisor.reconciler.domain.sim;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.state.StateBytes;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Comparator;

/**
 * One reconciled call as the sim model sees it (SPEC §3): the two features, the realised PnL it is
 * fitted to, and when the call matured (which orders rows in time: newest rows are kept, the newest
 * share is held out).
 *
 * @param scoreFinal     the agent's final score (feature)
 * @param confidence     the agent's confidence (feature)
 * @param realizedPnlBps the realised PnL in bps (response)
 * @param maturedAt      when the horizon matured; orders the rows in time
 */
public record TrainingRow(double scoreFinal, double confidence, double realizedPnlBps, Instant maturedAt) {

    /**
     * Time order, oldest first. Rows that matured at the same instant are ordered by their values so
     * that the order, and with it the choice of newest rows and of the holdout, never depends on the
     * order the rows arrived in. Rows equal under this order are interchangeable.
     */
    public static final Comparator<TrainingRow> TIME_ORDER = Comparator.comparing(TrainingRow::maturedAt)
            .thenComparingDouble(TrainingRow::scoreFinal)
            .thenComparingDouble(TrainingRow::confidence)
            .thenComparingDouble(TrainingRow::realizedPnlBps);

    /** Format of {@link #toBytes()} (streams-kit's state byte rule): this byte, then the four fields. */
    static final byte VERSION = 1;
    /** The layout before the rule: the same four fields, big-endian, with no version byte. */
    static final int UNVERSIONED_BYTES = 3 * Double.BYTES + Long.BYTES;

    public TrainingRow {
        ArgChecker.notNull(maturedAt, "maturedAt");
        ArgChecker.finite(scoreFinal, "scoreFinal");
        ArgChecker.finite(confidence, "confidence");
        ArgChecker.finite(realizedPnlBps, "realizedPnlBps");
    }

    /** The row as a state-store value: score, confidence, realised PnL, matured_at in epoch millis. */
    public byte[] toBytes() {
        return StateBytes.write(VERSION, UNVERSIONED_BYTES, out -> {
            out.writeDouble(scoreFinal);
            out.writeDouble(confidence);
            out.writeDouble(realizedPnlBps);
            out.writeLong(maturedAt.toEpochMilli());
        });
    }

    /** A row written by {@link #toBytes()}, or by a build before it (no version byte: a store restored from then). */
    public static TrainingRow fromBytes(byte[] bytes) {
        if (bytes != null && bytes.length == UNVERSIONED_BYTES) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            return new TrainingRow(b.getDouble(), b.getDouble(), b.getDouble(), Instant.ofEpochMilli(b.getLong()));
        }
        return StateBytes.read(bytes, VERSION, "TrainingRow",
                in -> new TrainingRow(in.readDouble(), in.readDouble(), in.readDouble(), Instant.ofEpochMilli(in.readLong())));
    }
}
