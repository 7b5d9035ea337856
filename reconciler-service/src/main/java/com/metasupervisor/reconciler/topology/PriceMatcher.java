package com.metasupervisor.reconciler.topology;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.avro.SimModel;
import com.metasupervisor.reconciler.config.ReconcilerSettings;
import com.metasupervisor.reconciler.domain.PricePoint;
import com.metasupervisor.reconciler.domain.Reconciliation;
import com.metasupervisor.schemas.TopicKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Meets calls and prices of one symbol (input keyed by symbol) and emits, per (event, horizon),
 * exactly one outcome keyed by agent.
 *
 * <p>A price is final for a time t when it is the earliest tick at or after t and no earlier tick
 * can still arrive: ticks may arrive up to {@code tick-lateness} behind the newest tick of their
 * symbol. Until then the match waits in {@value #PENDING}; when it is priced it leaves the store,
 * so the store holds pending work only. Ticks are kept {@code price-history} of market time in
 * {@value #HISTORY} to price calls that arrive after their ticks (calls and ticks reach this task
 * from several upstream tasks, so during a catch-up a call may arrive hours after its ticks). A
 * match whose symbol ticked past the grace without a price is unreconcilable; a sweep gives up
 * matches whose symbol has gone quiet for {@code price-history}.</p>
 */
final class PriceMatcher implements Processor<String, MatchInput, String, MatchOutcome> {

    static final String HISTORY = "price-history";
    static final String PENDING = "pending-matches";
    static final String SYMBOL_CLOCKS = "symbol-clocks";
    static final String MODELS = "sim-models";
    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private static final long NO_TICK_YET = Long.MIN_VALUE;

    private final long graceMillis;
    private final long latenessMillis;
    private final long historyMillis;
    private final ReconcilerMetrics metrics;

    private ProcessorContext<String, MatchOutcome> context;
    private WindowStore<String, Double> history;
    private KeyValueStore<String, PendingMatch> pending;
    private KeyValueStore<String, Long> symbolClocks;
    private TimestampedKeyValueStore<String, SimModel> models;
    /** The newest tick time of the task: market time, which judges grace and what history still holds. */
    private long marketClock = NO_TICK_YET;
    private long nextSweep = NO_TICK_YET;

    PriceMatcher(ReconcilerSettings settings, ReconcilerMetrics metrics) {
        this.graceMillis = settings.grace().toMillis();
        this.latenessMillis = settings.tickLateness().toMillis();
        this.historyMillis = settings.priceHistory().toMillis();
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, MatchOutcome> context) {
        this.context = context;
        history = context.getStateStore(HISTORY);
        pending = context.getStateStore(PENDING);
        symbolClocks = context.getStateStore(SYMBOL_CLOCKS);
        models = context.getStateStore(MODELS);
        try (KeyValueIterator<String, Long> clocks = symbolClocks.all()) {
            clocks.forEachRemaining(kv -> marketClock = Math.max(marketClock, kv.value));
        }
    }

    @Override
    public void process(Record<String, MatchInput> record) {
        switch (record.value()) {
            case MatchInput.Event(AlphaEvent event) -> onEvent(record.key(), event);
            case MatchInput.Tick(PriceTick tick) -> onTick(record.key(), tick);
        }
    }

    private void onEvent(String symbol, AlphaEvent event) {
        Long clock = symbolClocks.get(symbol);
        if (clock == null) {
            symbolClocks.put(symbol, NO_TICK_YET); // the sweep visits symbols it knows
            clock = NO_TICK_YET;
        }
        for (int horizon : new LinkedHashSet<>(event.getHorizonsHours())) {
            advance(symbol, PendingMatch.of(event, horizon), null, clock);
        }
    }

    private void onTick(String symbol, PriceTick tick) {
        long at = tick.getTs().toEpochMilli();
        history.put(symbol, tick.getPrice(), at);
        Long previous = symbolClocks.get(symbol);
        long clock = previous == null || previous == NO_TICK_YET ? at : Math.max(previous, at);
        if (previous == null || clock != previous) {
            symbolClocks.put(symbol, clock);
        }
        marketClock = Math.max(marketClock, at);
        if (marketClock >= nextSweep) {
            nextSweep = marketClock + SWEEP_EVERY.toMillis();
            sweep();
        }
        for (KeyValue<String, PendingMatch> waiting : awaitingAtOrBefore(symbol, clock - latenessMillis)) {
            advance(symbol, waiting.value, waiting.key, clock);
        }
    }

    /**
     * Matches whose symbol has shown nothing for {@code price-history} of market time (the newest
     * tick of the task; calls alone do not move it) are given up. Waiting that long, not just the
     * grace, keeps a symbol whose ticks lag others' (a catch-up) from being given up too early.
     * Runs as market time passes each {@link #SWEEP_EVERY}: with no ticks nothing could be given up.
     */
    private void sweep() {
        List<KeyValue<String, Long>> symbols = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = symbolClocks.all()) {
            all.forEachRemaining(symbols::add);
        }
        for (KeyValue<String, Long> symbol : symbols) {
            for (KeyValue<String, PendingMatch> expired : awaitingAtOrBefore(symbol.key, marketClock - historyMillis)) {
                advance(symbol.key, expired.value, expired.key, symbol.value);
            }
        }
    }

    /**
     * Takes a match as far as the symbol's final prices allow: entry, then exit, then the outcome.
     * A tick is final once the symbol has ticked {@code tick-lateness} past it. What cannot be
     * decided yet is (re)stored under the time it awaits.
     */
    private void advance(String symbol, PendingMatch match, String storedUnder, long symbolClock) {
        PendingMatch current = match;
        while (true) {
            long awaited = current.awaiting().toEpochMilli();
            String awaitedWhat = (current.entry() == null ? "emitted_at " : "emitted_at + " + current.horizonHours() + " h = ")
                    + current.awaiting();
            boolean historyPassed = marketClock != NO_TICK_YET && awaited < marketClock - historyMillis;
            if (symbolClock == NO_TICK_YET || symbolClock < awaited) {
                // nothing of this symbol at or after the awaited time has arrived yet
                if (historyPassed) {
                    giveUp(storedUnder, current, "no price of " + symbol + " at or after " + awaitedWhat
                            + " arrived while the market moved on by reconciler.price-history (" + Duration.ofMillis(historyMillis) + ")");
                } else {
                    keep(symbol, current, storedUnder);
                }
                return;
            }
            if (historyPassed) {
                // the price history may already have dropped ticks after this time: a lookup could
                // find a later tick than the first one, so the pair cannot be priced truthfully
                giveUp(storedUnder, current, "the prices of " + symbol + " after " + awaitedWhat
                        + " have left the price history (reconciler.price-history " + Duration.ofMillis(historyMillis) + ")");
                return;
            }
            long settled = symbolClock - latenessMillis;
            PricePoint price = firstFinalTick(symbol, awaited, Math.min(awaited + graceMillis, settled));
            if (price == null) {
                if (settled >= awaited + graceMillis) {
                    giveUp(storedUnder, current, "no price of " + symbol + " within " + Duration.ofMillis(graceMillis)
                            + " (reconciler.grace) after " + awaitedWhat);
                } else {
                    keep(symbol, current, storedUnder);
                }
                return;
            }
            if (current.entry() == null) {
                current = current.withEntry(price);
                continue;
            }
            remove(storedUnder);
            emit(current, price);
            return;
        }
    }

    private void keep(String symbol, PendingMatch match, String storedUnder) {
        String key = PendingKey.of(symbol, match);
        if (!key.equals(storedUnder)) {
            remove(storedUnder);
            pending.put(key, match);
        }
    }

    /** The earliest tick in [from, to], if {@code to >= from}. */
    private PricePoint firstFinalTick(String symbol, long from, long to) {
        if (to < from) {
            return null;
        }
        try (WindowStoreIterator<Double> ticks = history.fetch(symbol, from, to)) {
            if (!ticks.hasNext()) {
                return null;
            }
            KeyValue<Long, Double> first = ticks.next();
            return new PricePoint(Instant.ofEpochMilli(first.key), first.value);
        }
    }

    private void emit(PendingMatch match, PricePoint exit) {
        AlphaEvent event = match.event();
        ValueAndTimestamp<SimModel> model = models.get(TopicKeys.simModel(match.horizonHours()));
        Reconciliation reconciled = Reconciliation.of(event.getDirection(), event.getScoreFinal(), event.getConfidence(),
                match.entry(), exit, AvroMapping.coefficients(model == null ? null : model.value()));
        metrics.reconciled();
        context.forward(new Record<>(event.getAgent(),
                new MatchOutcome.Reconciled(AvroMapping.row(event, match.horizonHours(), reconciled)), exit.at().toEpochMilli()));
    }

    private void giveUp(String storedUnder, PendingMatch match, String detail) {
        remove(storedUnder);
        metrics.unreconcilable();
        long at = Math.max(match.awaiting().toEpochMilli() + graceMillis, 0);
        context.forward(new Record<>(match.event().getAgent(),
                new MatchOutcome.Unreconcilable(match.event(), match.horizonHours(), detail), at));
    }

    private List<KeyValue<String, PendingMatch>> awaitingAtOrBefore(String symbol, long until) {
        List<KeyValue<String, PendingMatch>> out = new ArrayList<>();
        if (until < 0) {
            return out;
        }
        try (KeyValueIterator<String, PendingMatch> range = pending.range(PendingKey.from(symbol), PendingKey.to(symbol, until))) {
            range.forEachRemaining(out::add);
        }
        return out;
    }

    private void remove(String key) {
        if (key != null) {
            pending.delete(key);
        }
    }

}
