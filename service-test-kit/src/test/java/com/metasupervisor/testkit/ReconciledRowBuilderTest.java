package com.metasupervisor.testkit;

import static com.metasupervisor.testkit.ReconciledRowBuilder.reconciledRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.avro.ReconciledAlpha;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReconciledRowBuilderTest {

    private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");

    @Test
    void namedFieldsAndTheFiguresDerivedFromThem() {
        ReconciledAlpha row = reconciledRow().eventId("e7").agent("agent-a").strategy("funding").regime("RANGE")
                .horizonHours(4).maturedAt(T0).realizedBps(30).expectedBps(40).sigmaBps(25.0).build();

        assertThat(row.getEventId()).isEqualTo("e7");
        assertThat(row.getAgent()).isEqualTo("agent-a");
        assertThat(row.getStrategyClass()).isEqualTo("funding");
        assertThat(row.getRegime()).isEqualTo("RANGE");
        assertThat(row.getHorizonHours()).isEqualTo(4);
        assertThat(row.getMaturedAt()).isEqualTo(T0);
        assertThat(row.getEmittedAt()).isEqualTo(T0.minusSeconds(4 * 3600));
        assertThat(row.getPnlErrorBps()).isEqualTo(-10);
        assertThat(row.getAbsErrorBps()).isEqualTo(10);
        assertThat(row.getHit()).isTrue();
        assertThat(row.getExitPrice()).isEqualTo(100.3, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(row.getSimVersion()).isEqualTo("ridge_h4_v1");
    }

    @Test
    void aRowWithoutSigmaHadNoModelAndABaseRowStaysAsItWas() {
        ReconciledRowBuilder base = reconciledRow().agent("agent-b").realizedBps(-5);
        ReconciledAlpha changed = base.eventId("e2").build();

        assertThat(changed.getSimVersion()).isEqualTo("fallback_zero");
        assertThat(changed.getExpectedSigmaBps()).isNull();
        assertThat(changed.getHit()).isFalse();
        assertThat(base.eventId()).isEqualTo("e1");
        assertThat(base.build().getAgent()).isEqualTo("agent-b");
    }

    @Test
    void aHorizonMustBePositive() {
        assertThatThrownBy(() -> reconciledRow().horizonHours(0)).hasMessageContaining("horizonHours");
    }
}
