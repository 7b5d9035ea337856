package com.metasupervisor.reconciler.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AlertSubjectKind;
import com.metasupervisor.avro.AlertTransition;
import com.metasupervisor.avro.AlertTrigger;
import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.avro.Severity;
import com.metasupervisor.reconciler.config.ReconcilerSettings;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.testkit.TopologyDriver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PRICE_FEED_GAP alerts on TopologyTestDriver (default reconciler.feed-gap PT1H): a known symbol that stops while
 * the market ticks on opens one, its next tick resolves it; a symbol merely behind in market time, a market quiet
 * as a whole and a symbol never priced open nothing.
 */
class FeedGapTopologyTest {

    /** The wall clock starts here too; the feed is live: a minute of market time per minute of wall-clock time. */
    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final TickTape a = new TickTape("AAA", T0, MINUTE, Duration.ofSeconds(7), 100);
    private final TickTape b = new TickTape("BBB", T0, MINUTE, Duration.ofSeconds(41), 50);
    private TopologyDriver driver;
    private TestInputTopic<String, PriceTick> prices;
    private TestInputTopic<String, AlphaEvent> events;
    private TestOutputTopic<String, Alert> alerts;
    private ReconcilerMetrics metrics;

    @BeforeEach
    void start() {
        metrics = new ReconcilerMetrics(new SimpleMeterRegistry());
        driver = TopologyDriver.start("feed-gap-test", T0, (builder, deadLetters) -> ReconcilerTopology.build(builder,
                TopologyDriver.SERDES, ReconcilerSettings.defaults(), Clock.fixed(T0.plus(Duration.ofDays(30)), ZoneOffset.UTC),
                metrics, deadLetters));
        prices = driver.input(Topics.MARKET_PRICES);
        events = driver.input(Topics.ALPHA_EVENTS);
        alerts = driver.output(Topics.ALERTS);
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aKnownSymbolThatStopsOpensOneAlertAndItsNextTickResolvesIt() {
        minutes(0, 60, a, b);
        minutes(60, 119, a); // BBB's newest tick (00:59:41) lags AAA's by 59 min: not yet
        assertThat(alerts.isEmpty()).isTrue();
        minutes(119, 121, a);

        List<TestRecord<String, Alert>> opened = alerts.readRecordsToList();
        assertThat(opened).hasSize(1);
        Alert open = opened.getFirst().value();
        Instant seen = T0.plus(Duration.ofMinutes(121)); // the wall-clock punctuation after AAA's tick of minute 120
        assertThat(opened.getFirst().key()).isEqualTo("BBB");
        assertThat(open.getAlertId()).isEqualTo("BBB#1");
        assertThat(open.getSubject()).isEqualTo("BBB");
        assertThat(open.getSubjectKind()).isEqualTo(AlertSubjectKind.SYMBOL);
        assertThat(open.getKind()).isEqualTo("PRICE_FEED_GAP");
        assertThat(open.getTransition()).isEqualTo(AlertTransition.OPENED);
        assertThat(open.getSeverity()).isEqualTo(Severity.MEDIUM);
        assertThat(open.getAction()).isEqualTo("NONE");
        assertThat(open.getOpenedAt()).isEqualTo(seen);
        assertThat(open.getAt()).isEqualTo(seen);
        assertThat(open.getMessage()).startsWith("Price feed gap on BBB (BBB#1): its newest tick is at " + b.at(59)
                + " (market time), PT1H26S behind the market clock, and none arrived for PT1H2M of wall-clock time"
                + " (reconciler.feed-gap PT1H).");
        assertThat(open.getTriggers()).extracting(AlertTrigger::getName, AlertTrigger::getValue, AlertTrigger::getThreshold,
                AlertTrigger::getFiring).containsExactly(
                        tuple("market_lag_minutes", 60 + 26 / 60.0, 60.0, true),
                        tuple("wall_clock_silence_minutes", 62.0, 60.0, true));
        assertThat(open.getMetrics()).containsEntry("market_lag_minutes", 60 + 26 / 60.0);

        minutes(121, 300, a);
        assertThat(alerts.isEmpty()).as("an open gap is not opened again").isTrue();

        minutes(300, 301, a, b);
        TestRecord<String, Alert> resolved = alerts.readRecord();
        assertThat(resolved.key()).isEqualTo("BBB");
        assertThat(resolved.value().getAlertId()).isEqualTo("BBB#1");
        assertThat(resolved.value().getTransition()).isEqualTo(AlertTransition.RESOLVED);
        assertThat(resolved.value().getOpenedAt()).isEqualTo(seen);
        assertThat(resolved.value().getAt()).isEqualTo(T0.plus(Duration.ofMinutes(300)));
        assertThat(resolved.value().getMessage()).isEqualTo("Price feed of BBB resumed (BBB#1): a tick at " + b.at(300)
                + " arrived; the gap followed its tick at " + b.at(59) + ".");
        assertThat(alerts.isEmpty()).isTrue();

        minutes(301, 500, a); // BBB stops again: its second gap
        Alert second = alerts.readValue();
        assertThat(second.getAlertId()).isEqualTo("BBB#2");
        assertThat(second.getTransition()).isEqualTo(AlertTransition.OPENED);
        assertThat(alerts.isEmpty()).isTrue();
        assertThat(metrics.feedGapsOpened()).isEqualTo(2);
    }

    @Test
    void aSymbolBehindInMarketTimeButTickingInWallClockTimeOpensNothing() {
        TickTape ahead = new TickTape("AAA", T0.plus(Duration.ofDays(2)), MINUTE, Duration.ofSeconds(7), 100);
        for (long m = 0; m < 300; m++) { // a catch-up: BBB's feed two days behind AAA's, both arriving
            prices.pipeInput(new TestRecord<>("AAA", ahead.tick(m), ahead.at(m)));
            prices.pipeInput(new TestRecord<>("BBB", b.tick(m), b.at(m)));
            driver.driver().advanceWallClockTime(MINUTE);
        }
        assertThat(alerts.isEmpty()).isTrue();
        assertThat(metrics.feedGapsOpened()).isZero();
    }

    @Test
    void aMarketQuietAsAWholeOpensNothing() {
        minutes(0, 60, a, b);
        for (int m = 0; m < 600; m++) { // ten hours with no tick of anything: closed, not a gap of one feed
            driver.driver().advanceWallClockTime(MINUTE);
        }
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void aSymbolNeverPricedOpensNothing() {
        AlphaEvent call = AlphaEvent.newBuilder().setEventId("e1").setAgent("agent-a").setSymbol("NOPE").setDirection(1)
                .setScoreFinal(0.8).setConfidence(0.6).setRegime("TREND").setEmittedAt(T0).setEntryPrice(10.0)
                .setHorizonsHours(List.of(1)).setStrategyClass(null).build();
        events.pipeInput(new TestRecord<>("agent-a", call, T0));
        minutes(0, 180, a);
        assertThat(alerts.isEmpty()).isTrue();
    }

    /** Minutes [from, to) of market time, one tick of each tape per minute, each minute taking a minute of wall clock. */
    private void minutes(long from, long to, TickTape... tapes) {
        for (long m = from; m < to; m++) {
            for (TickTape tape : tapes) {
                prices.pipeInput(new TestRecord<>(tape.symbol(), tape.tick(m), tape.at(m)));
            }
            driver.driver().advanceWallClockTime(MINUTE);
        }
    }
}
