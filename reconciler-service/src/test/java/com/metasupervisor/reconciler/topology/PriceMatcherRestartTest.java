package com.metasupervisor.reconciler.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AlertTransition;
import com.metasupervisor.avro.SimModel;
import com.metasupervisor.reconciler.config.ReconcilerSettings;
import com.metasupervisor.streams.state.PlainAvroSerde;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The matcher restarted on the state it left (what a restart restores from the changelogs): an open feed gap is
 * neither opened again nor forgotten (its next tick resolves it), and a gap not yet open when the service stopped
 * still opens, its silence counted from the restart.
 */
class PriceMatcherRestartTest {

    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final ReconcilerSettings settings = ReconcilerSettings.defaults();
    private final TickTape a = new TickTape("AAA", T0, MINUTE, Duration.ofSeconds(7), 100);
    private final TickTape b = new TickTape("BBB", T0, MINUTE, Duration.ofSeconds(41), 50);
    private final TickTape c = new TickTape("CCC", T0, MINUTE, Duration.ofSeconds(13), 20);
    private List<StateStore> stores;

    @BeforeEach
    void stores() {
        MockProcessorContext<String, MatchOutcome> setup = new MockProcessorContext<>();
        stores = List.of(
                new SortedWindowStore<Double>(PriceMatcher.HISTORY),
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PriceMatcher.PENDING), Serdes.String(),
                        new PendingMatchSerde()).withLoggingDisabled().build(),
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PriceMatcher.SYMBOL_CLOCKS), Serdes.String(),
                        Serdes.Long()).withLoggingDisabled().build(),
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PriceMatcher.FEED_GAPS), Serdes.String(),
                        new FeedGapSerde()).withLoggingDisabled().build(),
                Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore(PriceMatcher.MODELS), Serdes.String(),
                        new PlainAvroSerde<>(SimModel.class)).withLoggingDisabled().build());
        stores.forEach(store -> store.init(setup.getStateStoreContext(), store));
    }

    @Test
    void anOpenGapIsNotOpenedAgainAfterARestartAndItsNextTickResolvesIt() {
        Running first = new Running();
        for (long m = 0; m < 60; m++) {
            first.ticks(m, m < 30 ? List.of(a, b, c) : List.of(a, c));
        }
        for (long m = 60; m < 95; m++) { // BBB silent since minute 29, CCC since minute 59
            first.ticks(m, List.of(a));
        }
        assertThat(first.alerts()).extracting(Alert::getAlertId, Alert::getTransition)
                .containsExactly(tuple("BBB#1", AlertTransition.OPENED));

        Running restarted = new Running(); // at wall-clock minute 95, on the same stores
        restarted.wallClock(95);
        for (long m = 95; m < 150; m++) {
            restarted.ticks(m, List.of(a));
        }
        assertThat(restarted.alerts()).as("BBB's gap stays open without a second OPENED; CCC's silence counts from the restart")
                .isEmpty();
        restarted.ticks(150, List.of(a, b));
        for (long m = 151; m < 157; m++) { // CCC silent for more than an hour since the restart (minute 95)
            restarted.ticks(m, List.of(a));
        }
        assertThat(restarted.alerts()).extracting(Alert::getAlertId, Alert::getTransition).containsExactly(
                tuple("BBB#1", AlertTransition.RESOLVED),
                tuple("CCC#1", AlertTransition.OPENED));
    }

    /** One life of the matcher: its own context (wall clock, punctuators, forwards) on the shared stores. */
    private final class Running {
        private final MockProcessorContext<String, MatchOutcome> context = new MockProcessorContext<>();
        private final PriceMatcher matcher = new PriceMatcher(settings, new ReconcilerMetrics(new SimpleMeterRegistry()));
        private long wallMinute;

        Running() {
            stores.forEach(context::addStateStore);
            matcher.init(context);
        }

        void wallClock(long minute) {
            wallMinute = minute;
            context.setCurrentSystemTimeMs(T0.plus(MINUTE.multipliedBy(minute)).toEpochMilli());
        }

        /** Market minute m's ticks of {@code tapes} arrive, then a minute of wall clock passes and the punctuation runs. */
        void ticks(long m, List<TickTape> tapes) {
            wallClock(m);
            for (TickTape tape : tapes) {
                matcher.process(new Record<>(tape.symbol(), MatchInput.tick(tape.tick(m)), tape.at(m).toEpochMilli()));
            }
            wallClock(m + 1);
            context.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(context.currentSystemTimeMs()));
        }

        List<Alert> alerts() {
            List<Alert> out = context.forwarded().stream().map(f -> f.record().value())
                    .filter(MatchOutcome.FeedGapChange.class::isInstance)
                    .map(o -> ((MatchOutcome.FeedGapChange) o).alert()).toList();
            context.resetForwards();
            return out;
        }
    }
}
