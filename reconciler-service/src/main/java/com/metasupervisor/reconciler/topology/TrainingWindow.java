package com.metasupervisor.reconciler.topology;

import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.reconciler.domain.sim.TrainingRow;
import com.metasupervisor.streams.state.StateBytes;
import java.nio.ByteBuffer;
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
 * ({@code h24|slot} → a {@link TrainingRow} in its own byte layout; {@code h24#} → rows written), so
 * training reads a bounded window instead of re-reading history. Fed by rows keyed by model key.
 */
public final class TrainingWindow implements Processor<String, ReconciledAlpha, Void, Void> {

    public static final String STORE = "training-rows";
    /** Format of the counter (streams-kit's state byte rule): this byte, then the count. */
    private static final byte COUNTER_VERSION = 1;

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
        long written = written(rows, modelKey);
        ReconciledAlpha row = record.value();
        rows.put(slotKey(modelKey, written % maxRows),
                new TrainingRow(row.getScoreFinal(), row.getConfidence(), row.getRealizedPnlBps(), row.getMaturedAt()).toBytes());
        rows.put(counterKey(modelKey), StateBytes.write(COUNTER_VERSION, Long.BYTES, out -> out.writeLong(written + 1)));
    }

    /** Every row of the window of {@code modelKey}, read from a (possibly queried) store. */
    public static List<TrainingRow> read(ReadOnlyKeyValueStore<String, byte[]> store, String modelKey) {
        List<TrainingRow> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.range(modelKey + "|", modelKey + "|~")) {
            while (it.hasNext()) {
                out.add(TrainingRow.fromBytes(it.next().value));
            }
        }
        return out;
    }

    /** How many rows were ever written for {@code modelKey} (the window holds the newest of them). */
    public static long written(ReadOnlyKeyValueStore<String, byte[]> store, String modelKey) {
        byte[] counter = store.get(counterKey(modelKey));
        if (counter == null) {
            return 0;
        }
        if (counter.length == Long.BYTES) {
            return ByteBuffer.wrap(counter).getLong(); // written before the state byte rule: no version byte
        }
        return StateBytes.read(counter, COUNTER_VERSION, "training-window counter", StateBytes.In::readLong);
    }

    private static String slotKey(String modelKey, long slot) {
        String digits = Long.toString(slot);
        return modelKey + "|" + "0".repeat(Math.max(0, 10 - digits.length())) + digits;
    }

    private static String counterKey(String modelKey) {
        return modelKey + "#";
    }
}
