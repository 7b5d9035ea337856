package com.metasupervisor.reconciler.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AlertTransition;
import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.reconciler.config.ReconcilerSettings;
import com.metasupervisor.reconciler.domain.PricePoint;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.schemas.UnreconcilableHeaders;
import com.metasupervisor.streams.deadletter.DeadLetter;
import com.metasupervisor.testkit.TopologyDriver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §3 "catch-up loses nothing" and "whose fault" on TopologyTestDriver, with the default catch-up bound
 * (reconciler.price-history P7D): calls and ticks days apart in either order are priced right; only a pair beyond
 * the bound is unreconcilable; a symbol never priced is unknown_symbol, and only once the bound has passed; a known
 * symbol that stops leaves its pairs unpriced and opens a feed-gap alert.
 */
class CatchUpTopologyTest {

    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    private static final Instant NOW = T0.plus(Duration.ofDays(30));
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration BOUND = Duration.ofDays(7);
    private static final List<Integer> HORIZONS = List.of(1, 4, 24);

    private TopologyDriver driver;
    private TestInputTopic<String, AlphaEvent> events;
    private TestInputTopic<String, PriceTick> prices;
    private TestOutputTopic<String, ReconciledAlpha> reconciled;
    private TestOutputTopic<String, AlphaEvent> eventsDlq;
    private TestOutputTopic<String, Alert> alerts;
    private ReconcilerMetrics metrics;

    private void start(ReconcilerSettings settings) {
        metrics = new ReconcilerMetrics(new SimpleMeterRegistry());
        driver = TopologyDriver.start("catch-up-test", T0, (builder, deadLetters) -> ReconcilerTopology.build(builder,
                TopologyDriver.SERDES, settings, Clock.fixed(NOW, ZoneOffset.UTC), metrics, deadLetters));
        events = driver.input(Topics.ALPHA_EVENTS);
        prices = driver.input(Topics.MARKET_PRICES);
        reconciled = driver.output(Topics.ALPHA_RECONCILED);
        eventsDlq = driver.deadLetters(Topics.ALPHA_EVENTS);
        alerts = driver.output(Topics.ALERTS);
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void callsDaysAfterTheirTicksAndTicksDaysAfterTheirCallsArePricedRight() {
        start(ReconcilerSettings.defaults());
        // a tick every 20 minutes: what matters is which tick is the first at or after a time, not how many there are
        TickTape fast = new TickTape("FAST", T0, Duration.ofMinutes(20), Duration.ofSeconds(7), 100);
        TickTape slow = new TickTape("SLOW", T0, Duration.ofMinutes(20), Duration.ofSeconds(41), 2_000);
        long sixDays = DAY.multipliedBy(6).toMinutes() / 20;
        List<AlphaEvent> calls = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            Instant emitted = T0.plus(Duration.ofSeconds(k * 9_431L)); // every 2 h 37 min 11 s, up to day 4.3
            calls.add(call("c" + k, "agent-" + (k % 3), k % 2 == 0 ? "FAST" : "SLOW", k % 4 < 2 ? 1 : -1,
                    k % 3 == 0 ? 50.0 + k : null, emitted, HORIZONS));
        }

        // FAST's market data caught up 6 days ahead of the calls; SLOW's comes after the calls, 6 days behind FAST
        pipe(fast, 0, sixDays);
        calls.forEach(this::send);
        pipe(slow, 0, sixDays);

        Map<String, ReconciledAlpha> rows = reconciled.readValuesToList().stream()
                .collect(Collectors.toMap(r -> r.getEventId() + "@" + r.getHorizonHours(), Function.identity()));
        assertThat(rows).hasSize(calls.size() * HORIZONS.size());
        for (AlphaEvent call : calls) {
            TickTape tape = call.getSymbol().equals("FAST") ? fast : slow;
            for (int h : HORIZONS) {
                ReconciledAlpha row = rows.get(call.getEventId() + "@" + h);
                PricePoint entry = call.getEntryPrice() != null ? null : tape.firstAtOrAfter(call.getEmittedAt());
                double entryPrice = entry == null ? call.getEntryPrice() : entry.price();
                PricePoint exit = tape.firstAtOrAfter(call.getEmittedAt().plus(Duration.ofHours(h)));
                assertThat(row.getEntryPrice()).as(row.getEventId() + "@" + h).isEqualTo(entryPrice);
                assertThat(row.getExitPrice()).as(row.getEventId() + "@" + h).isEqualTo(exit.price());
                assertThat(row.getMaturedAt()).isEqualTo(exit.at());
                assertThat(row.getRealizedPnlBps()).isCloseTo(call.getDirection() * (exit.price() / entryPrice - 1) * 10_000, within(1e-9));
            }
        }
        assertThat(eventsDlq.isEmpty()).isTrue();
        assertThat(metrics.givenUpCount()).isZero();
        assertThat(alerts.isEmpty()).as("no wall-clock silence, no feed gap").isTrue();
    }

