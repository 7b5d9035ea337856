package com.metasupervisor.reconciler.topology;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.streams.state.PlainAvroSerde;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The by-symbol repartition format: a tag byte (1 call, 2 tick) then the Avro binary of the record. */
final class MatchInputSerde implements Serde<MatchInput> {

    private static final byte EVENT = 1;
    private static final byte TICK = 2;
    private final PlainAvroSerde<AlphaEvent> events = new PlainAvroSerde<>(AlphaEvent.class);
    private final PlainAvroSerde<PriceTick> ticks = new PlainAvroSerde<>(PriceTick.class);

    @Override
    public Serializer<MatchInput> serializer() {
        return (topic, input) -> switch (input) {
            case null -> null;
            case MatchInput.Event(AlphaEvent e) -> tagged(EVENT, events.encode(e));
            case MatchInput.Tick(PriceTick t) -> tagged(TICK, ticks.encode(t));
        };
    }

    @Override
    public Deserializer<MatchInput> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            byte[] body = Arrays.copyOfRange(bytes, 1, bytes.length);
            return switch (bytes[0]) {
                case EVENT -> new MatchInput.Event(events.decode(body));
                case TICK -> new MatchInput.Tick(ticks.decode(body));
                default -> throw new IllegalStateException("unknown match input tag " + bytes[0]);
            };
        };
    }

    private static byte[] tagged(byte tag, byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = tag;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }
}
