package com.metasupervisor.reconciler.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.reconciler.domain.PricePoint;
import com.metasupervisor.streams.state.PlainAvroSerde;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pending-matches store format: StateBytes layout, and the bytes stores already hold still read. */
class PendingMatchSerdeTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:30:00Z");
    private final PendingMatchSerde serde = new PendingMatchSerde();

    @Test
    void aMatchWithAndWithoutItsEntryRoundTrips() {
        for (PricePoint entry : Arrays.asList(new PricePoint(T0.plusSeconds(7), 101.25), null)) {
            PendingMatch match = new PendingMatch(event(), 4, entry);
            byte[] bytes = serde.serializer().serialize("t", match);
            assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(match);
        }
    }

    @Test
    void bytesWrittenByTheFormerHandWrittenLayoutAreReadUnchanged() {
        // the layout as it was written before StateBytes: version 1, horizon, entry flag, entry time and price, event
        byte[] event = new PlainAvroSerde<>(AlphaEvent.class).encode(event());
        byte[] stored = ByteBuffer.allocate(1 + 4 + 1 + 16 + event.length)
                .put((byte) 1).putInt(24).put((byte) 1).putLong(T0.toEpochMilli()).putDouble(99.5).put(event).array();

        assertThat(serde.deserializer().deserialize("t", stored)).isEqualTo(new PendingMatch(event(), 24, new PricePoint(T0, 99.5)));
        assertThat(serde.serializer().serialize("t", new PendingMatch(event(), 24, new PricePoint(T0, 99.5)))).isEqualTo(stored);
    }

    @Test
    void anotherVersionIsRefusedNamingTheType() {
        byte[] bytes = serde.serializer().serialize("t", new PendingMatch(event(), 1, null));
        bytes[0] = 9;
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes))
                .hasMessageContaining("pending match").hasMessageContaining("version 9");
    }

    private static AlphaEvent event() {
        return AlphaEvent.newBuilder().setEventId("e-1").setAgent("a").setSymbol("BTC").setDirection(-1).setScoreFinal(0.8)
                .setConfidence(0.6).setRegime("TREND").setEmittedAt(T0).setEntryPrice(null).setHorizonsHours(List.of(1, 24))
                .setStrategyClass("momentum").build();
    }
}