    @Test
    void aCallArrivingBeyondTheBoundIsUnreconcilableSayingByHowMuchAndOneJustInsideIsPriced() {
        start(ReconcilerSettings.defaults());
        TickTape tape = new TickTape("BTC", T0, Duration.ofMinutes(30), Duration.ofSeconds(7), 60_000);
        long last = DAY.multipliedBy(8).toMinutes() / 30 - 1;
        pipe(tape, 0, last + 1);
        Instant marketClock = tape.at(last); // T0 + 7 d 23 h 30 min 7 s
        Instant edge = marketClock.minus(BOUND); // a tick time: no longer in the history
        assertThat(tape.at(tape.indexAtOrAfter(edge))).isEqualTo(edge);

        send(call("old", "agent-a", "BTC", 1, null, T0.plus(Duration.ofHours(10)), List.of(1)));
        send(call("edge", "agent-a", "BTC", 1, null, edge, List.of(1)));
        send(call("inside", "agent-a", "BTC", -1, null, edge.plus(MINUTE), List.of(1)));

        ReconciledAlpha inside = reconciled.readValue();
        assertThat(inside.getEventId()).isEqualTo("inside");
        assertThat(inside.getEntryPrice()).isEqualTo(tape.firstAtOrAfter(edge.plus(MINUTE)).price());
        assertThat(inside.getExitPrice()).isEqualTo(tape.firstAtOrAfter(edge.plus(MINUTE).plus(HOUR)).price());
        assertThat(reconciled.isEmpty()).isTrue();

        List<TestRecord<String, AlphaEvent>> dead = eventsDlq.readRecordsToList();
        assertThat(dead).hasSize(2);
        assertGivenUp(dead.get(0), UnreconcilableHeaders.REASON, "old", 1);
        assertThat(header(dead.get(0), DeadLetter.DETAIL))
                .startsWith("arrived PT13H30M7S beyond the catch-up bound reconciler.price-history (P7D): the market clock was"
                        + " already at " + marketClock + ", P7DT13H30M7S past emitted_at " + T0.plus(Duration.ofHours(10)))
                .contains("have left the price history");
        // exactly at the bound the first tick may have left the history: never priced from a later one
        assertGivenUp(dead.get(1), UnreconcilableHeaders.REASON, "edge", 1);
        assertThat(header(dead.get(1), DeadLetter.DETAIL)).startsWith("arrived PT0S beyond the catch-up bound");
        assertThat(metrics.unreconcilableCount()).isEqualTo(2);
        assertThat(metrics.unknownSymbolCount() + metrics.unpricedCount()).isZero();
        assertThat(driver.deadLetterMetrics().count("alpha.events", "reconcile", "unreconcilable")).isEqualTo(2);
    }

