package com.metasupervisor.reconciler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.reconciler.topology.AlphaEventValidator;
import com.metasupervisor.streams.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JSON → AlphaEvent or every error, without Kafka. */
class AlphaEventJsonTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final AlphaEventValidator VALIDATOR =
            new AlphaEventValidator(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));

    private static final String VALID = """
            {"event_id":"e-1","agent":"arb-7","symbol":"BTC-USD","direction":1,"score_final":0.42,
             "confidence":0.8,"regime":"TREND","emitted_at":"2026-03-01T10:00:00Z"}""";

    @Test
    void anObjectWithEveryFieldBecomesThatEvent() throws Exception {
        List<AlphaEventJson.Item> items = read("""
                {"event_id":"e-1","agent":"arb-7","symbol":"BTC-USD","direction":-1,"score_final":-1.25,
                 "confidence":0.8,"regime":"RANGE","emitted_at":"2026-03-01T10:00:00Z","entry_price":64250.5,
                 "horizons_hours":[4,24],"strategy_class":"funding"}""");

        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.valid()).isTrue();
            assertThat(item.index()).isZero();
            assertThat(item.eventId()).isEqualTo("e-1");
            assertThat(item.event()).isEqualTo(AlphaEvent.newBuilder()
                    .setEventId("e-1").setAgent("arb-7").setSymbol("BTC-USD").setDirection(-1).setScoreFinal(-1.25)
                    .setConfidence(0.8).setRegime("RANGE").setEmittedAt(Instant.parse("2026-03-01T10:00:00Z"))
                    .setEntryPrice(64250.5).setHorizonsHours(List.of(4, 24)).setStrategyClass("funding").build());
        });
    }

    @Test
    void absentOrNullOptionalFieldsTakeTheSchemaDefaults() throws Exception {
        AlphaEvent absent = read(VALID).getFirst().event();
        AlphaEvent nulls = read(VALID.replace("}", ",\"entry_price\":null,\"horizons_hours\":null,\"strategy_class\":null}"))
                .getFirst().event();

        for (AlphaEvent e : List.of(absent, nulls)) {
            assertThat(e.getHorizonsHours()).containsExactly(1, 4, 24);
            assertThat(e.getEntryPrice()).isNull();
            assertThat(e.getStrategyClass()).isNull();
        }
        assertThat(AlphaEvent.newBuilder().setEventId("e-1").setAgent("arb-7").setSymbol("BTC-USD").setDirection(1)
                .setScoreFinal(0.42).setConfidence(0.8).setRegime("TREND").setEmittedAt(Instant.parse("2026-03-01T10:00:00Z"))
                .build()).isEqualTo(absent).isEqualTo(nulls);
    }

    @Test
    void emittedAtIsAnIsoInstantWithZOrAnOffsetOrEpochMillisToTheMillisecond() throws Exception {
        assertThat(emittedAt("1772359200000")).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(emittedAt("\"2026-03-01T11:00:00+01:00\"")).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(emittedAt("\"2026-03-01T10:00:00.123456789Z\"")).isEqualTo(Instant.parse("2026-03-01T10:00:00.123Z"));
        assertThat(emittedAt("1.772359200E12")).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    }

    @Test
    void anEmptyObjectListsEveryMissingRequiredField() throws Exception {
        AlphaEventJson.Item item = read("{}").getFirst();

        assertThat(item.valid()).isFalse();
        assertThat(item.event()).isNull();
        assertThat(item.eventId()).isNull();
        assertThat(item.errors()).extracting(Violation::field, Violation::reason).containsExactly(
                tuple("event_id", "missing_event_id"),
                tuple("agent", "missing_agent"),
                tuple("symbol", "missing_symbol"),
                tuple("direction", "missing_direction"),
                tuple("score_final", "missing_score_final"),
                tuple("confidence", "missing_confidence"),
                tuple("regime", "missing_regime"),
                tuple("emitted_at", "missing_emitted_at"));
        assertThat(read("""
                {"event_id":null,"agent":null,"symbol":"","direction":null,"score_final":null,"confidence":null,
                 "regime":" ","emitted_at":null}""").getFirst().errors())
                .extracting(Violation::reason).isEqualTo(item.errors().stream().map(Violation::reason).toList());
    }

    @Test
    void wrongTypesAreReportedPerFieldAlongsideTheValidatorsFindingsOnTheOtherFields() throws Exception {
        AlphaEventJson.Item item = read("""
                {"event_id":"e-2","agent":42,"symbol":"ETH-USD","direction":"long","score_final":"0.5",
                 "confidence":1.5,"regime":["TREND"],"emitted_at":true,"entry_price":"100",
                 "horizons_hours":"24","strategy_class":{"name":"arb"}}""").getFirst();

        assertThat(item.eventId()).isEqualTo("e-2");
        assertThat(item.errors()).extracting(Violation::field, Violation::reason).containsExactly(
                tuple("agent", "wrong_type"),
                tuple("direction", "wrong_type"),
                tuple("score_final", "wrong_type"),
                tuple("confidence", "confidence_out_of_range"),
                tuple("regime", "wrong_type"),
                tuple("emitted_at", "wrong_type"),
                tuple("entry_price", "wrong_type"),
                tuple("horizons_hours", "wrong_type"),
                tuple("strategy_class", "wrong_type"));
        assertThat(messages(item))
                .containsEntry("direction", "direction must be the number +1 (long) or -1 (short), was the string \"long\"")
                .containsEntry("agent", "agent must be a string, was the number 42")
                .containsEntry("regime", "regime must be a string, was an array")
                .containsEntry("confidence", "confidence must be in [0,1], was 1.5");
    }

    @Test
    void nanAndInfinityAreReadAsNumbersAndReportedAsNotFinite() throws Exception {
        AlphaEventJson.Item item = read("""
                {"event_id":"e-3","agent":"a","symbol":"S","direction":NaN,"score_final":NaN,"confidence":Infinity,
                 "regime":"TREND","emitted_at":-Infinity,"entry_price":-Infinity}""").getFirst();

        assertThat(item.errors()).extracting(Violation::field, Violation::reason).containsExactly(
                tuple("direction", "not_finite"),
                tuple("score_final", "not_finite"),
                tuple("confidence", "not_finite"),
                tuple("emitted_at", "not_finite"),
                tuple("entry_price", "not_finite"));
        // out of the double range is not finite either
        assertThat(read(VALID.replace("0.42", "1e400")).getFirst().errors())
                .extracting(Violation::field, Violation::reason).containsExactly(tuple("score_final", "not_finite"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yesterday\"", "\"2026-03-01 10:00:00\"", "\"2026-03-01T10:00:00\"", "\"2026-02-30T10:00:00Z\"",
            "\"\"", "1772359200000.5"})
    void anUnparseableEmittedAtIsInvalid(String emittedAt) throws Exception {
        AlphaEventJson.Item item = read(VALID.replace("\"2026-03-01T10:00:00Z\"", emittedAt)).getFirst();

        assertThat(item.errors()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("emitted_at");
            assertThat(v.reason()).isEqualTo("invalid_emitted_at");
            assertThat(v.message()).contains("ISO-8601").contains("epoch milliseconds");
        });
    }

    @Test
    void theValidatorsRulesApply() throws Exception {
        assertThat(reasons(VALID.replace("\"direction\":1", "\"direction\":0"))).containsExactly("direction:direction_invalid");
        assertThat(reasons(VALID.replace("\"direction\":1", "\"direction\":1.5"))).containsExactly("direction:direction_invalid");
        assertThat(reasons(VALID.replace("\"direction\":1", "\"direction\":1.0"))).isEmpty();
        assertThat(reasons(VALID.replace("\"direction\":1", "\"direction\":-1e30"))).containsExactly("direction:direction_invalid");
        assertThat(reasons(VALID.replace("0.8", "-0.1"))).containsExactly("confidence:confidence_out_of_range");
        assertThat(reasons(VALID.replace("}", ",\"entry_price\":0}"))).containsExactly("entry_price:price_not_positive");
        assertThat(reasons(VALID.replace("}", ",\"horizons_hours\":[]}"))).containsExactly("horizons_hours:horizons_invalid");
        assertThat(reasons(VALID.replace("}", ",\"horizons_hours\":[0,4]}"))).containsExactly("horizons_hours:horizons_invalid");
        assertThat(reasons(VALID.replace("}", ",\"horizons_hours\":[1.5]}"))).containsExactly("horizons_hours:horizons_invalid");
        assertThat(reasons(VALID.replace("}", ",\"horizons_hours\":[1,\"4\"]}"))).containsExactly("horizons_hours:wrong_type");
        assertThat(reasons(VALID.replace("\"arb-7\"", "\"  \""))).containsExactly("agent:missing_agent");
        assertThat(reasons(VALID.replace("2026-03-01T10:00:00Z", "2026-03-01T12:10:00Z"))).containsExactly("emitted_at:emitted_in_future");
        assertThat(reasons(VALID.replace("2026-03-01T10:00:00Z", "2026-03-01T12:05:00Z"))).isEmpty();
    }

    @Test
    void aBatchListsEveryErrorOfEveryInvalidItemWithItsIndex() throws Exception {
        List<AlphaEventJson.Item> items = read("[" + VALID + ","
                + VALID.replace("e-1", "e-2").replace("\"direction\":1", "\"direction\":\"short\"").replace("0.8", "2") + ","
                + "42,"
                + VALID.replace("\"e-1\"", "7").replace("2026-03-01T10:00:00Z", "2026-03-02T10:00:00Z") + ","
                + VALID.replace("e-1", "e-5") + "]");

        assertThat(items).extracting(AlphaEventJson.Item::index).containsExactly(0, 1, 2, 3, 4);
        assertThat(items).extracting(AlphaEventJson.Item::valid).containsExactly(true, false, false, false, true);
        assertThat(items).extracting(AlphaEventJson.Item::eventId).containsExactly("e-1", "e-2", null, null, "e-5");
        assertThat(items.get(1).errors()).extracting(Violation::field, Violation::reason).containsExactly(
                tuple("direction", "wrong_type"), tuple("confidence", "confidence_out_of_range"));
        assertThat(items.get(2).errors()).extracting(Violation::field, Violation::reason, Violation::message).containsExactly(
                tuple("item", "not_an_object", "item 2 must be a JSON object with the fields of an alpha event, was the number 42"));
        assertThat(items.get(3).errors()).extracting(Violation::field, Violation::reason).containsExactly(
                tuple("event_id", "wrong_type"), tuple("emitted_at", "emitted_in_future"));
        assertThat(items.get(4).event().getEventId()).isEqualTo("e-5");
    }

    @Test
    void repeatedAndUnknownFieldsAreErrorsWithAHintForCamelCase() throws Exception {
        AlphaEventJson.Item item = read(VALID.replace("}", ",\"agent\":\"other\",\"entryPrice\":100,\"note\":\"x\"}")).getFirst();

        assertThat(item.errors()).extracting(Violation::field, Violation::reason).containsExactly(
                tuple("agent", "duplicate_field"), tuple("entryPrice", "unknown_field"), tuple("note", "unknown_field"));
        assertThat(messages(item).get("entryPrice")).contains("did you mean entry_price?");
        assertThat(messages(item).get("note")).contains("alpha event fields are [event_id, agent,");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n ", "not json", "{\"event_id\":", "42", "\"an event\"", "null", "true", "[]",
            "{} {}", "[{}] x", "{\"a\":1,}"})
    void aBodyThatIsNotAnObjectOrANonEmptyArrayIsRejectedWhole(String body) {
        assertThatThrownBy(() -> read(body))
                .isInstanceOfSatisfying(AlphaEventJson.BodyException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageStartingWith("the request body ");
    }

    @Test
    void bodyMessagesSayWhatIsWrong() {
        assertThatThrownBy(() -> read("")).hasMessageContaining("is empty");
        assertThatThrownBy(() -> read("[]")).hasMessageContaining("empty JSON array");
        assertThatThrownBy(() -> read("42")).hasMessageContaining("must be a JSON object (one alpha event) or a JSON array of objects, was the number 42");
        assertThatThrownBy(() -> read("{\"event_id\" 1}")).hasMessageContaining("not valid JSON").hasMessageContaining("(line 1, column");
    }

    @Test
    void moreItemsThanTheLimitIs413AndTheLimitItselfIsFine() throws Exception {
        String three = "[" + VALID + "," + VALID + "," + VALID + "]";

        assertThat(AlphaEventJson.items(three.getBytes(StandardCharsets.UTF_8), 3)).hasSize(3);
        assertThatThrownBy(() -> AlphaEventJson.items(three.getBytes(StandardCharsets.UTF_8), 2))
                .isInstanceOfSatisfying(AlphaEventJson.BodyException.class, e -> assertThat(e.status()).isEqualTo(413))
                .hasMessageContaining("at most 2");
        assertThat(AlphaEventJson.items(VALID.getBytes(StandardCharsets.UTF_8), 1)).hasSize(1);
    }

    private static List<AlphaEventJson.Item> read(String json) throws AlphaEventJson.BodyException {
        return AlphaEventJson.readBatch(json.getBytes(StandardCharsets.UTF_8), 10_000, VALIDATOR);
    }

    private static Instant emittedAt(String json) throws Exception {
        AlphaEventJson.Item item = read(VALID.replace("\"2026-03-01T10:00:00Z\"", json)).getFirst();
        assertThat(item.errors()).isEmpty();
        return item.event().getEmittedAt();
    }

    private static List<String> reasons(String json) throws Exception {
        return read(json).getFirst().errors().stream().map(v -> v.field() + ":" + v.reason()).toList();
    }

    private static Map<String, String> messages(AlphaEventJson.Item item) {
        return item.errors().stream().collect(Collectors.toMap(Violation::field, Violation::message, (a, b) -> a + " | " + b));
    }
}
