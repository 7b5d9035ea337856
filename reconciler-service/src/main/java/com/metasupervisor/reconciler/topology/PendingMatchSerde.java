package com.metasupervisor.reconciler.topology;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.reconciler.domain.PricePoint;
import com.metasupervisor.streams.state.PlainAvroSerde;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** State format of a pending match: horizon, entry (if known), then the event as Avro binary. */
final class PendingMatchSerde implements Serde<PendingMatch> {

    private static final byte VERSION = 1;
    private final PlainAvroSerde<AlphaEvent> events = new PlainAvroSerde<>(AlphaEvent.class);

    @Override
    public Serializer<PendingMatch> serializer() {
        return (topic, m) -> {
            if (m == null) {
                return null;
            }
            byte[] event = events.encode(m.event());
            ByteBuffer out = ByteBuffer.allocate(1 + 4 + 1 + 16 + event.length);
            out.put(VERSION).putInt(m.horizonHours());
            if (m.entry() == null) {
                out.put((byte) 0).putLong(0).putDouble(0);
            } else {
                out.put((byte) 1).putLong(m.entry().at().toEpochMilli()).putDouble(m.entry().price());
            }
            return out.put(event).array();
        };
    }

    @Override
    public Deserializer<PendingMatch> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte version = in.get();
            if (version != VERSION) {
                throw new IllegalStateException("unknown pending-match format version " + version);
            }
            int horizon = in.getInt();
            boolean hasEntry = in.get() == 1;
            long entryAt = in.getLong();
            double entryPrice = in.getDouble();
            byte[] event = new byte[in.remaining()];
            in.get(event);
            PricePoint entry = hasEntry ? new PricePoint(Instant.ofEpochMilli(entryAt), entryPrice) : null;
            return new PendingMatch(events.decode(event), horizon, entry);
        };
    }
}
