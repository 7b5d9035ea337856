package com.metasupervisor.reconciler.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.metasupervisor.avro.AgentLifecycle;
import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.avro.SimModel;
import com.metasupervisor.avro.SimModelStatus;
import com.metasupervisor.reconciler.config.ReconcilerSettings;
import com.metasupervisor.reconciler.config.SimModelSettings;
import com.metasupervisor.reconciler.domain.sim.TrainingRow;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.deadletter.DeadLetter;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import com.metasupervisor.testkit.TopologyDriver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reconciler topology on TopologyTestDriver: PnL, prices, duplicates, grace, bad input. */
class ReconcilerTopologyTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant NOW = T0.plus(Duration.ofDays(30));
    private static final Duration HOUR = Duration.ofHours(1);

    private TopologyDriver driver;
    private TestInputTopic<String, AlphaEvent> events;
    private TestInputTopic<String, byte[]> rawEvents;
    private TestInputTopic<String, PriceTick> prices;
    private TestInputTopic<String, AgentManifest> registry;
    private TestInputTopic<String, SimModel> models;
    private TestOutputTopic<String, ReconciledAlpha> reconciled;
    private TestOutputTopic<String, AlphaEvent> eventsDlq;
    private TestOutputTopic<String, byte[]> rawEventsDlq;
    private TestOutputTopic<String, PriceTick> pricesDlq;
    private ReconcilerMetrics metrics;

    /** Ticks final as soon as they arrive: most tests are about prices, not lateness. */
    private void start() {
        start(Duration.ZERO);
    }

    private void start(Duration tickLateness) {
        ReconcilerSettings settings = new ReconcilerSettings(List.of(1, 4, 24), Duration.ofHours(2), tickLateness,
                Duration.ofHours(3), Duration.ofDays(2), Duration.ofMinutes(5), Duration.ofHours(1), SimModelSettings.defaults());
        metrics = new ReconcilerMetrics(new SimpleMeterRegistry());
        driver = TopologyDriver.start("reconciler-test", T0, (builder, deadLetters) -> ReconcilerTopology.build(builder,
                TopologyDriver.SERDES, settings, Clock.fixed(NOW, ZoneOffset.UTC), metrics, deadLetters));
        events = driver.input(Topics.ALPHA_EVENTS);
        rawEvents = driver.rawInput(Topics.ALPHA_EVENTS.name());
        prices = driver.input(Topics.MARKET_PRICES);
        registry = driver.input(Topics.AGENTS_REGISTRY);
        models = driver.input(Topics.MODELS_SIM);
        reconciled = driver.output(Topics.ALPHA_RECONCILED);
        eventsDlq = driver.deadLetters(Topics.ALPHA_EVENTS);
        rawEventsDlq = driver.rawOutput(Topics.ALPHA_EVENTS.deadLetterTopic());
        pricesDlq = driver.deadLetters(Topics.MARKET_PRICES);
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void longAndShortCallsAtOneFourAndTwentyFourHours() {
        start();
        send(event("long-1", "agent-a", "BTC", +1, 100.0));
        send(event("short-1", "agent-b", "BTC", -1, 100.0));
        tick("BTC", T0.plus(HOUR), 101.0);
        tick("BTC", T0.plus(HOUR.multipliedBy(4)), 99.0);
        tick("BTC", T0.plus(HOUR.multipliedBy(24)), 110.0);

        Map<String, Double> pnl = reconciled.readValuesToList().stream().collect(Collectors.toMap(
                r -> r.getEventId() + "@" + r.getHorizonHours(), ReconciledAlpha::getRealizedPnlBps));
        assertThat(pnl).hasSize(6);
        assertThat(pnl.get("long-1@1")).isCloseTo(100.0, within(1e-9));
        assertThat(pnl.get("long-1@4")).isCloseTo(-100.0, within(1e-9));
        assertThat(pnl.get("long-1@24")).isCloseTo(1_000.0, within(1e-9));
        assertThat(pnl.get("short-1@1")).isCloseTo(-100.0, within(1e-9));
        assertThat(pnl.get("short-1@4")).isCloseTo(100.0, within(1e-9));
        assertThat(pnl.get("short-1@24")).isCloseTo(-1_000.0, within(1e-9));
    }

    @Test
    void aReconciledRowCarriesEveryFieldAndIsKeyedByAgent() {
        start();
        send(event("e1", "agent-a", "ETH", +1, 2_000.0));
        tick("ETH", T0.plus(HOUR).plusSeconds(30), 2_010.0);

        TestRecord<String, ReconciledAlpha> out = reconciled.readRecord();
        ReconciledAlpha row = out.value();
        assertThat(out.key()).isEqualTo("agent-a");
        assertThat(row.getSymbol()).isEqualTo("ETH");
        assertThat(row.getRegime()).isEqualTo("TREND");
        assertThat(row.getEmittedAt()).isEqualTo(T0);
        assertThat(row.getMaturedAt()).isEqualTo(T0.plus(HOUR).plusSeconds(30));
        assertThat(row.getEntryPrice()).isEqualTo(2_000.0);
        assertThat(row.getExitPrice()).isEqualTo(2_010.0);
        assertThat(row.getRealizedPnlBps()).isCloseTo(50.0, within(1e-9));
        assertThat(row.getExpectedPnlBps()).isZero();
        assertThat(row.getExpectedSigmaBps()).isNull();
        assertThat(row.getSimVersion()).isEqualTo("fallback_zero");
        assertThat(row.getPnlErrorBps()).isCloseTo(50.0, within(1e-9));
        assertThat(row.getAbsErrorBps()).isCloseTo(50.0, within(1e-9));
        assertThat(row.getHit()).isTrue();
        assertThat(row.getStrategyClass()).isEqualTo("unknown");
        assertThat(row.getScoreFinal()).isEqualTo(0.8);
        assertThat(row.getConfidence()).isEqualTo(0.6);
    }

    @Test
    void aNullEntryPriceIsTheFirstTickAtOrAfterEmission() {
        start();
        tick("SOL", T0.minusSeconds(10), 49.0); // before the call: not its entry
        send(event("e1", "agent-a", "SOL", +1, null));
        tick("SOL", T0.plusSeconds(5), 50.0);
        tick("SOL", T0.plusSeconds(9), 51.0);
        tick("SOL", T0.plus(HOUR), 55.0);

        ReconciledAlpha row = reconciled.readValue();
        assertThat(row.getEntryPrice()).isEqualTo(50.0);
        assertThat(row.getExitPrice()).isEqualTo(55.0);
        assertThat(row.getRealizedPnlBps()).isCloseTo(1_000.0, within(1e-9));
    }

    @Test
    void aCallArrivingAfterItsTicksIsPricedFromHistory() {
        start();
        tick("SOL", T0.plusSeconds(1), 50.0);
        tick("SOL", T0.plus(HOUR).plusSeconds(2), 60.0);
        send(event("late", "agent-a", "SOL", +1, null, List.of(1)));

        ReconciledAlpha row = reconciled.readValue();
        assertThat(row.getEntryPrice()).isEqualTo(50.0);
        assertThat(row.getExitPrice()).isEqualTo(60.0);
    }

    @Test
    void ticksArrivingOutOfOrderStillGiveTheFirstTickAtOrAfterTheHorizon() {
        start(Duration.ofMinutes(5));
        send(event("e1", "agent-a", "BTC", +1, 100.0, List.of(1)));
        Instant due = T0.plus(HOUR);
        tick("BTC", due.plus(Duration.ofMinutes(3)), 103.0); // arrives first
        tick("BTC", due.plus(Duration.ofMinutes(1)), 101.0); // earlier, arrives late but within the lateness
        assertThat(reconciled.isEmpty()).as("not final while an earlier tick may still come").isTrue();
        tick("BTC", due.plus(Duration.ofMinutes(7)), 107.0); // now everything up to due + 2 min is final

        ReconciledAlpha row = reconciled.readValue();
        assertThat(row.getExitPrice()).isEqualTo(101.0);
        assertThat(row.getMaturedAt()).isEqualTo(due.plus(Duration.ofMinutes(1)));
        assertThat(reconciled.isEmpty()).isTrue();
    }

    @Test
    void aDuplicateEventIdIsDroppedAndCounted() {
        start();
        AlphaEvent call = event("dup", "agent-a", "BTC", +1, 100.0, List.of(1));
        send(call);
        send(call);
        send(AlphaEvent.newBuilder(call).setScoreFinal(0.1).build()); // same id, other payload: still the same call
        send(event("dup", "agent-b", "BTC", +1, 100.0, List.of(1))); // ids are unique per agent only
        tick("BTC", T0.plus(HOUR), 101.0);

        assertThat(reconciled.readKeyValuesToList()).extracting(kv -> kv.key).containsExactlyInAnyOrder("agent-a", "agent-b");
        assertThat(metrics.duplicates()).isEqualTo(2);
    }

    @Test
    void aCallWhoseSymbolGoesQuietIsUnreconcilableOnceTheMarketMovedOnByThePriceHistory() {
        start();
        send(event("quiet", "agent-a", "ILLQ", +1, 10.0, List.of(1)));
        Instant due = T0.plus(HOUR);
        // the market goes on elsewhere; ILLQ never ticks again
        tick("BTC", due.plus(Duration.ofMinutes(125)), 100.0);
        assertThat(eventsDlq.isEmpty()).as("past the grace, but ILLQ's ticks may lag others' (catch-up)").isTrue();
        tick("BTC", due.plus(Duration.ofMinutes(181)), 100.0);

        TestRecord<String, AlphaEvent> dead = eventsDlq.readRecord();
        assertThat(dead.key()).isEqualTo("agent-a");
        assertThat(dead.value().getEventId()).isEqualTo("quiet");
        assertThat(header(dead, DeadLetter.REASON)).isEqualTo("unknown_symbol");
        assertThat(header(dead, DeadLetter.STAGE)).isEqualTo("reconcile");
        assertThat(header(dead, com.metasupervisor.schemas.UnreconcilableHeaders.HORIZON_HOURS)).isEqualTo("1");
        assertThat(header(dead, DeadLetter.DETAIL)).contains("no price of ILLQ at or after emitted_at + 1 h = " + due);
        assertThat(reconciled.isEmpty()).isTrue();
        assertThat(metrics.unknownSymbolCount()).isEqualTo(1);
    }

    @Test
    void aCallArrivingLaterThanThePriceHistoryIsNotPricedFromAPartialHistory() {
        start();
        tick("BTC", T0, 100.0);
        tick("BTC", T0.plus(HOUR), 110.0);
        tick("BTC", T0.plus(HOUR.multipliedBy(5)), 120.0); // market time now 5 h past the call
        send(event("old", "agent-a", "BTC", +1, null, List.of(1)));

        assertThat(reconciled.isEmpty()).isTrue();
        assertThat(header(eventsDlq.readRecord(), DeadLetter.DETAIL)).contains("have left the price history");
    }

    @Test
    void aTickLaterThanHorizonPlusGraceDoesNotPriceTheCall() {
        start();
        send(event("stale", "agent-a", "ILLQ", +1, 10.0, List.of(1)));
        tick("ILLQ", T0.plus(HOUR).plus(Duration.ofHours(3)), 12.0);

        assertThat(reconciled.isEmpty()).isTrue();
        assertThat(header(eventsDlq.readRecord(), DeadLetter.REASON)).isEqualTo("unpriced");
    }

    @Test
    void everyBadInputKindGoesToTheDeadLetterTopicWithItsReason() {
        start();
        rawEvents.pipeInput("agent-x", "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8));
        send(AlphaEvent.newBuilder(event("nan", "agent-a", "BTC", +1, 100.0)).setScoreFinal(Double.NaN).build());
        send(AlphaEvent.newBuilder(event("inf", "agent-a", "BTC", +1, 100.0)).setConfidence(Double.POSITIVE_INFINITY).build());
        send(AlphaEvent.newBuilder(event("conf", "agent-a", "BTC", +1, 100.0)).setConfidence(1.5).build());
        send(AlphaEvent.newBuilder(event("dir", "agent-a", "BTC", +1, 100.0)).setDirection(0).build());
        send(event("price", "agent-a", "BTC", +1, -3.0));
        send(AlphaEvent.newBuilder(event("noagent", "agent-a", "BTC", +1, 100.0)).setAgent(" ").build());
        send(AlphaEvent.newBuilder(event("nosymbol", "agent-a", "BTC", +1, 100.0)).setSymbol("").build());
        send(AlphaEvent.newBuilder(event("future", "agent-a", "BTC", +1, 100.0)).setEmittedAt(NOW.plus(Duration.ofMinutes(6))).build());
        prices.pipeInput("BTC", PriceTick.newBuilder().setSymbol("BTC").setTs(T0).setPrice(0).build());

        List<String> reasons = rawEventsDlq.readRecordsToList().stream().map(r -> header(r, DeadLetter.REASON)).toList();
        assertThat(reasons).containsExactly("not_wire_format", "not_finite", "not_finite", "confidence_out_of_range",
                "direction_invalid", "price_not_positive", "missing_agent", "missing_symbol", "emitted_in_future");
        assertThat(header(pricesDlq.readRecord(), DeadLetter.REASON)).isEqualTo("price_not_positive");
        assertThat(reconciled.isEmpty()).isTrue();
    }

    @Test
    void anInvalidCallLeavesAsItCameThroughTheValidationStepTheTopologyShows() {
        start();
        AlphaEvent invalid = AlphaEvent.newBuilder(event("conf", "agent-a", "BTC", +1, 100.0)).setConfidence(1.5).build();
        TestRecord<String, AlphaEvent> record = new TestRecord<>("agent-a", invalid, T0);
        record.headers().add("trace-id", "t-1".getBytes(StandardCharsets.UTF_8));
        events.pipeInput(record);

        TestRecord<String, byte[]> dead = rawEventsDlq.readRecord();
        assertThat(dead.key()).isEqualTo("agent-a");
        assertThat(dead.value()).isEqualTo(TopologyDriver.SERDES.value(Topics.ALPHA_EVENTS).serializer()
                .serialize(Topics.ALPHA_EVENTS.name(), invalid));
        assertThat(header(dead, "trace-id")).isEqualTo("t-1");
        assertThat(header(dead, DeadLetter.STAGE)).isEqualTo("validate");
        assertThat(header(dead, DeadLetter.DETAIL)).isEqualTo("confidence: confidence must be in [0,1], was 1.5");
        assertThat(header(dead, DeadLetter.SOURCE)).isEqualTo("alpha.events-0@0");
        assertThat(driver.deadLetterMetrics().count("alpha.events", "validate", "confidence_out_of_range")).isEqualTo(1);

        StreamsBuilder builder = new StreamsBuilder();
        ReconcilerTopology.build(builder, TopologyDriver.SERDES, ReconcilerSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC),
                metrics, DeadLetterMetrics.standalone());
        assertThat(builder.build().describe().toString())
                .contains("Processor: validate-alpha-events")
                .contains("Sink: validate-alpha-events-dlq (topic: alpha.events.dlq)")
                .contains("Processor: validate-market-prices")
                .contains("Sink: validate-market-prices-dlq (topic: market.prices.dlq)")
                .contains("Sink: alpha-events-dlq (topic: alpha.events.dlq)");
    }

    @Test
    void strategyClassIsTheOverrideElseTheRegistryElseUnknown() {
        start();
        registry.pipeInput("agent-reg", AgentManifest.newBuilder().setAgent("agent-reg").setStrategyClass("macro")
                .setStatus(AgentLifecycle.LIVE).setOwner("ops").setUpdatedAt(T0).build());
        send(event("a", "agent-reg", "BTC", +1, 100.0, List.of(1)));
        send(AlphaEvent.newBuilder(event("b", "agent-reg", "BTC", +1, 100.0, List.of(1))).setStrategyClass("arb").build());
        send(event("c", "agent-none", "BTC", +1, 100.0, List.of(1)));
        tick("BTC", T0.plus(HOUR), 100.0);

        Map<String, String> classes = reconciled.readValuesToList().stream()
                .collect(Collectors.toMap(ReconciledAlpha::getEventId, ReconciledAlpha::getStrategyClass));
        assertThat(classes).containsExactlyInAnyOrderEntriesOf(Map.of("a", "macro", "b", "arb", "c", "unknown"));
    }

    @Test
    void aNewModelVersionChangesRowsReconciledAfterItNotBefore() {
        start();
        send(event("before", "agent-a", "BTC", +1, 100.0, List.of(1)));
        tick("BTC", T0.plus(HOUR), 101.0);
        ReconciledAlpha before = reconciled.readValue();

        models.pipeInput("h1", model(1, "ridge_h1_v1", 10, 20, -2, 7.5));
        send(AlphaEvent.newBuilder(event("after", "agent-a", "BTC", +1, 100.0, List.of(1)))
                .setEmittedAt(T0.plusSeconds(60)).build());
        tick("BTC", T0.plus(HOUR).plusSeconds(60), 101.0);
        ReconciledAlpha after = reconciled.readValue();

        assertThat(before.getSimVersion()).isEqualTo("fallback_zero");
        assertThat(before.getExpectedPnlBps()).isZero();
        assertThat(after.getSimVersion()).isEqualTo("ridge_h1_v1");
        assertThat(after.getExpectedPnlBps()).isCloseTo(10 * 0.8 + 20 * 0.6 - 2, within(1e-9));
        assertThat(after.getExpectedSigmaBps()).isEqualTo(7.5);
        assertThat(after.getPnlErrorBps()).isCloseTo(100 - 18.0, within(1e-9));
    }

    @Test
    void maturedMatchesLeaveTheStoreSoStateIsBoundedByPendingWork() {
        start();
        for (int i = 0; i < 200; i++) {
            send(AlphaEvent.newBuilder(event("e" + i, "agent-" + (i % 7), "SYM" + (i % 5), i % 2 == 0 ? 1 : -1, 100.0))
                    .setEmittedAt(T0.plusSeconds(i)).build());
        }
        KeyValueStore<String, ?> pending = driver.store(PriceMatcher.PENDING);
        assertThat(count(pending)).isEqualTo(600);
        for (int h : List.of(1, 4, 24)) {
            for (int s = 0; s < 5; s++) {
                tick("SYM" + s, T0.plus(HOUR.multipliedBy(h)).plusSeconds(200), 101.0);
            }
        }
        assertThat(reconciled.readValuesToList()).hasSize(600);
        assertThat(count(pending)).isZero();
    }

    @Test
    void theTrainingWindowKeepsEachRowAndReadsRowsStoredBeforeItsVersionedLayout() {
        start();
        send(event("w1", "agent-a", "BTC", +1, 100.0, List.of(1)));
        tick("BTC", T0.plus(HOUR), 200.0); // +10 000 bps, exact in binary
        KeyValueStore<String, byte[]> window = driver.store(TrainingWindow.STORE);
        assertThat(TrainingWindow.written(window, "h1")).isEqualTo(1);
        assertThat(TrainingWindow.read(window, "h1")).containsExactly(new TrainingRow(0.8, 0.6, 10_000.0, T0.plus(HOUR)));

        // as a build before the versioned layout left them in the store's changelog
        window.put("h4|0000000000", ByteBuffer.allocate(32).putDouble(0.1).putDouble(0.2).putDouble(-5)
                .putLong(T0.toEpochMilli()).array());
        window.put("h4#", ByteBuffer.allocate(8).putLong(1).array());
        assertThat(TrainingWindow.written(window, "h4")).isEqualTo(1);
        assertThat(TrainingWindow.read(window, "h4")).containsExactly(new TrainingRow(0.1, 0.2, -5, T0));
    }

    // --- helpers

    private static long count(KeyValueStore<String, ?> store) {
        long n = 0;
        try (var all = store.all()) {
            while (all.hasNext()) {
                all.next();
                n++;
            }
        }
        return n;
    }

    private void send(AlphaEvent event) {
        events.pipeInput(new TestRecord<>(event.getAgent(), event, event.getEmittedAt()));
    }

    private void tick(String symbol, Instant at, double price) {
        prices.pipeInput(new TestRecord<>(symbol, PriceTick.newBuilder().setSymbol(symbol).setTs(at).setPrice(price).build(), at));
    }

    private static AlphaEvent event(String id, String agent, String symbol, int direction, Double entry) {
        return event(id, agent, symbol, direction, entry, List.of(1, 4, 24));
    }

    private static AlphaEvent event(String id, String agent, String symbol, int direction, Double entry, List<Integer> horizons) {
        return AlphaEvent.newBuilder().setEventId(id).setAgent(agent).setSymbol(symbol).setDirection(direction)
                .setScoreFinal(0.8).setConfidence(0.6).setRegime("TREND").setEmittedAt(T0).setEntryPrice(entry)
                .setHorizonsHours(horizons).setStrategyClass(null).build();
    }

    private static SimModel model(int horizon, String version, double coefScore, double coefConfidence, double intercept,
                                  double holdoutRmse) {
        return SimModel.newBuilder().setHorizonHours(horizon).setStatus(SimModelStatus.TRAINED)
                .setCoefScoreFinal(coefScore).setCoefConfidence(coefConfidence).setIntercept(intercept)
                .setRmseBps(holdoutRmse * 0.9).setHoldoutRmseBps(holdoutRmse).setN(1_000).setLambda(5)
                .setTrainedAt(T0).setVersion(version).build();
    }

    private static String header(TestRecord<?, ?> record, String key) {
        var h = record.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
