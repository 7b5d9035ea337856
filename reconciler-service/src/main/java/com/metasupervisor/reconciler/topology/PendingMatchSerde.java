package com.metasupervisor.reconciler.topology;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.reconciler.domain.PricePoint;
import com.metasupervisor.streams.state.PlainAvroSerde;
import com.metasupervisor.streams.state.StateBytes;
import java.time.Instant;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * State format of a pending match, in the {@link StateBytes} layout: horizon, whether the entry is known, its
 * time and price (zeros when not), then the event as Avro binary (the rest of the bytes).
 */
final class PendingMatchSerde implements Serde<PendingMatch> {

    private static final byte VERSION = 1;
    private static final String TYPE = "pending match";
    private final PlainAvroSerde<AlphaEvent> events = new PlainAvroSerde<>(AlphaEvent.class);

    @Override
    public Serializer<PendingMatch> serializer() {
        return (topic, m) -> {
            if (m == null) {
                return null;
            }
            byte[] event = events.encode(m.event());
            return StateBytes.write(VERSION, 4 + 1 + 16 + event.length, out -> {
                out.writeInt(m.horizonHours());
                out.writeBoolean(m.entry() != null);
                out.writeLong(m.entry() == null ? 0 : m.entry().at().toEpochMilli());
                out.writeDouble(m.entry() == null ? 0 : m.entry().price());
                out.writeRest(event);
            });
        };
    }

    @Override
    public Deserializer<PendingMatch> deserializer() {
        return (topic, bytes) -> bytes == null ? null : StateBytes.read(bytes, VERSION, TYPE, in -> {
            int horizon = in.readInt();
            boolean hasEntry = in.readBoolean();
            long entryAt = in.readLong();
            double entryPrice = in.readDouble();
            PricePoint entry = hasEntry ? new PricePoint(Instant.ofEpochMilli(entryAt), entryPrice) : null;
            return new PendingMatch(events.decode(in.readRest()), horizon, entry);
        });
    }
}
