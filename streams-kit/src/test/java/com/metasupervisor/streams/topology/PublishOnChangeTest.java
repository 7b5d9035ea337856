package com.metasupervisor.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.streams.state.PlainAvroSerde;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PublishOnChangeTest {

    private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");

    private KeyValueStore<String, StrategyRegimeRisk> store;
    private PublishOnChange<StrategyRegimeRisk> published;

    @BeforeEach
    void store() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("published"), Serdes.String(),
                new PlainAvroSerde<>(StrategyRegimeRisk.class)).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        published = PublishOnChange.ignoringUpdatedAt(store, StrategyRegimeRisk.getClassSchema());
    }

    @Test
    void theFirstRecordIsAChangeTheSameFiguresLaterAreNotAnotherFigureIs() {
        assertThat(published.changed("k", risk(3, 10.0, T0))).isTrue();
        assertThat(published.last("k")).isEqualTo(risk(3, 10.0, T0));

        assertThat(published.changed("k", risk(3, 10.0, T0.plusSeconds(60)))).as("only updated_at differs").isFalse();
        assertThat(published.last("k").getUpdatedAt()).as("the last published record stays").isEqualTo(T0);

        assertThat(published.changed("k", risk(4, 10.0, T0.plusSeconds(120)))).isTrue();
        assertThat(published.changed("k", risk(4, 10.5, T0.plusSeconds(120)))).isTrue();
        assertThat(published.last("k")).isEqualTo(risk(4, 10.5, T0.plusSeconds(120)));
        assertThat(published.changed("other", risk(4, 10.5, T0.plusSeconds(120)))).as("per key").isTrue();
    }

    @Test
    void aWithdrawnKeyIsForgottenOnce() {
        published.changed("k", risk(3, 10.0, T0));

        assertThat(published.withdraw("k")).isTrue();
        assertThat(store.get("k")).isNull();
        assertThat(published.withdraw("k")).as("nothing left to withdraw").isFalse();
        assertThat(published.changed("k", risk(3, 10.0, T0))).as("after a withdrawal the same figures are new").isTrue();
    }

    @Test
    void anIgnoredFieldMustBeAFieldOfTheRecord() {
        assertThatThrownBy(() -> PublishOnChange.ignoring(store, StrategyRegimeRisk.getClassSchema(), "updated"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("StrategyRegimeRisk has no field updated");
    }

    @Test
    void anyFieldCanBeIgnored() {
        PublishOnChange<StrategyRegimeRisk> ignoringN = PublishOnChange.ignoring(store, StrategyRegimeRisk.getClassSchema(),
                "n", PublishOnChange.UPDATED_AT);
        assertThat(ignoringN.sameButIgnored(risk(3, 10.0, T0), risk(9, 10.0, T0.plusSeconds(1)))).isTrue();
        assertThat(ignoringN.sameButIgnored(risk(3, 10.0, T0), risk(3, 11.0, T0))).isFalse();
        assertThat(ignoringN.sameButIgnored(null, risk(3, 10.0, T0))).isFalse();
    }

    private static StrategyRegimeRisk risk(long n, double cvar, Instant updatedAt) {
        return StrategyRegimeRisk.newBuilder().setStrategyClass("arb").setRegime("TREND").setHorizonHours(24).setN(n)
                .setCvar95ShortfallBps(cvar).setVar95Bps(cvar).setMeanErrorBps(1).setHitRate(0.5).setPnlSumBps(2)
                .setWindowStart(T0).setWindowEnd(T0).setUpdatedAt(updatedAt).build();
    }
}
