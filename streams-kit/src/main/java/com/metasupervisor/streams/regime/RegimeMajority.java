package com.metasupervisor.streams.regime;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.state.StateBytes;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The regimes of the newest alpha events (at most {@code capacity}, in arrival order) and their majority; a tie goes
 * to the regime of the newest event among the tied ones. SPEC §5's current regime when no market.regime record says
 * otherwise: the allocator and governance both judge by it, so it is defined once here. Pure Java (no Kafka types).
 */
public final class RegimeMajority {

    private static final byte VERSION = 1;

    private final int capacity;
    private final ArrayDeque<String> newestLast = new ArrayDeque<>();

    public RegimeMajority(int capacity) {
        this.capacity = ArgChecker.positive(capacity, "capacity");
    }

    public void add(String regime) {
        ArgChecker.notBlank(regime, "regime");
        newestLast.addLast(regime);
        while (newestLast.size() > capacity) {
            newestLast.removeFirst();
        }
    }

    public Optional<String> majority() {
        Map<String, Integer> counts = new HashMap<>();
        int best = 0;
        for (String r : newestLast) {
            best = Math.max(best, counts.merge(r, 1, Integer::sum));
        }
        for (Iterator<String> it = newestLast.descendingIterator(); it.hasNext(); ) {
            String r = it.next();
            if (counts.get(r) == best) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public int size() {
        return newestLast.size();
    }

    public byte[] toBytes() {
        return StateBytes.write(VERSION, 4 + 12 * newestLast.size(), out -> {
            out.writeInt(newestLast.size());
            for (String r : newestLast) {
                out.writeUTF(r);
            }
        });
    }

    /** The events in {@code b}; with a smaller capacity than written, only the newest are kept. */
    public static RegimeMajority fromBytes(byte[] b, int capacity) {
        return StateBytes.read(b, VERSION, "RegimeMajority", in -> {
            RegimeMajority out = new RegimeMajority(capacity);
            int n = StateBytes.readCount(in, "regime");
            for (int i = 0; i < n; i++) {
                out.add(in.readUTF());
            }
            return out;
        });
    }
}
