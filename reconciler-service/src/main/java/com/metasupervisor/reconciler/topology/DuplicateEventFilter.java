package com.metasupervisor.reconciler.topology;

import com.metasupervisor.avro.AlphaEvent;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Drops an event whose (agent, event_id) was seen within the dedup window, and counts it. The
 * store keeps each id for the window only (segments expire with stream time).
 */
final class DuplicateEventFilter implements FixedKeyProcessor<String, AlphaEvent, AlphaEvent> {

    static final String STORE = "seen-event-ids";

    private final long windowMillis;
    private final ReconcilerMetrics metrics;
    private FixedKeyProcessorContext<String, AlphaEvent> context;
    private WindowStore<String, Long> seen;

    DuplicateEventFilter(Duration window, ReconcilerMetrics metrics) {
        this.windowMillis = window.toMillis(); // once, not twice per event
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, AlphaEvent> context) {
        this.context = context;
        this.seen = context.getStateStore(STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, AlphaEvent> record) {
        AlphaEvent event = record.value();
        String id = event.getAgent() + PendingKey.SEP + event.getEventId();
        long at = record.timestamp();
        try (WindowStoreIterator<Long> earlier = seen.fetch(id, at - windowMillis, at + windowMillis)) {
            if (earlier.hasNext()) {
                metrics.duplicate();
                return;
            }
        }
        seen.put(id, at, at);
        context.forward(record);
    }
}
