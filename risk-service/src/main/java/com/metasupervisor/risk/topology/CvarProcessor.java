package com.metasupervisor.risk.topology;

import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.risk.config.RiskSettings;
import com.metasupervisor.risk.domain.CvarFigures;
import com.metasupervisor.risk.domain.CvarWindow;
import com.metasupervisor.streams.topology.EventTimeRefresh;
import com.metasupervisor.streams.topology.PublishOnChange;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One strategy × regime × horizon per key ({@code strategy|regime|horizon}): adds each row to the key's
 * {@link CvarWindow} and publishes {@link StrategyRegimeRisk} when its figures changed.
 *
 * <p>State: one entry per row of a window in {@value #ROWS} (key {@code <key>|<matured_at>|<seq>}, both
 * zero-padded), a small summary per key in {@value #WINDOWS} (clock, next sequence number, row count) and the
 * last published figures in {@value #PUBLISHED}. A row costs O(1) store writes (itself, the rows it evicts,
 * the summary) and O(log n) work, whatever max-rows is: the window is kept decoded per task (its sorted
 * structures rebuilt from the key's row entries at its first touch after {@code init}, e.g. after a restore
 * from the changelog), and only its changes are written. A key still holding a window of the earlier
 * single-entry format in {@value #WINDOWS} is migrated to row entries the first time it changes.
 *
 * <p>The window is as of the task's event time (its stream time), and every {@code risk.refresh-interval}
 * ({@link EventTimeRefresh}) every key is moved on to it: a key that stopped receiving rows (a regime that
 * ended) loses its rows as they pass max-age, and when none is left its figures are withdrawn with a
 * tombstone on the compacted topic and its state is deleted. A record's timestamp is its as-of time.
 */
final class CvarProcessor implements Processor<String, ReconciledAlpha, String, StrategyRegimeRisk> {

    static final String WINDOWS = "cvar-windows";
    static final String ROWS = "cvar-rows";
    static final String PUBLISHED = "cvar-published";
    private static final String SEPARATOR = "|";

    private final RiskSettings settings;
    private final Clock clock;
    private ProcessorContext<String, StrategyRegimeRisk> context;
    private KeyValueStore<String, byte[]> summaries;
    private KeyValueStore<String, byte[]> rows;
    /** The task's windows decoded: only valid while this processor owns the stores (cleared in close). */
    private final Map<String, CvarWindow> windows = new HashMap<>();
    private PublishOnChange<StrategyRegimeRisk> published;

    CvarProcessor(RiskSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, StrategyRegimeRisk> context) {
        this.context = context;
        this.summaries = context.getStateStore(WINDOWS);
        this.rows = context.getStateStore(ROWS);
        windows.clear();
        this.published = PublishOnChange.ignoringUpdatedAt(context.getStateStore(PUBLISHED), StrategyRegimeRisk.getClassSchema());
        EventTimeRefresh.schedule(context, settings.refreshInterval(), this::refreshAll);
    }

    @Override
    public void close() {
        windows.clear();
    }

    @Override
    public void process(Record<String, ReconciledAlpha> record) {
        try {
            update(record);
        } catch (RuntimeException e) {
            windows.remove(record.key()); // a change that failed half-way is not kept: the stores have the truth
            throw e;
        }
    }

    /** The key's window, decoded from its stored entries at its first touch; a new empty one when it has none. */
    private CvarWindow window(String key) {
        CvarWindow window = windows.get(key);
        if (window == null) {
            byte[] summary = summaries.get(key);
            if (summary == null) {
                window = new CvarWindow(settings.cvar());
            } else {
                List<byte[]> rowEntries = new ArrayList<>();
                try (KeyValueIterator<String, byte[]> stored = rows.prefixScan(key + SEPARATOR, new StringSerializer())) {
                    stored.forEachRemaining(entry -> rowEntries.add(entry.value));
                }
                window = CvarWindow.restore(summary, rowEntries, settings.cvar());
            }
            windows.put(key, window);
        }
        return window;
    }

    /** Writes the window's changes: the rows it gained and lost, and its summary (gone with its last row). */
    private void write(String key, CvarWindow window) {
        CvarWindow.Changes changes = window.takeChanges();
        for (CvarWindow.Row row : changes.removed()) {
            rows.delete(rowKey(key, row));
        }
        for (CvarWindow.Row row : changes.added()) {
            rows.put(rowKey(key, row), row.toBytes());
        }
        if (window.size() == 0) {
            summaries.delete(key);
            windows.remove(key);
        } else {
            summaries.put(key, window.summaryBytes());
        }
    }

    /** {@code <key>|<matured_at>|<seq>}, numbers zero-padded to 20 digits: a key's rows are one prefix range, in time order. */
    static String rowKey(String key, CvarWindow.Row row) {
        return key + SEPARATOR + padded(row.maturedAtMillis()) + SEPARATOR + padded(row.seq());
    }

    private static String padded(long value) {
        String digits = Long.toString(value);
        return "0".repeat(Math.max(0, 20 - digits.length())) + digits;
    }

    private void update(Record<String, ReconciledAlpha> record) {
        ReconciledAlpha row = record.value();
        long now = Math.max(record.timestamp(), context.currentStreamTimeMs());
        CvarWindow window = window(record.key());
        boolean expired = window.expire(Instant.ofEpochMilli(now));
        boolean added = window.add(Rows.of(row));
        if (expired || added) {
            save(record.key(), window, row.getStrategyClass(), row.getRegime(), row.getHorizonHours(), now);
        }
    }

    /** Every key of this task moved on to {@code now}; what changed is published. */
    private void refreshAll(long now) {
        for (String key : keys()) {
            CvarWindow window = window(key);
            if (!window.expire(Instant.ofEpochMilli(now))) {
                continue; // no row left the window: its figures and its stored rows are unchanged
            }
            StrategyRegimeRisk before = published.last(key);
            if (before != null) {
                save(key, window, before.getStrategyClass(), before.getRegime(), before.getHorizonHours(), now);
            } else { // never published (cannot happen: a first row always is); keep the store exact
                write(key, window);
            }
        }
    }

    /** Every key with a window in the store, read before any is written (a refresh walks them all). */
    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = summaries.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    private void save(String key, CvarWindow window, String strategyClass, String regime, int horizonHours, long now) {
        long asOf = Math.max(now, window.clockMillis());
        write(key, window);
        if (window.size() == 0) { // every row has aged out: no figures any more
            if (published.withdraw(key)) {
                context.forward(new Record<>(key, null, asOf));
            }
            return;
        }
        CvarFigures f = window.figures().orElseThrow();
        StrategyRegimeRisk risk = StrategyRegimeRisk.newBuilder()
                .setStrategyClass(strategyClass)
                .setRegime(regime)
                .setHorizonHours(horizonHours)
                .setN(f.n())
                .setCvar95ShortfallBps(f.cvar95ShortfallBps())
                .setVar95Bps(f.var95Bps())
                .setMeanErrorBps(f.meanErrorBps())
                .setHitRate(f.hitRate())
                .setPnlSumBps(f.pnlSumBps())
                .setWindowStart(f.windowStart())
                .setWindowEnd(f.windowEnd())
                .setUpdatedAt(clock.instant())
                .build();
        if (published.changed(key, risk)) { // updated_at is not a figure
            context.forward(new Record<>(key, risk, asOf));
        }
    }
}
