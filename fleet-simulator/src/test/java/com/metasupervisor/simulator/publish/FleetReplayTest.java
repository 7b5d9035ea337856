package com.metasupervisor.simulator.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.simulator.AgentCall;
import com.metasupervisor.simulator.BadEventKind;
import com.metasupervisor.simulator.FleetSimulation;
import com.metasupervisor.simulator.MarketTick;
import com.metasupervisor.simulator.SimulatedEvent;
import com.metasupervisor.simulator.SimulationRun;
import com.metasupervisor.simulator.SimulationSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pacing on a fake clock: the wait moves it, the sink notes when each batch went. */
class FleetReplayTest {

    private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");
    private static final Duration TICK = Duration.ofMinutes(5);

    private final MovableClock clock = new MovableClock(NOW);
    private final List<SentBatch> sent = new ArrayList<>();
    private final List<ReplayProgress> progress = new ArrayList<>();

    private record SentBatch(Instant wallTime, List<SimulatedEvent> events) {
    }

    private FleetReplay replay(ReplaySpeed speed, int batchSize) {
        return new FleetReplay(batch -> sent.add(new SentBatch(clock.instant(), batch)), clock, clock::moveTo, speed, batchSize,
                Duration.ofDays(1), progress::add);
    }

    @Test
    void aCompressedReplaySendsEachEventAtItsCompressedTimeAndEverythingInOrder() throws Exception {
        SimulationRun run = FleetSimulation.run(SimulationSpec.of(42, 2, 24, SimulationSpec.startEndingBy(NOW, 2, TICK), TICK));

        ReplayTotals totals = replay(new ReplaySpeed(8_640), 500).replay(run.events());

        // 2 simulated days at 8 640× take 20 wall seconds
        assertThat(totals.wallTime()).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(20));
        assertThat(sent.stream().flatMap(b -> b.events().stream()).toList()).isEqualTo(run.events());
        Instant first = run.events().getFirst().at();
        for (SentBatch batch : sent) {
            assertThat(batch.events()).hasSizeLessThanOrEqualTo(500);
            for (SimulatedEvent event : batch.events()) {
                Duration simulated = Duration.between(first, event.at());
                assertThat(batch.wallTime()).isAfterOrEqualTo(NOW.plus(Duration.ofNanos(simulated.toNanos() / 8_640)));
                assertThat(batch.wallTime()).isAfterOrEqualTo(event.at());
            }
        }
        assertThat(totals.priceTicks()).isEqualTo(run.ticks().size());
        assertThat(totals.alphaEvents()).isEqualTo(run.calls().size());
        assertThat(totals.badEvents()).isEqualTo(run.truth().counts().badEvents()).isPositive();
        // one line per simulated day, the last at the end
        assertThat(progress).hasSizeBetween(2, 3);
        assertThat(progress.getLast().eventsSent()).isEqualTo(run.events().size());
        assertThat(progress.getLast().simulatedTime()).isEqualTo(run.events().getLast().at());
        assertThat(progress.getLast().eventsPerSecond()).isPositive();
    }

    @Test
    void atMaxSpeedNothingWaitsUnlessTheEventIsAheadOfTheWallClock() throws Exception {
        List<SimulatedEvent> events = List.of(
                new MarketTick("BTC-USD", NOW.minus(Duration.ofDays(3)), 60_000),
                new MarketTick("BTC-USD", NOW.minus(Duration.ofDays(1)), 61_000),
                new MarketTick("BTC-USD", NOW.plusSeconds(30), 62_000),
                call(NOW.plusSeconds(90)));

        ReplayTotals totals = replay(ReplaySpeed.max(), 100).replay(events);

        assertThat(sent.getFirst().wallTime()).isEqualTo(NOW);
        assertThat(sent.getFirst().events()).hasSize(2);
        assertThat(sent).allSatisfy(b -> b.events().forEach(e -> assertThat(b.wallTime()).isAfterOrEqualTo(e.at())));
        assertThat(totals.wallTime()).isEqualTo(Duration.ofSeconds(90));
        assertThat(totals).isEqualTo(new ReplayTotals(3, 1, 1, Duration.ofSeconds(90)));
    }

    @Test
    void eventsOutOfOrderAreRefused() {
        List<SimulatedEvent> events = List.of(new MarketTick("BTC-USD", NOW.minusSeconds(10), 1), new MarketTick("BTC-USD", NOW.minusSeconds(20), 1));
        assertThatThrownBy(() -> replay(ReplaySpeed.max(), 10).replay(events)).hasMessageContaining("event-time order");
    }

    @Test
    void theSpeedIsMaxOrAPositiveNumber() {
        assertThat(ReplaySpeed.parse("max").isMax()).isTrue();
        assertThat(ReplaySpeed.parse("8640").wallTimeOf(Duration.ofDays(30))).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> ReplaySpeed.parse("fast")).hasMessageContaining("'fast'");
        assertThatThrownBy(() -> ReplaySpeed.parse("-2")).hasMessageContaining("positive");
    }

    @Test
    void aBadCallKeepsItsBadValuesInAvro() {
        AgentCall bad = new AgentCall("e-1", "funding_01", "funding", "BTC-USD", -1, Double.NaN, 7.0, "CRISIS", NOW, List.of(1, 4, 24),
                Optional.of(BadEventKind.SCORE_NOT_FINITE));

        AlphaEvent event = AvroEvents.alphaEvent(bad);

        assertThat(event.getScoreFinal()).isNaN();
        assertThat(event.getConfidence()).isEqualTo(7.0);
        assertThat(event.getDirection()).isEqualTo(-1);
        assertThat(event.getEmittedAt()).isEqualTo(NOW);
        assertThat(event.getEntryPrice()).isNull();
        assertThat(event.getStrategyClass()).isNull();
        assertThat(AvroEvents.priceTick(new MarketTick("ETH-USD", NOW, 3_000)).getTs()).isEqualTo(NOW);
    }

    private static AgentCall call(Instant at) {
        return new AgentCall("e-2", "funding_01", "funding", "UNLISTED-USD", 1, 0.5, 0.5, "TREND", at, List.of(1, 4, 24),
                Optional.of(BadEventKind.UNKNOWN_SYMBOL));
    }

    /** A clock the replay's wait moves forward. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void moveTo(Instant wallTime) {
            if (wallTime.isAfter(now)) {
                now = wallTime;
            }
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
