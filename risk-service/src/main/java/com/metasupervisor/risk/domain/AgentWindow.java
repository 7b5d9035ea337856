package com.metasupervisor.risk.domain;

import com.metasupervisor.risk.config.RiskSettings;
import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.figures.PerformanceMath;
import com.metasupervisor.streams.state.StateBytes;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything one agent's statistics (SPEC §4) are computed from, for rows of the scoring horizon
 * (the caller passes only those). Its size is bounded by the windows, never by the agent's history:
 * all-time figures are running totals, the 30-day figures keep the rows of the long window, the error
 * figures the newest {@code window-rows} rows, the error rate one pair of counts per UTC day.
 *
 * <p><b>Time.</b> Every time given to it is event time (no clock is read). Its clock is the newest time
 * it has been given (rows' matured_at, recorded events, {@link #expire}); state older than the windows
 * behind that clock is dropped. A window of length W at time t holds what happened in (t − W, t]:
 * a row exactly W old is out. {@link #figures} are as of the later of the requested time and the clock,
 * so they never depend on when eviction ran.
 *
 * <p><b>Error rate and unpriced rate.</b> SPEC §3, §4: error rate = the agent's own errors (rejected events,
 * a symbol never priced) / all events over 30 days; unpriced rate = events that could not be priced through
 * no fault of the agent (a feed gap, a pair beyond the catch-up bound) / the same events. The caller records
 * each event exactly once: {@link #recordAccepted} for one that was reconciled at the scoring horizon,
 * {@link #recordAgentError} for one the agent got wrong, {@link #recordUnpriced} for one the market data
 * failed; the three counts partition all events. Adding a row does not count an event: rows and events come
 * from different topics.
 *
 * <p>Not thread-safe: one instance belongs to one stream task.
 */
public final class AgentWindow {

    /** 2: three event counts per day (accepted, agent errors, unpriced). */
    private static final byte FORMAT_VERSION = 2;
    /** 1: two event counts per day (accepted, dead-lettered), still read: see {@link #fromBytes}. */
    private static final byte FORMAT_VERSION_TWO_COUNTS = 1;
    private static final int ACCEPTED = 0;
    private static final int AGENT_ERROR = 1;
    private static final int UNPRICED = 2;
    private static final long DAY_MILLIS = 86_400_000L;

    private final long shortMillis;
    private final long longMillis;
    private final int days;
    private final double ewmaAlpha;

    private long n;
    private double pnlSum;
    /** Neumaier compensation of pnlSum: an all-time sum of millions of rows keeps its low digits. */
    private double pnlSumCompensation;
    private long hits;
    private long lastMaturedAt = EpochMillis.NONE;
    private long clock = EpochMillis.NONE;
    private double ewmaAbsError = Double.NaN;
    /** Rows of the long window, oldest first. */
    private final List<PnlEntry> longWindowRows = new ArrayList<>();
    private RecentErrors recent;
    /** UTC epoch day → {accepted, agent errors, unpriced}. */
    private final TreeMap<Long, long[]> eventCounts = new TreeMap<>();

    private record PnlEntry(long maturedAtMillis, double realizedBps) {
    }

    public AgentWindow(RiskSettings settings) {
        ArgChecker.notNull(settings, "settings");
        this.shortMillis = settings.stats().shortWindow().toMillis();
        this.longMillis = settings.stats().longWindow().toMillis();
        this.days = settings.stats().longWindowDays();
        this.ewmaAlpha = settings.multiplier().ewmaAlpha();
        this.recent = new RecentErrors(settings.stats().windowRows());
    }

    /** Adds a reconciled row of the scoring horizon. Every row counts all time, even one too late for the windows. */
    public void add(ReconciledRow row) {
        long t = row.maturedAtMillis();
        n++;
        addToPnlSum(row.realizedPnlBps());
        if (row.hit()) {
            hits++;
        }
        lastMaturedAt = Math.max(lastMaturedAt, t);
        // arrival order: the EWMA smooths the stream as it comes
        ewmaAbsError = Double.isNaN(ewmaAbsError) ? row.absErrorBps()
                : ewmaAlpha * row.absErrorBps() + (1 - ewmaAlpha) * ewmaAbsError;
        recent.add(row);
        advance(t);
        if (t > EpochMillis.minus(clock, longMillis)) {
            longWindowRows.add(insertionPoint(t), new PnlEntry(t, row.realizedPnlBps()));
        }
    }

    /** Counts an event of this agent that was reconciled at the scoring horizon; {@code at} is its event time. */
    public void recordAccepted(Instant at) {
        record(at, ACCEPTED);
    }

    /**
     * Counts an event that was the agent's own error (rejected, or on a symbol never priced); {@code at} is its
     * event time.
     */
    public void recordAgentError(Instant at) {
        record(at, AGENT_ERROR);
    }

    /**
     * Counts an event that could not be priced through no fault of the agent (a feed gap, a pair beyond the
     * catch-up bound): in the unpriced rate and the denominator of both rates, never in the error rate.
     */
    public void recordUnpriced(Instant at) {
        record(at, UNPRICED);
    }

    /** Moves the clock to {@code now} (when later) and drops what fell out of every window. */
    public void expire(Instant now) {
        advance(now.toEpochMilli());
    }

    /** The error figures of the newest rows (the divergence window); empty before the first row. */
    public Optional<ErrorSummary> recentErrors() {
        return recent.summary();
    }

    /** The newest rows (the divergence window), oldest first, read-only. */
    public List<ReconciledRow> recentRows() {
        return recent.rows();
    }

    /** The agent's figures as of the later of {@code now} and the window's clock. */
    public AgentFigures figures(Instant now) {
        long asOf = Math.max(now.toEpochMilli(), clock);
        long longCutoff = EpochMillis.minus(asOf, longMillis);
        long shortCutoff = EpochMillis.minus(asOf, shortMillis);
        long lastDay = Math.floorDiv(asOf, DAY_MILLIS);
        long firstDay = lastDay - days + 1;

        double pnl7d = 0;
        double pnl30d = 0;
        int rows30d = 0;
        int wins30d = 0;
        double[] daily = new double[days];
        PerformanceMath.Drawdown drawdown = new PerformanceMath.Drawdown();
        for (PnlEntry e : longWindowRows) {
            long t = e.maturedAtMillis();
            if (t <= longCutoff) {
                continue;
            }
            double pnl = e.realizedBps();
            pnl30d += pnl;
            rows30d++;
            if (pnl > 0) {
                wins30d++;
            }
            drawdown.add(pnl);
            if (t > shortCutoff) {
                pnl7d += pnl;
            }
            long day = Math.floorDiv(t, DAY_MILLIS);
            if (day >= firstDay) {
                daily[(int) (day - firstDay)] += pnl;
            }
        }

        long events = 0;
        long agentErrors = 0;
        long unpriced = 0;
        for (long[] c : eventCounts.subMap(firstDay, true, lastDay, true).values()) {
            events += c[ACCEPTED] + c[AGENT_ERROR] + c[UNPRICED];
            agentErrors += c[AGENT_ERROR];
            unpriced += c[UNPRICED];
        }

        Optional<ErrorSummary> errors = recent.summary();
        return new AgentFigures(Instant.ofEpochMilli(asOf), n, pnlSum + pnlSumCompensation,
                n == 0 ? null : (double) hits / n, pnl7d, pnl30d, rows30d,
                rows30d == 0 ? null : (double) wins30d / rows30d, PerformanceMath.annualisedSharpe(daily),
                drawdown.max(), events, events == 0 ? 0 : (double) agentErrors / events,
                events == 0 ? 0 : (double) unpriced / events,
                errors.map(ErrorSummary::meanAbsErrorBps).orElse(null), errors.map(ErrorSummary::rmseBps).orElse(null),
                Double.isNaN(ewmaAbsError) ? null : ewmaAbsError,
                lastMaturedAt == EpochMillis.NONE ? null : Instant.ofEpochMilli(lastMaturedAt));
    }

    /** Rows kept for the long window (state size: bounded by the window, not by history). */
    int longWindowRowCount() {
        return longWindowRows.size();
    }

    /** UTC days with event counts kept. */
    int eventDayCount() {
        return eventCounts.size();
    }

    public byte[] toBytes() {
        int expectedBytes = 7 * 8 + 4 + longWindowRows.size() * 16 + recent.encodedBytes() + 4 + eventCounts.size() * 32;
        return StateBytes.write(FORMAT_VERSION, expectedBytes, out -> {
            out.writeLong(n);
            out.writeDouble(pnlSum);
            out.writeDouble(pnlSumCompensation);
            out.writeLong(hits);
            out.writeLong(lastMaturedAt);
            out.writeLong(clock);
            out.writeDouble(ewmaAbsError);
            out.writeInt(longWindowRows.size());
            for (PnlEntry e : longWindowRows) {
                out.writeLong(e.maturedAtMillis());
                out.writeDouble(e.realizedBps());
            }
            recent.write(out);
            out.writeInt(eventCounts.size());
            for (Map.Entry<Long, long[]> e : eventCounts.entrySet()) {
                out.writeLong(e.getKey());
                out.writeLong(e.getValue()[ACCEPTED]);
                out.writeLong(e.getValue()[AGENT_ERROR]);
                out.writeLong(e.getValue()[UNPRICED]);
            }
        });
    }

    /**
     * The window {@link #toBytes()} wrote, under the current settings (configuration, not state): state
     * a shorter window no longer covers is dropped; a longer one fills as new rows come. Bytes of format 1
     * (written before unpriced events were counted apart) are read too: their dead-lettered count was every
     * dead letter, which can no longer be told apart, so it stays agent errors until those days leave the window.
     */
    public static AgentWindow fromBytes(byte[] bytes, RiskSettings settings) {
        byte version = bytes != null && bytes.length > 0 && bytes[0] == FORMAT_VERSION_TWO_COUNTS
                ? FORMAT_VERSION_TWO_COUNTS : FORMAT_VERSION;
        return StateBytes.read(bytes, version, "AgentWindow", in -> read(in, settings, version));
    }

    private static AgentWindow read(StateBytes.In in, RiskSettings settings, byte version) throws IOException {
        AgentWindow w = new AgentWindow(settings);
        w.n = in.readLong();
        w.pnlSum = in.readDouble();
        w.pnlSumCompensation = in.readDouble();
        w.hits = in.readLong();
        w.lastMaturedAt = in.readLong();
        w.clock = in.readLong();
        w.ewmaAbsError = in.readDouble();
        if (w.n < 0 || w.hits < 0 || w.hits > w.n || (w.n == 0) != Double.isNaN(w.ewmaAbsError)) {
            throw new IOException("inconsistent totals");
        }
        int rows = StateBytes.readCount(in, "row");
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < rows; i++) {
            PnlEntry e = new PnlEntry(in.readLong(), in.readDouble());
            if (e.maturedAtMillis() < previous || !Double.isFinite(e.realizedBps())) {
                throw new IOException("row " + i + " out of order or not finite");
            }
            previous = e.maturedAtMillis();
            w.longWindowRows.add(e);
        }
        w.recent = RecentErrors.read(in, settings.stats().windowRows());
        int dayCount = StateBytes.readCount(in, "day");
        for (int i = 0; i < dayCount; i++) {
            long day = in.readLong();
            long accepted = in.readLong();
            long agentErrors = in.readLong();
            long unpriced = version == FORMAT_VERSION_TWO_COUNTS ? 0 : in.readLong();
            if (accepted < 0 || agentErrors < 0 || unpriced < 0) {
                throw new IOException("negative event count on day " + day);
            }
            w.eventCounts.put(day, new long[] {accepted, agentErrors, unpriced});
        }
        w.evict();
        return w;
    }

    private void record(Instant at, int which) {
        long t = at.toEpochMilli();
        advance(t);
        long day = Math.floorDiv(t, DAY_MILLIS);
        if (day >= firstKeptDay()) { // an event older than the window changes no figure
            eventCounts.computeIfAbsent(day, d -> new long[3])[which]++;
        }
    }

    private void advance(long t) {
        if (t > clock) {
            clock = t;
            evict();
        }
    }

    private void evict() {
        long cutoff = EpochMillis.minus(clock, longMillis);
        int old = 0;
        while (old < longWindowRows.size() && longWindowRows.get(old).maturedAtMillis() <= cutoff) {
            old++;
        }
        longWindowRows.subList(0, old).clear();
        eventCounts.headMap(firstKeptDay()).clear();
    }

    /** The oldest UTC day of the long window behind the clock. */
    private long firstKeptDay() {
        return clock == EpochMillis.NONE ? Long.MIN_VALUE : Math.floorDiv(clock, DAY_MILLIS) - days + 1;
    }

    private int insertionPoint(long t) {
        int lo = 0;
        int hi = longWindowRows.size();
        if (hi > 0 && longWindowRows.getLast().maturedAtMillis() <= t) {
            return hi;
        }
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (longWindowRows.get(mid).maturedAtMillis() <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void addToPnlSum(double x) {
        double t = pnlSum + x;
        if (Math.abs(pnlSum) >= Math.abs(x)) {
            pnlSumCompensation += (pnlSum - t) + x;
        } else {
            pnlSumCompensation += (x - t) + pnlSum;
        }
        pnlSum = t;
    }
}
