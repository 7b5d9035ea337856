package com.metasupervisor.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PriceTick;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class IdentityCachedDatumProviderTest {

    private final IdentityCachedDatumProvider<Object> provider = specific();

    private static IdentityCachedDatumProvider<Object> specific() {
        IdentityCachedDatumProvider<Object> provider = new IdentityCachedDatumProvider<>();
        provider.setUseSpecificAvroReader(true); // what the serde's configuration sets
        return provider;
    }

    @Test
    void theSameSchemaObjectGetsTheSameWriterAndReader() {
        PriceTick tick = tick();
        assertThat(provider.createDatumWriter(tick, PriceTick.getClassSchema()))
                .isSameAs(provider.createDatumWriter(tick, PriceTick.getClassSchema()));
        assertThat(provider.createDatumReader(PriceTick.getClassSchema()))
                .isSameAs(provider.createDatumReader(PriceTick.getClassSchema()));
    }

    @Test
    void anotherTypeGetsItsOwnWriterAndAnEqualSchemaCopyStillWrites() {
        PriceTick tick = tick();
        Schema copy = new Schema.Parser().parse(PriceTick.getClassSchema().toString());
        assertThat(provider.createDatumWriter(tick, copy)).isNotNull();
        assertThat(provider.createDatumWriter(tick, PriceTick.getClassSchema()))
                .isNotSameAs(provider.createDatumWriter(AlphaEvent.newBuilder().setEventId("e").setAgent("a").setSymbol("s")
                        .setDirection(1).setScoreFinal(0).setConfidence(0).setRegime("R").setEmittedAt(Instant.EPOCH)
                        .build(), AlphaEvent.getClassSchema()));
    }

    @Test
    void cachedWriterAndReaderStillRoundTrip() throws Exception {
        PriceTick tick = tick();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var encoder = EncoderFactory.get().binaryEncoder(out, null);
        provider.createDatumWriter(tick, PriceTick.getClassSchema()).write(tick, encoder);
        encoder.flush();
        Object read = provider.createDatumReader(PriceTick.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        assertThat(read).isEqualTo(tick);
    }

    private static PriceTick tick() {
        return PriceTick.newBuilder().setSymbol("BTC").setTs(Instant.parse("2026-01-01T00:00:00Z")).setPrice(1.5).build();
    }
}