    @Test
    void thePriceHistoryIsPersistentAndKeepsTheMarketTimeTheSettingSays() {
        for (Duration bound : List.of(BOUND, Duration.ofDays(2))) {
            ReconcilerSettings d = ReconcilerSettings.defaults();
            start(new ReconcilerSettings(d.modelHorizonsHours(), d.grace(), d.tickLateness(), bound, d.dedupWindow(),
                    d.maxFutureSkew(), d.feedGap(), d.model()));
            TickTape tape = new TickTape("ETH", T0, HOUR, Duration.ZERO, 3_000);
            long last = DAY.multipliedBy(8).toHours() - 1;
            pipe(tape, 0, last + 1);
            Instant marketClock = tape.at(last);

            WindowStore<String, Double> history = driver.driver().getWindowStore(PriceMatcher.HISTORY);
            assertThat(history.persistent()).isTrue();
            List<KeyValue<Long, Double>> kept = new ArrayList<>();
            try (WindowStoreIterator<Double> all = history.fetch("ETH", T0, marketClock)) {
                all.forEachRemaining(kept::add);
            }
            long i = tape.indexAtOrAfter(marketClock.minus(bound)) + 1; // the oldest tick kept: later than clock − bound
            assertThat(kept).as("ticks kept with price-history " + bound).hasSize((int) bound.toHours());
            assertThat(kept.getFirst()).isEqualTo(KeyValue.pair(tape.at(i).toEpochMilli(), tape.price(i)));
            driver.close();
            driver = null;
        }
    }

    @Test
    void aSymbolNeverPricedIsUnknownOnlyOnceTheBoundHasPassedWhileASlowSymbolIsPriced() {
        start(ReconcilerSettings.defaults());
        TickTape market = new TickTape("BTC", T0, Duration.ofMinutes(30), Duration.ofSeconds(3), 60_000);
        TickTape slow = new TickTape("SLOW", T0, MINUTE, Duration.ofSeconds(29), 12);
        Instant emitted = T0.plus(Duration.ofMinutes(5));
        Instant due = emitted.plus(HOUR);
        send(call("ghost", "agent-a", "NOPE", 1, 10.0, emitted, List.of(1)));
        send(call("late-feed", "agent-b", "SLOW", -1, null, emitted, List.of(1)));

        pipe(market, 0, DAY.multipliedBy(5).toMinutes() / 30);
        pipe(slow, 0, 120); // SLOW's feed arrives 5 days of market time behind BTC's: still within the bound
        ReconciledAlpha row = reconciled.readValue();
        assertThat(row.getEventId()).isEqualTo("late-feed");
        assertThat(row.getEntryPrice()).isEqualTo(slow.firstAtOrAfter(emitted).price());
        assertThat(row.getExitPrice()).isEqualTo(slow.firstAtOrAfter(due).price());

        long justBefore = market.indexAtOrAfter(due.plus(BOUND)) - 1;
        pipe(market, DAY.multipliedBy(5).toMinutes() / 30, justBefore + 1);
        assertThat(eventsDlq.isEmpty()).as("NOPE's ticks may still come until the bound has passed").isTrue();
        pipe(market, justBefore + 1, justBefore + 2);

        TestRecord<String, AlphaEvent> dead = eventsDlq.readRecord();
        assertGivenUp(dead, UnreconcilableHeaders.UNKNOWN_SYMBOL, "ghost", 1);
        assertThat(header(dead, DeadLetter.DETAIL)).isEqualTo("no price of NOPE at or after emitted_at + 1 h = " + due
                + " arrived while the market moved on by reconciler.price-history (P7D): NOPE was never priced");
        assertThat(metrics.unknownSymbolCount()).isEqualTo(1);
        assertThat(metrics.unpricedCount() + metrics.unreconcilableCount()).isZero();
        assertThat(driver.deadLetterMetrics().count("alpha.events", "reconcile", "unknown_symbol")).isEqualTo(1);
        assertThat(alerts.isEmpty()).as("a symbol never priced has no feed to lose").isTrue();
    }

