package com.metasupervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.metasupervisor.avro.ReconciledAlpha;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The old system's reconciled rows as ReconciledAlpha: fields kept, derived and defaulted as documented, bad fields named. */
class LegacyReconciledRowTest {

    @Test
    void aFullOldRowKeepsEveryField() throws Exception {
        ReconciledAlpha row = LegacyReconciledRow.fromLegacy(json("""
                {"event_id":"ev-9","agent":"macro_1","strategy_class":"macro","symbol":"ES","regime":"TREND","horizon_hours":24,
                 "emitted_at":"2025-03-01T12:00:00+00:00","matured_at":"2025-03-02T12:05:00Z","direction":-1,"score_final":0.8,
                 "confidence":0.6,"entry_price":100.0,"exit_price":99.0,"realized_pnl_bps":100.0,"expected_pnl_bps":12.5,
                 "expected_sigma_bps":40.1,"pnl_error_bps":87.5,"abs_error_bps":87.5,"sim_version":"ridge_h24","hit":true,
                 "extra_python_field":[1,2]}"""), Map.of());
        assertThat(row.getEventId()).isEqualTo("ev-9");
        assertThat(row.getStrategyClass()).isEqualTo("macro");
        assertThat(row.getEmittedAt()).isEqualTo(Instant.parse("2025-03-01T12:00:00Z"));
        assertThat(row.getMaturedAt()).isEqualTo(Instant.parse("2025-03-02T12:05:00Z"));
        assertThat(row.getDirection()).isEqualTo(-1);
        assertThat(row.getExitPrice()).isEqualTo(99.0);
        assertThat(row.getExpectedSigmaBps()).isEqualTo(40.1);
        assertThat(row.getPnlErrorBps()).isEqualTo(87.5);
        assertThat(row.getSimVersion()).isEqualTo("ridge_h24");
        assertThat(row.getHit()).isTrue();
    }

    @Test
    void aMinimalOldRowIsCompletedTheDocumentedWay() throws Exception {
        // Python's time.time() seconds, the older pnl_bps name, no strategy class: the manifest's
        ReconciledAlpha row = LegacyReconciledRow.fromLegacy(json("""
                {"agent":"arb_1","horizon_hours":"4","ts":1740830400.1239,"pnl_bps":-20.0,"expected_pnl_bps":5.0}"""),
                Map.of("arb_1", "arb"));
        assertThat(row.getEmittedAt()).isEqualTo(Instant.parse("2025-03-01T12:00:00.123Z"));
        assertThat(row.getMaturedAt()).isEqualTo(Instant.parse("2025-03-01T16:00:00.123Z"));
        assertThat(row.getHorizonHours()).isEqualTo(4);
        assertThat(row.getStrategyClass()).isEqualTo("arb");
        assertThat(row.getSymbol()).isEqualTo("unknown");
        assertThat(row.getRegime()).isEqualTo("unknown");
        assertThat(row.getDirection()).isEqualTo(1);
        assertThat(row.getPnlErrorBps()).isEqualTo(-25.0);
        assertThat(row.getAbsErrorBps()).isEqualTo(25.0);
        assertThat(row.getExpectedSigmaBps()).isNull();
        assertThat(row.getSimVersion()).isEqualTo("fallback_zero");
        assertThat(row.getHit()).isFalse();
        // SPEC §3's formula holds on the derived prices
        assertThat(row.getDirection() * (row.getExitPrice() / row.getEntryPrice() - 1) * 10_000).isCloseTo(-20.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(row.getEventId()).startsWith("legacy-").hasSize("legacy-".length() + 16);
        // no class anywhere: unknown; a zone-less ISO time is UTC
        ReconciledAlpha unknown = LegacyReconciledRow.fromLegacy(json("""
                {"agent":"x","horizon_hours":1,"emitted_at":"2025-03-01T12:00:00","realized_pnl_bps":1}"""), Map.of());
        assertThat(unknown.getStrategyClass()).isEqualTo("unknown");
        assertThat(unknown.getEmittedAt()).isEqualTo(Instant.parse("2025-03-01T12:00:00Z"));
    }

    @Test
    void theDerivedEventIdIsStableAndSharedByAnEventsHorizons() throws Exception {
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < 200; i++) {
            String agent = "agent_" + random.nextInt(5);
            long at = random.nextLong(1_600_000_000_000L, 1_800_000_000_000L);
            double score = random.nextDouble();
            String event = "\"agent\":\"%s\",\"symbol\":\"BTC\",\"emitted_at\":%d,\"score_final\":%s,\"confidence\":0.5".formatted(agent, at, score);
            ReconciledAlpha h1 = LegacyReconciledRow.fromLegacy(json("{" + event + ",\"horizon_hours\":1,\"realized_pnl_bps\":3}"), Map.of());
            ReconciledAlpha h24 = LegacyReconciledRow.fromLegacy(json("{" + event + ",\"horizon_hours\":24,\"realized_pnl_bps\":-8}"), Map.of());
            ReconciledAlpha again = LegacyReconciledRow.fromLegacy(json("{" + event + ",\"horizon_hours\":1,\"realized_pnl_bps\":3}"), Map.of());
            assertThat(h24.getEventId()).isEqualTo(h1.getEventId());
            assertThat(again).isEqualTo(h1);
            ReconciledAlpha otherCall = LegacyReconciledRow.fromLegacy(json("{" + event.replace("BTC", "ETH")
                    + ",\"horizon_hours\":1,\"realized_pnl_bps\":3}"), Map.of());
            assertThat(otherCall.getEventId()).isNotEqualTo(h1.getEventId());
        }
    }

    @Test
    void aBadFieldIsNamed() {
        String base = "\"agent\":\"a\",\"horizon_hours\":24,\"emitted_at\":\"2025-03-01T12:00:00Z\"";
        assertField("{" + base + "}", "realized_pnl_bps", "missing required field (or pnl_bps)");
        assertField("{\"horizon_hours\":24,\"emitted_at\":0,\"realized_pnl_bps\":1}", "agent", "missing required field");
        assertField("{" + base + ",\"realized_pnl_bps\":\"12\"}", "realized_pnl_bps", "expected a finite number");
        assertField("{" + base + ",\"realized_pnl_bps\":1,\"confidence\":1.5}", "confidence", "in [0, 1]");
        assertField("{" + base + ",\"realized_pnl_bps\":1,\"direction\":0}", "direction", "expected +1 or -1");
        assertField("{" + base.replace("24", "0") + ",\"realized_pnl_bps\":1}", "horizon_hours", "must be >= 1");
        assertField("{" + base.replace("2025-03-01T12:00:00Z", "last tuesday") + ",\"realized_pnl_bps\":1}", "emitted_at", "not an ISO-8601 time");
        assertField("{\"agent\":\"a\",\"horizon_hours\":24,\"realized_pnl_bps\":1}", "emitted_at", "missing required field");
        assertField("{" + base + ",\"realized_pnl_bps\":1,\"entry_price\":0}", "entry_price", "must be > 0");
    }

    private static void assertField(String row, String field, String why) {
        assertThatThrownBy(() -> LegacyReconciledRow.fromLegacy(json(row), Map.of()))
                .isInstanceOfSatisfying(JsonFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(why);
                });
    }

    private static JsonNode json(String text) throws Exception {
        return RecordJson.JSON.readTree(text);
    }
}
