package com.metasupervisor.risk.topology;

import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.risk.config.CvarSettings;
import com.metasupervisor.risk.domain.CvarFigures;
import com.metasupervisor.risk.domain.CvarWindow;
import java.time.Clock;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One strategy × regime × horizon per key ({@code strategy|regime|horizon}): adds each row to the key's
 * {@link CvarWindow} and publishes {@link StrategyRegimeRisk} when its figures changed. The window's
 * bytes and the last published figures are the only state, one entry each per key.
 */
final class CvarProcessor implements Processor<String, ReconciledAlpha, String, StrategyRegimeRisk> {

    static final String WINDOWS = "cvar-windows";
    static final String PUBLISHED = "cvar-published";

    private final CvarSettings settings;
    private final Clock clock;
    private ProcessorContext<String, StrategyRegimeRisk> context;
    private DecodedWindows<CvarWindow> windows;
    private KeyValueStore<String, StrategyRegimeRisk> published;

    CvarProcessor(CvarSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, StrategyRegimeRisk> context) {
        this.context = context;
        this.windows = new DecodedWindows<>(context.getStateStore(WINDOWS), bytes -> CvarWindow.fromBytes(bytes, settings),
                CvarWindow::toBytes, () -> new CvarWindow(settings));
        this.published = context.getStateStore(PUBLISHED);
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
        CvarWindow window = windows.get(record.key());
        if (!window.add(Rows.of(row))) {
            return; // too old for the window: nothing changed
        }
        windows.put(record.key(), window);
        CvarFigures f = window.figures().orElseThrow();
        StrategyRegimeRisk risk = StrategyRegimeRisk.newBuilder()
                .setStrategyClass(row.getStrategyClass())
                .setRegime(row.getRegime())
                .setHorizonHours(row.getHorizonHours())
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
        if (!sameFigures(published.get(record.key()), risk)) {
            published.put(record.key(), risk);
            context.forward(record.withValue(risk));
        }
    }

    /** Equal but for updated_at. */
    static boolean sameFigures(StrategyRegimeRisk before, StrategyRegimeRisk now) {
        return before != null && Objects.equals(
                StrategyRegimeRisk.newBuilder(before).setUpdatedAt(now.getUpdatedAt()).build(), now);
    }
}
