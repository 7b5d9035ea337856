package com.metasupervisor.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.avro.AgentLifecycle;
import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.schemas.Topics;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class CatalogInputTest {

    private final Serde<CatalogInput> serde = CatalogInput.serde();

    private static AgentManifest manifest() {
        return AgentManifest.newBuilder().setAgent("arb_1").setStrategyClass("arb").setStatus(AgentLifecycle.LIVE)
                .setOwner("desk ü").setUpdatedAt(Instant.parse("2026-11-30T00:00:00Z")).build();
    }

    @Test
    void aRecordAndATombstoneRoundTripWithTopicAndKey() {
        CatalogInput in = new CatalogInput(Topics.AGENTS_REGISTRY.name(), "arb_1", manifest());
        CatalogInput back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", in));
        assertThat(back).isEqualTo(in);
        assertThat(back.value(Topics.AGENTS_REGISTRY).getOwner()).isEqualTo("desk ü");
        CatalogInput tombstone = new CatalogInput(Topics.AGENTS_REGISTRY.name(), "gone", null);
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", tombstone))).isEqualTo(tombstone);
    }

    @Test
    void aValueOfAnotherTypeOrAnUnknownTopicIsRefused() {
        assertThatThrownBy(() -> new CatalogInput(Topics.MARKET_REGIME.name(), "current", manifest()))
                .hasMessageContaining("market.regime carries RegimeState, not AgentManifest");
        assertThatThrownBy(() -> new CatalogInput("nope", "k", null)).hasMessageContaining("not a catalog topic: nope");
        CatalogInput in = new CatalogInput(Topics.AGENTS_REGISTRY.name(), "arb_1", manifest());
        assertThat(in.from(Topics.AGENTS_REGISTRY)).isTrue();
        assertThatThrownBy(() -> in.value(Topics.MARKET_REGIME)).hasMessageContaining("not of market.regime");
    }

    @Test
    void bytesOfAnotherVersionAreRefused() {
        byte[] bytes = serde.serializer().serialize("t", new CatalogInput(Topics.AGENTS_REGISTRY.name(), "arb_1", manifest()));
        bytes[0] = 9;
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes)).hasMessageContaining("version");
    }
}
