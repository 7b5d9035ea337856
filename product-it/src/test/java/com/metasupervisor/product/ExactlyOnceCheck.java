package com.metasupervisor.product;

import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.Topics;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Acceptance 2 and 3 on {@code alpha.reconciled}, read_committed: every (event_id, horizon) at most once, every
 * acknowledged event with its three rows (the feed's tail of ticks matures every call), no row of an event the feed
 * never sent, and every row what the feed's prices give: its matured_at the exit tick's time, its realized PnL
 * direction × (exit / entry − 1) × 10 000 on the feed's own prices (so a row reconciled against a lost, duplicated
 * or wrong tick shows). Keeps the rows, in each partition's offset order, for the risk recomputation.
 */
final class ExactlyOnceCheck {

    private static final int EXAMPLES = 5;
    private static final double PNL_TOLERANCE_BPS = 1e-6;

    /** A reconciled row as the checks need it; strings shared through {@link #intern}. */
    record Row(int event, String agent, String strategyClass, String regime, int horizonHours, long emittedAt,
            long maturedAt, double realizedBps, double expectedBps, Double sigmaBps) {
    }

    private final SoakFeed feed;
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, String> strings = new HashMap<>();
    private final byte[] counts;
    private long foreign;
    private long undecodable;
    private long duplicates;
    private long wrongValues;
    private final List<String> examples = new ArrayList<>();

    private ExactlyOnceCheck(SoakFeed feed) {
        this.feed = feed;
        this.counts = new byte[feed.events() * SoakFeed.HORIZONS.size()];
    }

    static ExactlyOnceCheck read(SoakFeed feed, TopicReader reader, String registryUrl) {
        ExactlyOnceCheck check = new ExactlyOnceCheck(feed);
        Deserializer<ReconciledAlpha> values = Topics.ALPHA_RECONCILED.valueSerde(new RegistrySettings(registryUrl, false)).deserializer();
        reader.read(Topics.ALPHA_RECONCILED.name(), record -> {
            ReconciledAlpha row;
            try {
                row = values.deserialize(record.topic(), record.value());
            } catch (RuntimeException e) {
                check.undecodable++;
                check.example("undecodable at " + record.partition() + "/" + record.offset() + ": " + e);
                return;
            }
            check.add(row);
        });
        return check;
    }

    /** The check over rows given directly (its own test). */
    static ExactlyOnceCheck of(SoakFeed feed, Iterable<ReconciledAlpha> rows) {
        ExactlyOnceCheck check = new ExactlyOnceCheck(feed);
        rows.forEach(check::add);
        return check;
    }

    private void add(ReconciledAlpha r) {
        int j = SoakFeed.eventIndex(r.getEventId());
        int h = SoakFeed.HORIZONS.indexOf(r.getHorizonHours());
        if (j < 0 || j >= feed.events() || h < 0) {
            foreign++;
            example("a row of no event of the feed: " + r.getEventId() + " h" + r.getHorizonHours());
            return;
        }
        int slot = j * SoakFeed.HORIZONS.size() + h;
        if (counts[slot] > 0) {
            duplicates++;
            example("duplicate: " + r.getEventId() + " h" + r.getHorizonHours());
        }
        counts[slot] = (byte) Math.min(Byte.MAX_VALUE, counts[slot] + 1);
        long matured = r.getMaturedAt().toEpochMilli();
        double expectedPnl = feed.realizedPnlBps(j, r.getHorizonHours());
        if (matured != feed.maturedMillis(j, r.getHorizonHours())
                || Math.abs(r.getRealizedPnlBps() - expectedPnl) > PNL_TOLERANCE_BPS
                || !r.getAgent().equals(SoakFeed.agentName(feed.agentOf(j)))
                || !r.getStrategyClass().equals(SoakFeed.strategyClassOf(feed.agentOf(j)))
                || !r.getRegime().equals(feed.regimeOf(j))) {
            wrongValues++;
            example("wrong values: " + r.getEventId() + " h" + r.getHorizonHours() + " matured " + matured + " (feed: "
                    + feed.maturedMillis(j, r.getHorizonHours()) + "), realized " + r.getRealizedPnlBps() + " (feed: " + expectedPnl + ")");
        }
        rows.add(new Row(j, intern(r.getAgent()), intern(r.getStrategyClass()), intern(r.getRegime()), r.getHorizonHours(),
                r.getEmittedAt().toEpochMilli(), matured, r.getRealizedPnlBps(), r.getExpectedPnlBps(), r.getExpectedSigmaBps()));
    }

    private String intern(String s) {
        return strings.computeIfAbsent(s, k -> k);
    }

    private void example(String text) {
        if (examples.size() < EXAMPLES) {
            examples.add(text);
        }
    }

    List<Row> rows() {
        return rows;
    }

    /** Acknowledged (event, horizon) pairs without a row. */
    long missing(BitSet acked) {
        long missing = 0;
        for (int j = acked.nextSetBit(0); j >= 0; j = acked.nextSetBit(j + 1)) {
            for (int h = 0; h < SoakFeed.HORIZONS.size(); h++) {
                if (counts[j * SoakFeed.HORIZONS.size() + h] == 0) {
                    missing++;
                    example("missing: " + SoakFeed.eventId(j) + " h" + SoakFeed.HORIZONS.get(h));
                }
            }
        }
        return missing;
    }

    /** Rows of events the producer never saw acknowledged (possible after a send the broker took but could not confirm). */
    long rowsOfUnacknowledged(BitSet acked) {
        return rows.stream().filter(r -> !acked.get(r.event())).count();
    }

    long duplicates() {
        return duplicates;
    }

    long foreign() {
        return foreign;
    }

    long undecodable() {
        return undecodable;
    }

    long wrongValues() {
        return wrongValues;
    }

    List<String> examples() {
        return List.copyOf(examples);
    }
}
