package com.metasupervisor.risk.domain;

import com.metasupervisor.risk.config.CvarSettings;
import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.state.StateBytes;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The rows of one strategy × regime × horizon that its CVaR is computed over (SPEC §4): the newest
 * ≤ {@code max-rows} rows, none that matured {@code max-age} or more before the window's clock.
 *
 * <p>Rows are ordered by matured_at, ties by arrival (a later arrival counts as newer). The clock is
 * the newest matured_at added, or a later time given to {@link #expire}; it never goes back, so a
 * row that has left the window could never re-enter it, and a late row is judged exactly as if it had
 * come in order: it is kept when it is among the newest {@code max-rows} and young enough.
 *
 * <p>Cost per add with n rows: O(log n) to place the row plus O(n) array shifts; {@link #figures()} is
 * O(n) (sums) with the tail read straight off an error array kept sorted: no sort, no copy.
 * Not thread-safe: one instance belongs to one stream task.
 */
public final class CvarWindow {

    private static final byte FORMAT_VERSION = 1;

    private final CvarSettings settings;
    private final long maxAgeMillis;
    /** Rows oldest first. */
    private final List<Entry> rows = new ArrayList<>();
    /** The same rows' errors in ascending order; the first {@code size} slots are used. */
    private double[] sortedErrors = new double[16];
    private long clock = EpochMillis.NONE;

    private record Entry(long maturedAtMillis, double errorBps, double realizedBps) {
    }

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
        int at = insertionPoint(t);
        if (at == 0 && rows.size() >= settings.maxRows()) {
            return false;
        }
        clock = newClock;
        rows.add(at, new Entry(t, row.pnlErrorBps(), row.realizedPnlBps()));
        insertSorted(row.pnlErrorBps());
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
        double tailSum = 0;
        for (int i = 0; i < k; i++) {
            tailSum += sortedErrors[i];
        }
        double errorSum = tailSum;
        for (int i = k; i < n; i++) {
            errorSum += sortedErrors[i];
        }
        double pnlSum = 0;
        int hits = 0;
        for (Entry e : rows) {
            pnlSum += e.realizedBps();
            if (e.realizedBps() > 0) {
                hits++;
            }
        }
        // + 0.0 turns a −0.0 (a tail of zeros, negated) into 0.0
        return Optional.of(new CvarFigures(n, k, -tailSum / k + 0.0, -sortedErrors[k - 1] + 0.0, errorSum / n,
                (double) hits / n, pnlSum, Instant.ofEpochMilli(rows.getFirst().maturedAtMillis()),
                Instant.ofEpochMilli(rows.getLast().maturedAtMillis())));
    }

    /**
     * k = max(1, ⌈tail · n⌉), computed on the decimal value of {@code tail} so that, e.g., 0.05 · 60
     * is 3 and not the 4 that a binary 0.05 could round up to.
     */
    static int tailRows(double tail, int n) {
        int k = BigDecimal.valueOf(tail).multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.CEILING).intValueExact();
        return Math.min(n, Math.max(1, k));
    }

    public byte[] toBytes() {
        return StateBytes.write(FORMAT_VERSION, 8 + 4 + rows.size() * 24, out -> {
            out.writeLong(clock);
            out.writeInt(rows.size());
            for (Entry e : rows) {
                out.writeLong(e.maturedAtMillis());
                out.writeDouble(e.errorBps());
                out.writeDouble(e.realizedBps());
            }
        });
    }

    /**
     * The window {@link #toBytes()} wrote, under the current settings: the settings are configuration,
     * not state, so a changed max-rows or max-age applies at once (rows it no longer allows are dropped).
     */
    public static CvarWindow fromBytes(byte[] bytes, CvarSettings settings) {
        return StateBytes.read(bytes, FORMAT_VERSION, "CvarWindow", in -> read(in, settings));
    }

    private static CvarWindow read(StateBytes.In in, CvarSettings settings) throws IOException {
        CvarWindow w = new CvarWindow(settings);
        w.clock = in.readLong();
        int n = StateBytes.readCount(in, "row");
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            Entry e = new Entry(in.readLong(), in.readDouble(), in.readDouble());
            if (e.maturedAtMillis() < previous || e.maturedAtMillis() > w.clock
                    || !Double.isFinite(e.errorBps()) || !Double.isFinite(e.realizedBps())) {
                throw new IOException("row " + i + " out of order or not finite");
            }
            previous = e.maturedAtMillis();
            w.rows.add(e);
        }
        w.sortedErrors = new double[Math.max(16, n)];
        for (int i = 0; i < n; i++) {
            w.sortedErrors[i] = w.rows.get(i).errorBps();
        }
        Arrays.sort(w.sortedErrors, 0, n);
        w.evict();
        return w;
    }

    /** The index a row matured at t goes to: after every row that matured at or before t. */
    private int insertionPoint(long t) {
        int lo = 0;
        int hi = rows.size();
        if (hi > 0 && rows.getLast().maturedAtMillis() <= t) {
            return hi; // the usual case: rows come roughly in time order
        }
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (rows.get(mid).maturedAtMillis() <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void evict() {
        long cutoff = EpochMillis.minus(clock, maxAgeMillis);
        while (!rows.isEmpty() && (rows.size() > settings.maxRows() || rows.getFirst().maturedAtMillis() <= cutoff)) {
            removeSorted(rows.removeFirst().errorBps());
        }
    }

    private void insertSorted(double error) {
        int n = rows.size() - 1; // the row is already in rows
        if (n == sortedErrors.length) {
            sortedErrors = Arrays.copyOf(sortedErrors, n * 2);
        }
        int at = Arrays.binarySearch(sortedErrors, 0, n, error);
        if (at < 0) {
            at = -at - 1;
        }
        System.arraycopy(sortedErrors, at, sortedErrors, at + 1, n - at);
        sortedErrors[at] = error;
    }

    private void removeSorted(double error) {
        int n = rows.size() + 1; // the row has already left rows
        int at = Arrays.binarySearch(sortedErrors, 0, n, error);
        if (at < 0) {
            throw new IllegalStateException("error " + error + " of an evicted row is not in the sorted errors");
        }
        System.arraycopy(sortedErrors, at + 1, sortedErrors, at, n - at - 1);
    }
}
