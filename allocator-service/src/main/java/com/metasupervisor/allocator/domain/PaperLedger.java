package com.metasupervisor.allocator.domain;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.figures.PerformanceMath;
import com.metasupervisor.streams.state.StateBytes;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One policy's paper results (design decision 9): the weights it holds (after its own publish rule) × the realized
 * PnL of every reconciled row credited while they hold (an agent not held, and cash, earn 0). Figures in bps of
 * capital: cumulative PnL, daily PnL by UTC day of matured_at, Sharpe of the daily series over every day from the
 * first row's to the newest row's (idle days 0), max drawdown of the cumulative PnL in credit order from 0, turnover
 * and number of its publishes.
 */
public final class PaperLedger {

    private static final byte VERSION = 1;
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    private final Map<String, Double> weights = new HashMap<>();
    private double cash = 1;
    private double turnover;
    private long weightChanges;
    private long rows;
    /** The cumulative PnL curve in credit order, from 0, and its deepest fall. */
    private PerformanceMath.Drawdown curve = new PerformanceMath.Drawdown();
    private Long firstRowAt;
    private Long lastRowAt;
    /** UTC day number (epoch day) → PnL of the rows that matured that day. */
    private final TreeMap<Long, Double> daily = new TreeMap<>();

    private PaperLedger() {
    }

    public static PaperLedger empty() {
        return new PaperLedger();
    }

    /** One publish of the policy: from now on these weights hold (agents at 0 may be left out). */
    public void hold(Map<String, Double> weights, double cash, double turnover) {
        ArgChecker.notNull(weights, "weights");
        ArgChecker.inRange(cash, 0, 1, "cash");
        ArgChecker.notNegative(turnover, "turnover");
        this.weights.clear();
        weights.forEach((agent, w) -> {
            if (w == null || !(w >= 0 && w <= 1)) {
                throw new IllegalArgumentException("the weight of " + agent + " must be in [0, 1], was " + w);
            }
            if (w > 0) {
                this.weights.put(agent, w);
            }
        });
        this.cash = cash;
        this.turnover += turnover;
        this.weightChanges++;
    }

    /** One reconciled row at the horizon: its agent's held weight × its realized PnL. */
    public void credit(String agent, double realizedPnlBps, long maturedAt) {
        ArgChecker.notNull(agent, "agent");
        ArgChecker.finite(realizedPnlBps, "realizedPnlBps");
        double pnl = weights.getOrDefault(agent, 0.0) * realizedPnlBps;
        rows++;
        curve.add(pnl);
        daily.merge(Math.floorDiv(maturedAt, DAY_MILLIS), pnl, Double::sum);
        firstRowAt = firstRowAt == null ? maturedAt : Math.min(firstRowAt, maturedAt);
        lastRowAt = lastRowAt == null ? maturedAt : Math.max(lastRowAt, maturedAt);
    }

    public Map<String, Double> weights() {
        return Collections.unmodifiableMap(new TreeMap<>(weights));
    }

    public double cash() {
        return cash;
    }

    public LedgerFigures figures() {
        int days = daily.isEmpty() ? 0 : (int) (daily.lastKey() - daily.firstKey() + 1);
        return new LedgerFigures(curve.cumulative(), sharpe(days), curve.max(), turnover, weightChanges, rows, days, firstRowAt, lastRowAt);
    }

    /** PerformanceMath's Sharpe of the daily PnL over {@code days} days, the first row's to the newest row's (idle days 0). */
    private Double sharpe(int days) {
        double[] series = new double[days];
        if (days > 0) {
            long first = daily.firstKey();
            daily.forEach((day, pnl) -> series[(int) (day - first)] = pnl);
        }
        return PerformanceMath.annualisedSharpe(series);
    }

    public byte[] toBytes() {
        return StateBytes.write(VERSION, 96 + 24 * weights.size() + 16 * daily.size(), out -> {
            out.writeDouble(cash);
            out.writeDouble(turnover);
            out.writeLong(weightChanges);
            out.writeLong(rows);
            out.writeDouble(curve.cumulative());
            out.writeDouble(curve.peak());
            out.writeDouble(curve.max());
            writeNullableLong(out, firstRowAt);
            writeNullableLong(out, lastRowAt);
            out.writeInt(weights.size());
            for (Map.Entry<String, Double> e : new TreeMap<>(weights).entrySet()) {
                out.writeUTF(e.getKey());
                out.writeDouble(e.getValue());
            }
            out.writeInt(daily.size());
            for (Map.Entry<Long, Double> e : daily.entrySet()) {
                out.writeLong(e.getKey());
                out.writeDouble(e.getValue());
            }
        });
    }

    public static PaperLedger fromBytes(byte[] bytes) {
        return StateBytes.read(bytes, VERSION, "PaperLedger", in -> {
            PaperLedger l = new PaperLedger();
            l.cash = in.readDouble();
            l.turnover = in.readDouble();
            l.weightChanges = in.readLong();
            l.rows = in.readLong();
            l.curve = PerformanceMath.Drawdown.resumed(in.readDouble(), in.readDouble(), in.readDouble());
            l.firstRowAt = in.readBoolean() ? in.readLong() : null;
            l.lastRowAt = in.readBoolean() ? in.readLong() : null;
            int n = StateBytes.readCount(in, "weight");
            for (int i = 0; i < n; i++) {
                l.weights.put(in.readUTF(), in.readDouble());
            }
            int d = StateBytes.readCount(in, "day");
            for (int i = 0; i < d; i++) {
                l.daily.put(in.readLong(), in.readDouble());
            }
            return l;
        });
    }

    private static void writeNullableLong(StateBytes.Out out, Long v) {
        out.writeBoolean(v != null);
        if (v != null) {
            out.writeLong(v);
        }
    }
}