    @Test
    void aKnownSymbolThatStopsLeavesItsPairsUnpricedAndOpensOneFeedGapAlert() {
        start(ReconcilerSettings.defaults());
        TickTape market = new TickTape("BTC", T0, Duration.ofMinutes(30), Duration.ofSeconds(3), 60_000);
        TickTape stops = new TickTape("ILLQ", T0, Duration.ofMinutes(10), Duration.ofSeconds(41), 8);
        Instant emitted = T0.plus(Duration.ofMinutes(30));
        send(call("cut", "agent-a", "ILLQ", 1, 8.0, emitted, HORIZONS));

        // live: every 30 minutes of market time take 30 s of wall-clock time; ILLQ ticks for 2 h, BTC for 8 days
        // and 2 h, so the bound passes the 24 h exit too
        long illqTicks = 12;
        for (long i = 0; i < DAY.multipliedBy(8).plusHours(2).toMinutes() / 30; i++) {
            prices.pipeInput(new TestRecord<>("BTC", market.tick(i), market.at(i)));
            for (long j = 3 * i; j < Math.min(3 * i + 3, illqTicks); j++) {
                prices.pipeInput(new TestRecord<>("ILLQ", stops.tick(j), stops.at(j)));
            }
            driver.driver().advanceWallClockTime(Duration.ofSeconds(30));
        }

        ReconciledAlpha h1 = reconciled.readValue();
        assertThat(h1.getHorizonHours()).isEqualTo(1);
        assertThat(h1.getExitPrice()).isEqualTo(stops.firstAtOrAfter(emitted.plus(HOUR)).price());
        assertThat(reconciled.isEmpty()).isTrue();
        Map<Integer, TestRecord<String, AlphaEvent>> dead = new HashMap<>();
        eventsDlq.readRecordsToList().forEach(r -> dead.put(Integer.parseInt(header(r, UnreconcilableHeaders.HORIZON_HOURS)), r));
        assertThat(dead).containsOnlyKeys(4, 24);
        Instant lastTick = stops.at(illqTicks - 1);
        for (int h : List.of(4, 24)) {
            assertGivenUp(dead.get(h), UnreconcilableHeaders.UNPRICED, "cut", h);
            assertThat(header(dead.get(h), DeadLetter.DETAIL)).isEqualTo("no price of ILLQ at or after emitted_at + " + h + " h = "
                    + emitted.plus(Duration.ofHours(h)) + " arrived while the market moved on by reconciler.price-history (P7D):"
                    + " its newest tick is at " + lastTick + " (a feed gap)");
        }
        assertThat(metrics.unpricedCount()).isEqualTo(2);
        assertThat(metrics.unknownSymbolCount() + metrics.unreconcilableCount()).isZero();

        List<Alert> opened = alerts.readValuesToList();
        assertThat(opened).hasSize(1);
        assertThat(opened.getFirst().getSubject()).isEqualTo("ILLQ");
        assertThat(opened.getFirst().getTransition()).isEqualTo(AlertTransition.OPENED);
        assertThat(metrics.feedGapsOpened()).isEqualTo(1);
    }

    // --- helpers

    private void pipe(TickTape tape, long from, long to) {
        for (long i = from; i < to; i++) {
            prices.pipeInput(new TestRecord<>(tape.symbol(), tape.tick(i), tape.at(i)));
        }
    }

    private void send(AlphaEvent event) {
        events.pipeInput(new TestRecord<>(event.getAgent(), event, event.getEmittedAt()));
    }

    private static AlphaEvent call(String id, String agent, String symbol, int direction, Double entry, Instant emitted,
                                   List<Integer> horizons) {
        return AlphaEvent.newBuilder().setEventId(id).setAgent(agent).setSymbol(symbol).setDirection(direction)
                .setScoreFinal(0.8).setConfidence(0.6).setRegime("TREND").setEmittedAt(emitted).setEntryPrice(entry)
                .setHorizonsHours(horizons).setStrategyClass(null).build();
    }

    /** A pair given up: its reason, the reconciler's stage, and the pair (event and horizon) in the headers. */
    static void assertGivenUp(TestRecord<String, AlphaEvent> dead, String reason, String eventId, int horizon) {
        assertThat(header(dead, DeadLetter.REASON)).isEqualTo(reason);
        assertThat(header(dead, DeadLetter.STAGE)).isEqualTo("reconcile");
        assertThat(header(dead, UnreconcilableHeaders.EVENT_ID)).isEqualTo(eventId);
        assertThat(header(dead, UnreconcilableHeaders.HORIZON_HOURS)).isEqualTo(Integer.toString(horizon));
        assertThat(dead.value().getEventId()).isEqualTo(eventId);
        assertThat(dead.key()).isEqualTo(dead.value().getAgent());
    }

    static String header(TestRecord<?, ?> record, String key) {
        var h = record.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
