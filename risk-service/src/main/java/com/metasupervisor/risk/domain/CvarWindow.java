package com.metasupervisor.risk.domain;

import com.metasupervisor.risk.config.CvarSettings;
import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.state.StateBytes;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The rows of one strategy × regime × horizon that its CVaR is computed over (SPEC §4): the newest
 * ≤ {@code max-rows} rows, none that matured {@code max-age} or more before the window's clock.
 *
 * <p>Rows are ordered by matured_at, ties by arrival (a later arrival counts as newer: each accepted row
 * takes the window's next sequence number). The clock is the newest matured_at added, or a later time given
 * to {@link #expire}; it never goes back, so a row that has left the window could never re-enter it, and a
 * late row is judged exactly as if it had come in order: it is kept when it is among the newest
 * {@code max-rows} and young enough.
 *
 * <p>Cost per row, whatever the window's size: O(log n) to place it and each row it evicts (a sorted set by
 * time, {@link SortedErrors} by error), and {@link #figures()} in O(log n) (the k lowest errors' sum and the
 * k-th lowest off the order-statistic tree, the other sums at its root).
 *
 * <p>State is stored one entry per row ({@link Row#toBytes()}) plus a small {@link #summaryBytes() summary}
 * (clock, next sequence number, row count), so a row costs O(1) store writes: the caller writes the
 * {@link #takeChanges() changes} since it last asked. {@link #restore} rebuilds the window from those
 * entries, and also reads the single-entry window of format 1 that earlier builds wrote (then every row is
 * a change to write: the migration). Not thread-safe: one instance belongs to one stream task.
 */
public final class CvarWindow {

    /** Format 1: the whole window in one entry (clock, count, rows), as earlier builds wrote it; read only. */
    private static final byte WHOLE_WINDOW_VERSION = 1;
    /** Format 2: the summary beside one entry per row. */
    private static final byte SUMMARY_VERSION = 2;
    private static final byte ROW_VERSION = 1;
    private static final Comparator<Row> BY_TIME_THEN_ARRIVAL =
            Comparator.comparingLong(Row::maturedAtMillis).thenComparingLong(Row::seq);

    /**
     * One row of the window as stored.
     *
     * @param maturedAtMillis when it matured
     * @param seq             its arrival order in the window (later = newer on equal matured_at)
     * @param errorBps        pnl_error_bps
     * @param realizedBps     realized_pnl_bps
     */
    public record Row(long maturedAtMillis, long seq, double errorBps, double realizedBps) {

        public Row {
            ArgChecker.notNegative(seq, "seq");
            ArgChecker.finite(errorBps, "errorBps");
            ArgChecker.finite(realizedBps, "realizedBps");
        }

        public byte[] toBytes() {
            return StateBytes.write(ROW_VERSION, 32, out -> {
                out.writeLong(maturedAtMillis);
                out.writeLong(seq);
                out.writeDouble(errorBps);
                out.writeDouble(realizedBps);
            });
        }

        public static Row fromBytes(byte[] bytes) {
            return StateBytes.read(bytes, ROW_VERSION, "CvarWindow.Row",
                    in -> new Row(in.readLong(), in.readLong(), in.readDouble(), in.readDouble()));
        }
    }

    /**
     * What changed since the last {@link #takeChanges()}: rows to write and rows to delete (a row added and
     * evicted in between is in neither).
     */
    public record Changes(List<Row> added, List<Row> removed) {

        public Changes {
            added = List.copyOf(ArgChecker.notNull(added, "added"));
            removed = List.copyOf(ArgChecker.notNull(removed, "removed"));
        }

        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty();
        }
    }

    private final CvarSettings settings;
    private final long maxAgeMillis;
    private final TreeSet<Row> rows = new TreeSet<>(BY_TIME_THEN_ARRIVAL);
    private final SortedErrors errors = new SortedErrors();
    private int hits;
    private long clock = EpochMillis.NONE;
    private long nextSeq;
    /** Changes not yet taken, by sequence number. */
    private final Map<Long, Row> added = new LinkedHashMap<>();
    private final Map<Long, Row> removed = new LinkedHashMap<>();

    public CvarWindow(CvarSettings settings) {
        this.settings = ArgChecker.notNull(settings, "settings");
        this.maxAgeMillis = settings.maxAge().toMillis();
    }

    /**
     * Adds a row and evicts what it pushes out. Returns false, changing nothing, when the row is too
     * old to belong to the window (older than max-age, or older than every row of a full window).
     */
    public boolean add(ReconciledRow row) {
        long t = row.maturedAtMillis();
        long newClock = Math.max(clock, t);
        if (t <= EpochMillis.minus(newClock, maxAgeMillis)) {
            return false;
        }
        if (rows.size() >= settings.maxRows() && t < rows.first().maturedAtMillis()) {
            return false; // it would go first, and be the one evicted
        }
        clock = newClock;
        Row stored = new Row(t, nextSeq++, row.pnlErrorBps(), row.realizedPnlBps());
        keep(stored);
        added.put(stored.seq(), stored);
        evict();
        return true;
    }

    /** Moves the clock to {@code now} (when later) and drops the rows that became too old; true when any did. */
    public boolean expire(Instant now) {
        int before = rows.size();
        clock = Math.max(clock, now.toEpochMilli());
        evict();
        return rows.size() != before;
    }

    /** The window's clock in epoch millis: the newest time it was given; Long.MIN_VALUE before any. */
    public long clockMillis() {
        return clock;
    }

    public int size() {
        return rows.size();
    }

    /** The window's figures; empty while it holds no row. */
    public Optional<CvarFigures> figures() {
        int n = rows.size();
        if (n == 0) {
            return Optional.empty();
        }
        int k = tailRows(settings.tail(), n);
        double tailSum = errors.sumOfLowest(k);
        // + 0.0 turns a −0.0 (a tail of zeros, negated) into 0.0
        return Optional.of(new CvarFigures(n, k, -tailSum / k + 0.0, -errors.kthLowest(k) + 0.0, errors.errorSum() / n,
                (double) hits / n, errors.realizedSum(), Instant.ofEpochMilli(rows.first().maturedAtMillis()),
                Instant.ofEpochMilli(rows.last().maturedAtMillis())));
    }

    /**
     * k = max(1, ⌈tail · n⌉), computed on the decimal value of {@code tail} so that, e.g., 0.05 · 60
     * is 3 and not the 4 that a binary 0.05 could round up to.
     */
    static int tailRows(double tail, int n) {
        int k = BigDecimal.valueOf(tail).multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.CEILING).intValueExact();
        return Math.min(n, Math.max(1, k));
    }

    /** The rows added and removed since the last call (the store entries to write and delete); then none. */
    public Changes takeChanges() {
        Changes changes = new Changes(new ArrayList<>(added.values()), new ArrayList<>(removed.values()));
        added.clear();
        removed.clear();
        return changes;
    }

    /** The summary entry (format 2): clock, next sequence number, row count. A few bytes whatever the size. */
    public byte[] summaryBytes() {
        return StateBytes.write(SUMMARY_VERSION, 20, out -> {
            out.writeLong(clock);
            out.writeLong(nextSeq);
            out.writeInt(rows.size());
        });
    }

    /**
     * The window from its stored entries, under the current settings: the settings are configuration, not
     * state, so a changed max-rows or max-age applies at once (rows it no longer allows are dropped, and are
     * changes to delete). {@code summary} of format 2 comes with its row entries (any order); a window of
     * format 1 (one entry with every row, {@code rows} empty) is migrated: every row it keeps is a change to write.
     */
    public static CvarWindow restore(byte[] summary, Collection<byte[]> rowEntries, CvarSettings settings) {
        ArgChecker.notNull(summary, "summary");
        ArgChecker.notNull(rowEntries, "rowEntries");
        if (summary.length > 0 && summary[0] == WHOLE_WINDOW_VERSION) {
            ArgChecker.isTrue(rowEntries.isEmpty(), "a window of format 1 has no row entries, got " + rowEntries.size());
            return StateBytes.read(summary, WHOLE_WINDOW_VERSION, "CvarWindow", in -> readWholeWindow(in, settings));
        }
        CvarWindow w = StateBytes.read(summary, SUMMARY_VERSION, "CvarWindow", in -> {
            CvarWindow window = new CvarWindow(settings);
            window.clock = in.readLong();
            window.nextSeq = in.readLong();
            int n = StateBytes.readCount(in, "row");
            if (n != rowEntries.size()) {
                throw new IOException("the summary counts " + n + " rows, the store has " + rowEntries.size());
            }
            return window;
        });
        for (byte[] bytes : rowEntries) {
            Row row = Row.fromBytes(bytes);
            if (row.maturedAtMillis() > w.clock || row.seq() >= w.nextSeq || w.rows.contains(row)) {
                throw new IllegalArgumentException("CvarWindow: row " + row + " is newer than the clock, unnumbered or twice");
            }
            w.keep(row);
        }
        w.evict();
        return w;
    }

    private static CvarWindow readWholeWindow(StateBytes.In in, CvarSettings settings) throws IOException {
        CvarWindow w = new CvarWindow(settings);
        w.clock = in.readLong();
        int n = StateBytes.readCount(in, "row");
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long t = in.readLong();
            double error = in.readDouble();
            double realized = in.readDouble();
            if (t < previous || t > w.clock || !Double.isFinite(error) || !Double.isFinite(realized)) {
                throw new IOException("row " + i + " out of order or not finite");
            }
            previous = t;
            Row row = new Row(t, w.nextSeq++, error, realized); // stored oldest first: arrival order kept on ties
            w.keep(row);
            w.added.put(row.seq(), row);
        }
        w.evict();
        return w;
    }

    private void keep(Row row) {
        rows.add(row);
        errors.insert(row.errorBps(), row.seq(), row.realizedBps());
        hits += row.realizedBps() > 0 ? 1 : 0;
    }

    private void evict() {
        long cutoff = EpochMillis.minus(clock, maxAgeMillis);
        while (!rows.isEmpty() && (rows.size() > settings.maxRows() || rows.first().maturedAtMillis() <= cutoff)) {
            Row row = rows.pollFirst();
            errors.remove(row.errorBps(), row.seq());
            hits -= row.realizedBps() > 0 ? 1 : 0;
            if (added.remove(row.seq()) == null) {
                removed.put(row.seq(), row);
            }
        }
    }
}
