package com.metasupervisor.risk.topology;

import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.risk.config.RiskSettings;
import com.metasupervisor.risk.domain.CvarFigures;
import com.metasupervisor.risk.domain.CvarWindow;
import com.metasupervisor.streams.state.DecodedWindows;
import com.metasupervisor.streams.topology.EventTimeRefresh;
import com.metasupervisor.streams.topology.PublishOnChange;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * One strategy × regime × horizon per key ({@code strategy|regime|horizon}): adds each row to the key's
 * {@link CvarWindow} and publishes {@link StrategyRegimeRisk} when its figures changed. The window's
 * bytes and the last published figures are the only state, one entry each per key.
 *
 * <p>The window is as of the task's event time (its stream time), and every {@code risk.refresh-interval}
 * ({@link EventTimeRefresh}) every key is moved on to it: a key that stopped receiving rows (a regime that
 * ended) loses its rows as they pass max-age, and when none is left its figures are withdrawn with a
 * tombstone on the compacted topic and its state is deleted. A record's timestamp is its as-of time.
 */
final class CvarProcessor implements Processor<String, ReconciledAlpha, String, StrategyRegimeRisk> {

    static final String WINDOWS = "cvar-windows";
    static final String PUBLISHED = "cvar-published";

    private final RiskSettings settings;
    private final Clock clock;
    private ProcessorContext<String, StrategyRegimeRisk> context;
    private DecodedWindows<CvarWindow> windows;
    private PublishOnChange<StrategyRegimeRisk> published;

    CvarProcessor(RiskSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, StrategyRegimeRisk> context) {
        this.context = context;
        this.windows = new DecodedWindows<>(context.getStateStore(WINDOWS), bytes -> CvarWindow.fromBytes(bytes, settings.cvar()),
                CvarWindow::toBytes, () -> new CvarWindow(settings.cvar()));
        this.published = PublishOnChange.ignoringUpdatedAt(context.getStateStore(PUBLISHED), StrategyRegimeRisk.getClassSchema());
        EventTimeRefresh.schedule(context, settings.refreshInterval(), this::refreshAll);
    }

    @Override
    public void close() {
        if (windows != null) {
            windows.clear();
        }
    }

    @Override
    public void process(Record<String, ReconciledAlpha> record) {
        windows.changing(record.key(), () -> update(record));
    }

    private void update(Record<String, ReconciledAlpha> record) {
        ReconciledAlpha row = record.value();
        long now = Math.max(record.timestamp(), context.currentStreamTimeMs());
        CvarWindow window = windows.get(record.key());
        boolean expired = window.expire(Instant.ofEpochMilli(now));
        boolean added = window.add(Rows.of(row));
        if (expired || added) {
            save(record.key(), window, row.getStrategyClass(), row.getRegime(), row.getHorizonHours(), now);
        }
    }

    /** Every key of this task moved on to {@code now}; what changed is published. */
    private void refreshAll(long now) {
        for (String key : windows.keys()) {
            CvarWindow window = windows.get(key);
            if (!window.expire(Instant.ofEpochMilli(now))) {
                continue; // no row left the window: its figures and its bytes' rows are unchanged
            }
            StrategyRegimeRisk before = published.last(key);
            if (before != null) {
                save(key, window, before.getStrategyClass(), before.getRegime(), before.getHorizonHours(), now);
            } else if (window.size() == 0) { // never published (cannot happen: a first row always is); keep the store exact
                windows.delete(key);
            } else {
                windows.put(key, window);
            }
        }
    }

    private void save(String key, CvarWindow window, String strategyClass, String regime, int horizonHours, long now) {
        long asOf = Math.max(now, window.clockMillis());
        if (window.size() == 0) { // every row has aged out: no figures any more
            windows.delete(key);
            if (published.withdraw(key)) {
                context.forward(new Record<>(key, null, asOf));
            }
            return;
        }
        windows.put(key, window);
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
