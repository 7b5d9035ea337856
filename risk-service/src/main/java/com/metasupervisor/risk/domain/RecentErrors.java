package com.metasupervisor.risk.domain;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.state.StateBytes;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * An agent's newest {@code capacity} rows by matured_at (ties: a later arrival counts as newer): the
 * window of avg_abs_error_bps, rmse_bps and the divergence alerts (SPEC §4). A late row older than
 * every row of a full window is not among the newest, and is not kept.
 */
public final class RecentErrors {

    private final int capacity;
    /** Oldest first. */
    private final List<ReconciledRow> rows;

    public RecentErrors(int capacity) {
        this.capacity = ArgChecker.positive(capacity, "capacity");
        this.rows = new ArrayList<>(capacity + 1);
    }

    /** Returns false, changing nothing, when the row is older than every row of a full window. */
    public boolean add(ReconciledRow row) {
        int at = rows.size();
        while (at > 0 && rows.get(at - 1).maturedAt().isAfter(row.maturedAt())) {
            at--; // rows come almost in order: a short walk back beats a search
        }
        if (at == 0 && rows.size() >= capacity) {
            return false;
        }
        rows.add(at, row);
        if (rows.size() > capacity) {
            rows.removeFirst();
        }
        return true;
    }

    public int size() {
        return rows.size();
    }

    /** The rows, oldest first. */
    public List<ReconciledRow> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** The error figures of the window; empty while it holds no row. */
    public Optional<ErrorSummary> summary() {
        int n = rows.size();
        if (n == 0) {
            return Optional.empty();
        }
        double errorSum = 0;
        double absSum = 0;
        double squareSum = 0;
        int hits = 0;
        int priced = 0;
        int pricedHits = 0;
        double hitProbabilitySum = 0;
        Double newestSigma = null;
        for (ReconciledRow row : rows) {
            double e = row.pnlErrorBps();
            errorSum += e;
            absSum += Math.abs(e);
            squareSum += e * e;
            if (row.hit()) {
                hits++;
            }
            var p = ExpectedHitRate.probabilityOfHit(row);
            if (p.isPresent()) {
                priced++;
                hitProbabilitySum += p.getAsDouble();
                newestSigma = row.expectedSigmaBps();
                if (row.hit()) {
                    pricedHits++;
                }
            }
        }
        return Optional.of(new ErrorSummary(n, errorSum / n, absSum / n, Math.sqrt(squareSum / n), (double) hits / n,
                priced, priced == 0 ? null : (double) pricedHits / priced,
                priced == 0 ? null : hitProbabilitySum / priced, newestSigma));
    }

    /** The size of {@link #write}'s output. */
    int encodedBytes() {
        int bytes = 4;
        for (ReconciledRow row : rows) {
            bytes += 8 + 8 + 8 + 1 + (row.expectedSigmaBps() == null ? 0 : 8);
        }
        return bytes;
    }

    void write(StateBytes.Out out) throws IOException {
        out.writeInt(rows.size());
        for (ReconciledRow row : rows) {
            out.writeLong(row.maturedAtMillis());
            out.writeDouble(row.realizedPnlBps());
            out.writeDouble(row.expectedPnlBps());
            StateBytes.writeNullableDouble(out, row.expectedSigmaBps());
        }
    }

    /** Reads what {@link #write} wrote into a window of {@code capacity}, keeping the newest rows if it is smaller now. */
    static RecentErrors read(StateBytes.In in, int capacity) throws IOException {
        RecentErrors w = new RecentErrors(capacity);
        int n = StateBytes.readCount(in, "recent row");
        for (int i = 0; i < n; i++) {
            ReconciledRow row;
            try {
                row = new ReconciledRow(Instant.ofEpochMilli(in.readLong()), in.readDouble(), in.readDouble(),
                        StateBytes.readNullableDouble(in));
            } catch (IllegalArgumentException e) {
                throw new IOException("recent row " + i + ": " + e.getMessage(), e);
            }
            if (!w.rows.isEmpty() && row.maturedAt().isBefore(w.rows.getLast().maturedAt())) {
                throw new IOException("recent row " + i + " out of order");
            }
            w.rows.add(row);
        }
        while (w.rows.size() > capacity) {
            w.rows.removeFirst();
        }
        return w;
    }
}
