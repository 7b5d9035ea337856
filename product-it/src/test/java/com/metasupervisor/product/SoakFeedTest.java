package com.metasupervisor.product;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PriceTick;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The soak's feed predicts every reconciled row: checked here against the ticks themselves, by search. */
class SoakFeedTest {

    private static final Instant END = Instant.parse("2026-11-30T12:00:00Z");
    private final SoakFeed feed = new SoakFeed(15, 3_000, 40, END);

    @Test
    void theExitTickIsTheFirstTickOfTheSymbolAtOrAfterEmittedPlusTheHorizonAndMaturedAtIsUniquePerHorizon() {
        for (int h : SoakFeed.HORIZONS) {
            Set<Long> matured = new HashSet<>();
            for (int j = 0; j < feed.events(); j += 7) {
                AlphaEvent event = feed.event(j);
                long awaited = event.getEmittedAt().toEpochMilli() + h * 3_600_000L;
                int exit = firstTickAtOrAfter(event.getSymbol(), awaited);
                assertThat(exit).as("exit tick of event %d at %d h", j, h).isEqualTo(SoakFeed.exitTick(j, h));
                assertThat(feed.maturedMillis(j, h)).isEqualTo(feed.tick(exit).getTs().toEpochMilli());
                assertThat(matured.add(feed.maturedMillis(j, h))).as("matured_at of event %d at %d h is its own", j, h).isTrue();
                int entry = firstTickAtOrAfter(event.getSymbol(), event.getEmittedAt().toEpochMilli());
                assertThat(entry).isEqualTo(SoakFeed.entryTick(j));
                double realized = event.getDirection() * (feed.tick(exit).getPrice() / feed.tick(entry).getPrice() - 1) * 10_000;
                assertThat(feed.realizedPnlBps(j, h)).isEqualTo(realized);
            }
        }
    }

    @Test
    void theFeedIsInThePastValidAndSpreadOverClassesRegimesAndAgents() {
        SoakFeed feed = new SoakFeed(15, 20_000, 40, END); // a smoke run's size: several regime episodes
        assertThat(feed.tick(feed.ticks() - 1).getTs()).isEqualTo(END);
        Set<String> classes = new HashSet<>();
        Set<String> regimes = new HashSet<>();
        Set<String> agents = new HashSet<>();
        for (int j = 0; j < feed.events(); j++) {
            AlphaEvent e = feed.event(j);
            assertThat(e.getEmittedAt()).isBefore(END);
            assertThat(e.getDirection()).isIn(1, -1);
            assertThat(e.getConfidence()).isBetween(0.0, 1.0);
            assertThat(SoakFeed.eventIndex(e.getEventId())).isEqualTo(j);
            classes.add(e.getStrategyClass());
            regimes.add(e.getRegime());
            agents.add(e.getAgent());
        }
        assertThat(classes).hasSize(SoakFeed.STRATEGY_CLASSES.size());
        assertThat(regimes).hasSize(SoakFeed.REGIMES.size());
        assertThat(agents).hasSize(40);
        for (int t = 0; t < feed.ticks(); t++) {
            assertThat(feed.tick(t).getPrice()).isPositive().isFinite();
        }
        // the tail: 25 h of ticks after the last event, so its 24 h exit tick exists and is final (tick-lateness 1 min)
        assertThat(SoakFeed.exitTick(feed.events() - 1, 24) + 60).isLessThan(feed.ticks());
    }

    @Test
    void theSameSeedGivesTheSameFeed() {
        SoakFeed again = new SoakFeed(15, 3_000, 40, END);
        assertThat(again.event(1234)).isEqualTo(feed.event(1234));
        assertThat(again.tick(54_321)).isEqualTo(feed.tick(54_321));
        assertThat(new SoakFeed(16, 3_000, 40, END).tick(54_321)).isNotEqualTo(feed.tick(54_321));
        assertThat(SoakFeed.eventIndex("other-12")).isEqualTo(-1);
    }

    private int firstTickAtOrAfter(String symbol, long at) {
        for (int t = 0; t < feed.ticks(); t++) {
            PriceTick tick = feed.tick(t);
            if (tick.getSymbol().equals(symbol) && tick.getTs().toEpochMilli() >= at) {
                return t;
            }
        }
        throw new AssertionError("no tick of " + symbol + " at or after " + at);
    }
}
