package com.metasupervisor.governance.domain;

import com.metasupervisor.governance.config.StrategyClassSettings;
import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.figures.PerformanceMath;
import com.metasupervisor.streams.state.StateBytes;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reconciled rows of one strategy class that its attribution needs, in matured order (ties in arrival order):
 * rows matured within {@code strategy-class.window} of "now", at most {@code strategy-class.max-rows}.
 *
 * <p>Mutable and array-backed on purpose: a row arrives for every reconciled call, and a class holds up to 20 000 of
 * them, so adding a row in order is O(1) (a late row: one array copy), dropping old rows O(dropped), and the
 * attribution two passes over primitive arrays (agents kept as small ints, counted in a bit set). Each row
 * carries the sequence number its stored copy is keyed by, so the owner deletes exactly the rows {@link #prune} drops.
 */
public final class ClassRows {

    /**
     * A row as kept: when it matured, its sequence number (unique per row), its agent ("" for a row stored before rows
     * carried their agent), its realized PnL.
     */
    public record Kept(long maturedAtMillis, long seq, String agent, double realizedPnlBps) {

        private static final byte VERSION = 1;
        /** The first release's value: the realized PnL's 8 bytes alone (no version byte, no agent). */
        private static final int AGENTLESS_BYTES = Double.BYTES;

        public Kept {
            ArgChecker.notNull(agent, "agent");
            ArgChecker.finite(realizedPnlBps, "realizedPnlBps");
        }

        /** Its stored value (matured time and sequence number are in the store's key): StateBytes, realized PnL, agent. */
        public byte[] valueBytes() {
            return StateBytes.write(VERSION, 1 + Double.BYTES + 2 + agent.length(), out -> {
                out.writeDouble(realizedPnlBps);
                out.writeUTF(agent);
            });
        }

        /**
         * The row stored under ({@code maturedAtMillis}, {@code seq}) as {@code value}. A value of the first release (8
         * bytes: the PnL, no agent) reads as agent "" (a StateBytes value is never 8 bytes long: version byte, 8, the
         * agent's 2-byte length).
         */
        public static Kept fromValueBytes(long maturedAtMillis, long seq, byte[] value) {
            ArgChecker.notNull(value, "value");
            if (value.length == AGENTLESS_BYTES) {
                return new Kept(maturedAtMillis, seq, "", ByteBuffer.wrap(value).getDouble());
            }
            return StateBytes.read(value, VERSION, "ClassRows.Kept", in -> {
                double pnl = in.readDouble();
                return new Kept(maturedAtMillis, seq, in.readUTF(), pnl);
            });
        }
    }

    private long[] matured = new long[16];
    private long[] seqs = new long[16];
    private double[] pnl = new double[16];
    private int[] agentIds = new int[16];
    private final Map<String, Integer> idOfAgent = new HashMap<>(); // grows with the agents ever seen: a class has few
    private final List<String> agentOfId = new ArrayList<>();
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
        System.arraycopy(agentIds, at, agentIds, at + 1, end - at);
        matured[at] = row.maturedAtMillis();
        seqs[at] = row.seq();
        pnl[at] = row.realizedPnlBps();
        agentIds[at] = idOf(row.agent());
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
            dropped.add(kept(i));
        }
        start = first;
        return dropped;
    }

    /**
     * The attribution of the rows matured in (now − window, now] (a row from the future is left out) as the class's
     * equal-weight book: each row's PnL divided by the number of distinct agents with rows there.
     */
    public ClassAttribution attribution(Instant now, StrategyClassSettings settings) {
        ArgChecker.notNull(now, "now");
        ArgChecker.notNull(settings, "settings");
        long from = now.minus(settings.window()).toEpochMilli();
        long to = now.toEpochMilli();
        int rows = 0;
        int hits = 0;
        BitSet agentsSeen = new BitSet(agentOfId.size());
        for (int i = start; i < end; i++) {
            if (matured[i] > from && matured[i] <= to) {
                rows++;
                hits += pnl[i] > 0 ? 1 : 0;
                agentsSeen.set(agentIds[i]);
            }
        }
        int agents = agentsSeen.cardinality();
        if (rows == 0) {
            return ClassAttribution.EMPTY;
        }
        PerformanceMath.Drawdown curve = new PerformanceMath.Drawdown();
        for (int i = start; i < end; i++) {
            if (matured[i] > from && matured[i] <= to) {
                curve.add(pnl[i] / agents);
            }
        }
        return new ClassAttribution(rows, agents, curve.cumulative(), (double) hits / rows, curve.max());
    }

    /** The rows kept, oldest first (for tests and diagnostics). */
    public List<Kept> rows() {
        List<Kept> out = new ArrayList<>(size());
        for (int i = start; i < end; i++) {
            out.add(kept(i));
        }
        return out;
    }

    private Kept kept(int i) {
        return new Kept(matured[i], seqs[i], agentOfId.get(agentIds[i]), pnl[i]);
    }

    private int idOf(String agent) {
        Integer id = idOfAgent.get(agent);
        if (id == null) {
            id = agentOfId.size();
            idOfAgent.put(agent, id);
            agentOfId.add(agent);
        }
        return id;
    }

    private void compactOrGrow() {
        int n = end - start;
        int capacity = n * 2 > matured.length ? matured.length * 2 : matured.length; // reuse the dropped head when it is half
        matured = Arrays.copyOfRange(matured, start, start + capacity);
        seqs = Arrays.copyOfRange(seqs, start, start + capacity);
        pnl = Arrays.copyOfRange(pnl, start, start + capacity);
        agentIds = Arrays.copyOfRange(agentIds, start, start + capacity);
        start = 0;
        end = n;
    }
}
