package com.metasupervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.Topics;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON mapping of export, import, publish and tail: exact round trips for every catalog type, and bad JSON named by field. */
class RecordJsonTest {

    private static final long SEED = 20261130L;

    static List<Topic<?>> catalogTopics() {
        return Topics.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogTopics")
    void everyCatalogTypeRoundTripsThroughAnExportLineExactly(Topic<?> topic) throws Exception {
        RandomCatalogValues values = new RandomCatalogValues(SEED ^ topic.name().hashCode());
        for (int i = 0; i < 300; i++) {
            SpecificRecord value = values.next(topic.valueType());
            TopicRecordLine line = new TopicRecordLine("key-" + i, 1_700_000_000_000L + i, value);
            String text = line.toJson().toString();
            assertThat(text).doesNotContain("\n");
            TopicRecordLine back = TopicRecordLine.parse(topic, RecordJson.JSON.readTree(text));
            assertThat(back.key()).isEqualTo(line.key());
            assertThat(back.timestamp()).isEqualTo(line.timestamp());
            assertThat(avroBytes(back.value())).as("seed %d, record %d: %s", SEED, i, text).isEqualTo(avroBytes(value));
        }
    }

    @Test
    void seededAlphaEventsAndReconciledRowsRoundTripAsPlainValues() throws Exception {
        RandomCatalogValues values = new RandomCatalogValues(SEED);
        for (int i = 0; i < 1_000; i++) {
            AlphaEvent event = values.next(AlphaEvent.class);
            assertThat(avroBytes(RecordJson.fromJson(AlphaEvent.class, RecordJson.JSON.readTree(RecordJson.toJson(event).toString()))))
                    .isEqualTo(avroBytes(event));
            ReconciledAlpha row = values.next(ReconciledAlpha.class);
            assertThat(avroBytes(RecordJson.fromJson(ReconciledAlpha.class, RecordJson.JSON.readTree(RecordJson.toJson(row).toString()))))
                    .isEqualTo(avroBytes(row));
        }
    }

    @Test
    void aValueReadsAsAPersonWritesIt() throws Exception {
        ReconciledAlpha row = new RandomCatalogValues(7).next(ReconciledAlpha.class);
        row.setExpectedSigmaBps(null);
        row.setEmittedAt(Instant.parse("2026-11-30T09:00:00.125Z"));
        JsonNode json = RecordJson.toJson(row);
        assertThat(json.get("emitted_at").textValue()).isEqualTo("2026-11-30T09:00:00.125Z");
        assertThat(json.get("expected_sigma_bps").isNull()).isTrue();
        assertThat(json.get("strategy_class").textValue()).isEqualTo(row.getStrategyClass().toString());
        Alert alert = new RandomCatalogValues(8).next(Alert.class);
        assertThat(RecordJson.toJson(alert).get("severity").textValue()).isEqualTo(alert.getSeverity().name());
    }

    @Test
    void anAlphaEventLineMayLeaveOutOptionalFieldsAndGiveEpochMillis() throws Exception {
        AlphaEvent event = RecordJson.fromJson(AlphaEvent.class, RecordJson.JSON.readTree("""
                {"event_id":"e1","agent":"arb_1","symbol":"BTC","direction":-1,"score_final":0.7,"confidence":0.55,
                 "regime":"TREND","emitted_at":1764493200000}"""));
        assertThat(event.getEmittedAt()).isEqualTo(Instant.ofEpochMilli(1764493200000L));
        assertThat(event.getEntryPrice()).isNull();
        assertThat(event.getStrategyClass()).isNull();
        assertThat(event.getHorizonsHours()).containsExactly(1, 4, 24);
        AlphaEvent withOffset = RecordJson.fromJson(AlphaEvent.class, RecordJson.JSON.readTree("""
                {"event_id":"e1","agent":"arb_1","symbol":"BTC","direction":1,"score_final":0.7,"confidence":0.55,
                 "regime":"TREND","emitted_at":"2026-11-30T10:00:00+01:00","entry_price":101.5,"horizons_hours":[4]}"""));
        assertThat(withOffset.getEmittedAt()).isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
        assertThat(withOffset.getEntryPrice()).isEqualTo(101.5);
        assertThat(withOffset.getHorizonsHours()).containsExactly(4);
    }

    @Test
    void badJsonIsNamedByItsField() {
        String good = """
                "event_id":"e1","agent":"arb_1","symbol":"BTC","direction":1,"score_final":0.7,"regime":"TREND","emitted_at":"2026-11-30T09:00:00Z\"""";
        assertProblem("{" + good + "}", "confidence", "missing required field");
        assertProblem("{" + good + ",\"confidence\":\"high\"}", "confidence", "expected a number, found the string \"high\"");
        assertProblem("{" + good + ",\"confidence\":0.5,\"colour\":1}", "colour", "unknown field");
        assertProblem("{" + good + ",\"confidence\":0.5,\"horizons_hours\":[1,\"4\"]}", "horizons_hours[1]", "expected an integer");
        assertProblem("{" + good + ",\"confidence\":0.5,\"horizons_hours\":[1.5]}", "horizons_hours[0]", "expected an integer");
        assertProblem("{" + good.replace("1,\"score", "3000000000,\"score") + ",\"confidence\":0.5}", "direction", "expected an integer (32-bit)");
        assertProblem("{" + good.replace("09:00:00Z", "09:00:00.0001Z") + ",\"confidence\":0.5}", "emitted_at", "finer than a millisecond");
        assertProblem("{" + good.replace("09:00:00Z", "yesterday") + ",\"confidence\":0.5}", "emitted_at", "not an ISO-8601 time");
        assertProblem("{" + good.replace("\"agent\":\"arb_1\"", "\"agent\":null") + ",\"confidence\":0.5}", "agent", "expected a string, found null");
        assertProblem("[1]", "", "expected a JSON object");
    }

    @Test
    void anEnumTakesOnlyItsSymbolsAndANestedFieldIsNamedByItsPath() throws Exception {
        Alert alert = new RandomCatalogValues(9).next(Alert.class);
        var json = RecordJson.toJson(alert);
        json.put("severity", "APOCALYPTIC");
        assertThatThrownBy(() -> RecordJson.fromJson(Alert.class, json)).isInstanceOf(JsonFieldException.class)
                .hasMessageStartingWith("severity: unknown value 'APOCALYPTIC'");
        var withTrigger = RecordJson.toJson(alert);
        withTrigger.putArray("triggers").addObject().put("name", "x").put("value", 1.0).put("threshold", "big").put("firing", true);
        assertThatThrownBy(() -> RecordJson.fromJson(Alert.class, withTrigger))
                .hasMessageStartingWith("triggers[0].threshold: expected a number");
    }

    @Test
    void anExportLineNamesItsMembers() throws Exception {
        assertThatThrownBy(() -> TopicRecordLine.parse(Topics.ALPHA_EVENTS, RecordJson.JSON.readTree("{\"key\":\"a\",\"value\":null}")))
                .hasMessage("timestamp: missing");
        assertThatThrownBy(() -> TopicRecordLine.parse(Topics.ALPHA_EVENTS,
                RecordJson.JSON.readTree("{\"key\":\"a\",\"timestamp\":0,\"value\":{\"agent\":\"a\"}}")))
                .hasMessage("value.event_id: missing required field");
        TopicRecordLine tombstone = TopicRecordLine.parse(Topics.ALLOCATIONS,
                RecordJson.JSON.readTree("{\"key\":\"fleet\",\"timestamp\":\"2026-11-30T09:00:00Z\",\"value\":null}"));
        assertThat(tombstone).isEqualTo(new TopicRecordLine("fleet", Instant.parse("2026-11-30T09:00:00Z").toEpochMilli(), null));
    }

    /**
     * A value's Avro binary: equal bytes are equal values, NaN included (Avro's own record equality says NaN != NaN),
     * and -0.0 differs from 0.0.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static byte[] avroBytes(SpecificRecord value) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        var encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(out, null);
        try {
            new org.apache.avro.specific.SpecificDatumWriter<>((Class) value.getClass()).write(value, encoder);
            encoder.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void assertProblem(String json, String field, String why) {
        assertThatThrownBy(() -> RecordJson.fromJson(AlphaEvent.class, RecordJson.JSON.readTree(json)))
                .isInstanceOfSatisfying(JsonFieldException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(why);
                });
    }
}
