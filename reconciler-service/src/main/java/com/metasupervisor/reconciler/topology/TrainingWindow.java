package com.metasupervisor.reconciler.topology;

import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.reconciler.domain.sim.TrainingRow;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The newest {@code max-rows} reconciled rows of each horizon, kept as a ring per horizon
 * ({@code h24|slot} → score, confidence, realized PnL, matured_at; {@code h24#} → rows written), so
 * training reads a bounded window instead of re-reading history. Fed by rows keyed by model key.
 */
public final class TrainingWindow implements Processor<String, ReconciledAlpha, Void, Void> {

    public static final String STORE = "training-rows";
    private static final int ROW_BYTES = 8 * 4;

    private final int maxRows;
    private KeyValueStore<String, byte[]> rows;

    TrainingWindow(int maxRows) {
        this.maxRows = maxRows;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        rows = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, ReconciledAlpha> record) {
        String modelKey = record.key();
        byte[] counter = rows.get(counterKey(modelKey));
        long written = counter == null ? 0 : ByteBuffer.wrap(counter).getLong();
        ReconciledAlpha row = record.value();
        rows.put(slotKey(modelKey, written % maxRows), ByteBuffer.allocate(ROW_BYTES)
                .putDouble(row.getScoreFinal()).putDouble(row.getConfidence()).putDouble(row.getRealizedPnlBps())
                .putLong(row.getMaturedAt().toEpochMilli()).array());
        rows.put(counterKey(modelKey), ByteBuffer.allocate(8).putLong(written + 1).array());
    }

    /** Every row of the window of {@code modelKey}, read from a (possibly queried) store. */
    public static List<TrainingRow> read(ReadOnlyKeyValueStore<String, byte[]> store, String modelKey) {
        List<TrainingRow> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.range(modelKey + "|", modelKey + "|~")) {
            while (it.hasNext()) {
                ByteBuffer b = ByteBuffer.wrap(it.next().value);
                out.add(new TrainingRow(b.getDouble(), b.getDouble(), b.getDouble(), Instant.ofEpochMilli(b.getLong())));
            }
        }
        return out;
    }

    /** How many rows were ever written for {@code modelKey} (the window holds the newest of them). */
    public static long written(ReadOnlyKeyValueStore<String, byte[]> store, String modelKey) {
        byte[] counter = store.get(counterKey(modelKey));
        return counter == null ? 0 : ByteBuffer.wrap(counter).getLong();
    }

    private static String slotKey(String modelKey, long slot) {
        String digits = Long.toString(slot);
        return modelKey + "|" + "0".repeat(Math.max(0, 10 - digits.length())) + digits;
    }

    private static String counterKey(String modelKey) {
        return modelKey + "#";
    }
}
