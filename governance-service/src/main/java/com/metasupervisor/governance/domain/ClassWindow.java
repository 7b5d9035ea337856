package com.metasupervisor.governance.domain;

import com.metasupervisor.governance.config.StrategyClassSettings;
import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.state.StateBytes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The reconciled rows of one strategy class that its attribution needs (stored by the topology as
 * {@link #toBytes}): rows matured within {@code strategy-class.window} of the newest row's time, at most
 * {@code strategy-class.max-rows} of them, in matured order (ties in arrival order). Immutable: {@link #with}
 * returns a new window.
 */
public record ClassWindow(List<ClassRow> rows) {

    static final byte VERSION = 1;
    private static final String TYPE = "ClassWindow";
    private static final Comparator<ClassRow> MATURED = Comparator.comparing(ClassRow::maturedAt);

    public static final ClassWindow EMPTY = new ClassWindow(List.of());

    public ClassWindow {
        rows = List.copyOf(ArgChecker.notNull(rows, "rows"));
        for (int i = 1; i < rows.size(); i++) {
            ArgChecker.isTrue(!rows.get(i).maturedAt().isBefore(rows.get(i - 1).maturedAt()), "rows must be in matured order");
        }
    }

    /** This window with {@code row} added, then rows older than the window before {@code now} and the oldest beyond max-rows dropped. */
    public ClassWindow with(ClassRow row, Instant now, StrategyClassSettings settings) {
        ArgChecker.notNull(row, "row");
        List<ClassRow> next = new ArrayList<>(rows.size() + 1);
        int at = rows.size();
        while (at > 0 && MATURED.compare(rows.get(at - 1), row) > 0) {
            at--; // a late row goes where it matured; equal times keep arrival order
        }
        next.addAll(rows.subList(0, at));
        next.add(row);
        next.addAll(rows.subList(at, rows.size()));
        return new ClassWindow(next).prunedAt(now, settings);
    }

    /** The rows still inside (now − window, ∞), at most max-rows newest. */
    public ClassWindow prunedAt(Instant now, StrategyClassSettings settings) {
        ArgChecker.notNull(now, "now");
        ArgChecker.notNull(settings, "settings");
        Instant from = now.minus(settings.window());
        int first = 0;
        while (first < rows.size() && !rows.get(first).maturedAt().isAfter(from)) {
            first++;
        }
        first = Math.max(first, rows.size() - settings.maxRows());
        return first == 0 ? this : new ClassWindow(rows.subList(first, rows.size()));
    }

    /** The class's attribution at {@code now}. */
    public ClassAttribution attribution(Instant now, StrategyClassSettings settings) {
        return ClassAttribution.of(rows, now, settings.window());
    }

    public byte[] toBytes() {
        return StateBytes.write(VERSION, 4 + rows.size() * 20, out -> {
            out.writeInt(rows.size());
            for (ClassRow row : rows) {
                out.writeLong(row.maturedAt().getEpochSecond());
                out.writeInt(row.maturedAt().getNano());
                out.writeDouble(row.realizedPnlBps());
            }
        });
    }

    /** @throws IllegalArgumentException on bytes of another format version, truncated or corrupt */
    public static ClassWindow fromBytes(byte[] bytes) {
        return StateBytes.read(bytes, VERSION, TYPE, in -> {
            int n = StateBytes.readCount(in, "row");
            if (n > in.remaining() / 20) {
                throw new java.io.IOException(n + " rows cannot fit in " + in.remaining() + " bytes");
            }
            List<ClassRow> rows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Instant maturedAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
                double pnl = in.readDouble();
                try {
                    rows.add(new ClassRow(maturedAt, pnl));
                } catch (IllegalArgumentException e) {
                    throw new java.io.IOException(e.getMessage(), e);
                }
            }
            try {
                return new ClassWindow(rows);
            } catch (IllegalArgumentException e) {
                throw new java.io.IOException(e.getMessage(), e);
            }
        });
    }
}
