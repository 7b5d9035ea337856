package com.metasupervisor.governance.domain;

import com.metasupervisor.governance.config.StrategyClassSettings;
import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.figures.PerformanceMath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reconciled rows of one strategy class that its attribution needs, in matured order (ties in arrival order):
 * rows matured within {@code strategy-class.window} of "now", at most {@code strategy-class.max-rows}.
 *
 * <p>Mutable and array-backed on purpose: a row arrives for every reconciled call, and a class holds up to 20 000 of
 * them, so adding a row in order is O(1) (a late row: one array copy), dropping old rows O(dropped), and the
 * attribution one pass over primitive arrays. Each row carries the sequence number its stored copy is keyed by, so the
 * owner deletes exactly the rows {@link #prune} drops.
 */
public final class ClassRows {

    /** A row as kept: when it matured, its sequence number (unique per row), its realized PnL. */
    public record Kept(long maturedAtMillis, long seq, double realizedPnlBps) {
        public Kept {
            ArgChecker.finite(realizedPnlBps, "realizedPnlBps");
        }
    }

    private long[] matured = new long[16];
    private long[] seqs = new long[16];
    private double[] pnl = new double[16];
    private int start; // rows live in [start, end)
    private int end;

    /** The number of rows kept. */
    public int size() {
        return end - start;
    }

    /** Adds a row where it matured (after every row with the same or an earlier time). */
    public void add(Kept row) {
        ArgChecker.notNull(row, "row");
        if (end == matured.length) {
            compactOrGrow();
        }
        int at = end;
        while (at > start && matured[at - 1] > row.maturedAtMillis()) {
            at--; // a late row goes where it matured; a binary search would not beat the common in-order case
        }
        System.arraycopy(matured, at, matured, at + 1, end - at);
        System.arraycopy(seqs, at, seqs, at + 1, end - at);
        System.arraycopy(pnl, at, pnl, at + 1, end - at);
        matured[at] = row.maturedAtMillis();
        seqs[at] = row.seq();
        pnl[at] = row.realizedPnlBps();
        end++;
    }

    /**
     * Drops the rows that matured at or before {@code now − window}, then the oldest beyond max-rows; returns them,
     * oldest first.
     */
    public List<Kept> prune(Instant now, StrategyClassSettings settings) {
        ArgChecker.notNull(now, "now");
        ArgChecker.notNull(settings, "settings");
        long from = now.minus(settings.window()).toEpochMilli();
        int first = start;
        while (first < end && matured[first] <= from) {
            first++;
        }
        first = Math.max(first, end - settings.maxRows());
        List<Kept> dropped = new ArrayList<>(first - start);
        for (int i = start; i < first; i++) {
            dropped.add(new Kept(matured[i], seqs[i], pnl[i]));
        }
        start = first;
        return dropped;
    }

    /** The attribution of the rows matured in (now − window, now]; a row from the future is left out. */
    public ClassAttribution attribution(Instant now, StrategyClassSettings settings) {
        ArgChecker.notNull(now, "now");
        ArgChecker.notNull(settings, "settings");
        long from = now.minus(settings.window()).toEpochMilli();
        long to = now.toEpochMilli();
        PerformanceMath.Drawdown curve = new PerformanceMath.Drawdown();
        int rows = 0;
        int hits = 0;
        for (int i = start; i < end; i++) {
            if (matured[i] > from && matured[i] <= to) {
                curve.add(pnl[i]);
                rows++;
                hits += pnl[i] > 0 ? 1 : 0;
            }
        }
        return rows == 0 ? ClassAttribution.EMPTY : new ClassAttribution(rows, curve.cumulative(), (double) hits / rows, curve.max());
    }

    /** The rows kept, oldest first (for tests and diagnostics). */
    public List<Kept> rows() {
        List<Kept> out = new ArrayList<>(size());
        for (int i = start; i < end; i++) {
            out.add(new Kept(matured[i], seqs[i], pnl[i]));
        }
        return out;
    }

    private void compactOrGrow() {
        int n = end - start;
        int capacity = n * 2 > matured.length ? matured.length * 2 : matured.length; // reuse the dropped head when it is half
        matured = Arrays.copyOfRange(matured, start, start + capacity);
        seqs = Arrays.copyOfRange(seqs, start, start + capacity);
        pnl = Arrays.copyOfRange(pnl, start, start + capacity);
        start = 0;
        end = n;
    }
}
