package com.metasupervisor.reconciler.topology;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.avro.SimModel;
import com.metasupervisor.reconciler.config.ReconcilerSettings;
import com.metasupervisor.reconciler.domain.FeedGap;
import com.metasupervisor.reconciler.domain.PricePoint;
import com.metasupervisor.reconciler.domain.Reconciliation;
import com.metasupervisor.schemas.TopicKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
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
 * exactly one outcome keyed by agent; and the symbols' price feed gaps, keyed by symbol.
 *
 * <p>A price is final for a time t when it is the earliest tick at or after t and no earlier tick
 * can still arrive: ticks may arrive up to {@code tick-lateness} behind the newest tick of their
 * symbol. Until then the match waits in {@value #PENDING}; when it is priced it leaves the store,
 * so the store holds pending work only.</p>
 *
 * <p>Calls and ticks reach this task from several upstream tasks that run at their own speed (and a
 * producer's partitioner decides which symbols share one), so during a catch-up a call may arrive days
 * of market time after its ticks, or before them. The catch-up bound {@code price-history} absorbs both:
 * ticks are kept that much market time in {@value #HISTORY} (persistent: its size is no heap problem),
 * and a match waits that long for its symbol. Market time is the newest tick of the task.</p>
 *
 * <p>Giving up (SPEC §3 "whose fault", {@link GiveUpReason}):</p>
 * <ul>
 *   <li>a pair that arrives when the time it awaits is already beyond the bound is {@code unreconcilable}:
 *       the ticks it needs may have left the history;</li>
 *   <li>a symbol that ticked on past the awaited time + {@code grace} with no tick in between has a hole:
 *       {@code unpriced};</li>
 *   <li>a match whose awaited time falls beyond the bound while it waits (the sweep) is {@code unpriced}
 *       when its symbol ever ticked here, else {@code unknown_symbol}. Never sooner: a symbol's ticks can
 *       arrive days of market time after the others' of the task (its upstream task is slower), and only
 *       a low watermark of every upstream partition, which a task cannot see, would tell "never priced"
 *       from "not yet" sooner; the wall clock cannot either, since a backfill ticks in wall-clock time
 *       whatever its market time.</li>
 * </ul>
 *
 * <p>Feed gaps: a wall-clock punctuation opens a {@code PRICE_FEED_GAP} alert for a known symbol whose
 * newest tick lags the market clock by more than {@code feed-gap} and none of whose ticks arrived for
 * {@code feed-gap} of wall-clock time ({@link FeedGap#isGap}); its next tick resolves it. The gaps are
 * kept in {@value #FEED_GAPS} (changelogged), so a restart neither repeats nor forgets an open one.</p>
 */
final class PriceMatcher implements Processor<String, MatchInput, String, MatchOutcome> {

    static final String HISTORY = "price-history";
    static final String PENDING = "pending-matches";
    static final String SYMBOL_CLOCKS = "symbol-clocks";
    static final String FEED_GAPS = "feed-gaps";
    static final String MODELS = "sim-models";
    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
    /** How often (wall clock) feed gaps are looked for; a shorter feed-gap is looked for that often. */
    static final Duration FEED_GAP_CHECK_EVERY = Duration.ofMinutes(1);

    private static final long NO_TICK_YET = Long.MIN_VALUE;
    private static final long NOT_STARTED = Long.MIN_VALUE;

    private final long graceMillis;
    private final long latenessMillis;
    private final long historyMillis;
    private final Duration feedGap;
    private final ReconcilerMetrics metrics;

    private ProcessorContext<String, MatchOutcome> context;
    private WindowStore<String, Double> history;
    private KeyValueStore<String, PendingMatch> pending;
    private KeyValueStore<String, Long> symbolClocks;
    private KeyValueStore<String, FeedGap> feedGaps;
    private TimestampedKeyValueStore<String, SimModel> models;
    /** The newest tick time of the task: market time, which judges grace and the catch-up bound. */
    private long marketClock = NO_TICK_YET;
    private long nextSweep = NO_TICK_YET;
    /** Symbols with an open feed gap (what {@value #FEED_GAPS} says), so a tick need not read the store. */
    private final Set<String> openGaps = new HashSet<>();
    /**
     * Wall-clock time a tick of each symbol last arrived at this instance. Not kept across a restart: a
     * symbol's silence is then counted from the start, so a gap not yet open opens feed-gap later, never
     * twice (open gaps are in the store).
     */
    private final Map<String, Long> lastArrival = new HashMap<>();
    private long startedAt = NOT_STARTED;

    PriceMatcher(ReconcilerSettings settings, ReconcilerMetrics metrics) {
        this.graceMillis = settings.grace().toMillis();
        this.latenessMillis = settings.tickLateness().toMillis();
        this.historyMillis = settings.priceHistory().toMillis();
        this.feedGap = settings.feedGap();
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, MatchOutcome> context) {
        this.context = context;
        history = context.getStateStore(HISTORY);
        pending = context.getStateStore(PENDING);
        symbolClocks = context.getStateStore(SYMBOL_CLOCKS);
        feedGaps = context.getStateStore(FEED_GAPS);
        models = context.getStateStore(MODELS);
        try (KeyValueIterator<String, Long> clocks = symbolClocks.all()) {
            clocks.forEachRemaining(kv -> marketClock = Math.max(marketClock, kv.value));
        }
        try (KeyValueIterator<String, FeedGap> gaps = feedGaps.all()) {
            gaps.forEachRemaining(kv -> {
                if (kv.value.open()) {
                    openGaps.add(kv.key);
                }
            });
        }
        Duration checkEvery = feedGap.compareTo(FEED_GAP_CHECK_EVERY) < 0 ? feedGap : FEED_GAP_CHECK_EVERY;
        context.schedule(checkEvery, PunctuationType.WALL_CLOCK_TIME, this::openFeedGaps);
    }

    @Override
    public void process(Record<String, MatchInput> record) {
        if (startedAt == NOT_STARTED) {
            startedAt = context.currentSystemTimeMs();
        }
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
        history.put(symbol, tick.getPrice(), at); // a tick beyond the bound is dropped by the store's retention
        Long previous = symbolClocks.get(symbol);
        long clock = previous == null || previous == NO_TICK_YET ? at : Math.max(previous, at);
        if (previous == null || clock != previous) {
            symbolClocks.put(symbol, clock);
        }
        marketClock = Math.max(marketClock, at);
        long arrived = context.currentSystemTimeMs();
        lastArrival.put(symbol, arrived);
        if (openGaps.contains(symbol)) {
            resolveFeedGap(symbol, at, arrived);
        }
        if (marketClock >= nextSweep) {
            nextSweep = marketClock + SWEEP_EVERY.toMillis();
            sweep();
        }
        for (KeyValue<String, PendingMatch> waiting : awaitingAtOrBefore(symbol, clock - latenessMillis)) {
            advance(symbol, waiting.value, waiting.key, clock);
        }
    }

    /**
     * Matches whose awaited time has fallen beyond the catch-up bound (market time, the newest tick of the
     * task; calls alone do not move it) while they waited for their symbol are given up. Runs as market
     * time passes each {@link #SWEEP_EVERY}: with no ticks nothing could be given up.
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

    /** The wall-clock punctuation: opens a gap for each known symbol that lags the market and has been silent. */
    private void openFeedGaps(long now) {
        if (startedAt == NOT_STARTED) {
            startedAt = now;
        }
        if (marketClock == NO_TICK_YET) {
            return;
        }
        List<KeyValue<String, Long>> symbols = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = symbolClocks.all()) {
            all.forEachRemaining(symbols::add);
        }
        for (KeyValue<String, Long> symbol : symbols) {
            if (symbol.value == NO_TICK_YET || openGaps.contains(symbol.key)) {
                continue; // a symbol never priced has no feed to lose; an open gap stays open until a tick
            }
            Duration lag = Duration.ofMillis(marketClock - symbol.value);
            Duration silence = Duration.ofMillis(now - lastArrival.getOrDefault(symbol.key, startedAt));
            if (FeedGap.isGap(lag, silence, feedGap)) {
                FeedGap gap = FeedGap.after(feedGaps.get(symbol.key), Instant.ofEpochMilli(symbol.value), Instant.ofEpochMilli(now));
                feedGaps.put(symbol.key, gap);
                openGaps.add(symbol.key);
                metrics.feedGapOpened();
                context.forward(new Record<>(symbol.key,
                        new MatchOutcome.FeedGapChange(FeedGapAlerts.opened(symbol.key, gap, lag, silence, feedGap)), now));
            }
        }
    }

    private void resolveFeedGap(String symbol, long tickAt, long arrived) {
        FeedGap gap = feedGaps.get(symbol).resolved();
        feedGaps.put(symbol, gap);
        openGaps.remove(symbol);
        Duration lag = Duration.ofMillis(Math.max(0, marketClock - tickAt));
        context.forward(new Record<>(symbol, new MatchOutcome.FeedGapChange(
                FeedGapAlerts.resolved(symbol, gap, Instant.ofEpochMilli(tickAt), lag, Instant.ofEpochMilli(arrived), feedGap)), arrived));
    }

    /**
     * Takes a match as far as the symbol's final prices allow: entry, then exit, then the outcome.
     * A tick is final once the symbol has ticked {@code tick-lateness} past it. What cannot be
     * decided yet is (re)stored under the time it awaits; {@code storedUnder} is null for a pair
     * arriving now.
     */
    private void advance(String symbol, PendingMatch match, String storedUnder, long symbolClock) {
        PendingMatch current = match;
        while (true) {
            long awaited = current.awaiting().toEpochMilli();
            String awaitedWhat = (current.entry() == null ? "emitted_at " : "emitted_at + " + current.horizonHours() + " h = ")
                    + current.awaiting();
            if (beyondBound(awaited)) {
                giveUpBeyondBound(symbol, current, storedUnder, awaited, awaitedWhat, symbolClock);
                return;
            }
            if (symbolClock == NO_TICK_YET || symbolClock < awaited) {
                keep(symbol, current, storedUnder); // nothing of this symbol at or after the awaited time has arrived yet
                return;
            }
            long settled = symbolClock - latenessMillis;
            PricePoint price = firstFinalTick(symbol, awaited, Math.min(awaited + graceMillis, settled));
            if (price == null) {
                if (settled >= awaited + graceMillis) {
                    giveUp(storedUnder, current, GiveUpReason.UNPRICED, "no price of " + symbol + " within "
                            + DurationText.of(Duration.ofMillis(graceMillis)) + " (reconciler.grace) after " + awaitedWhat
                            + " while " + symbol + " ticked on to " + Instant.ofEpochMilli(symbolClock) + ": a hole in its prices");
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

    /**
     * Whether the ticks at and after {@code awaited} may have left the price history: the store keeps
     * (and a fetch returns) only ticks later than market clock − price-history, so at exactly that
     * time the first tick could already be gone and a lookup would find a later one.
     */
    private boolean beyondBound(long awaited) {
        return marketClock != NO_TICK_YET && awaited <= marketClock - historyMillis;
    }

    private void giveUpBeyondBound(String symbol, PendingMatch match, String storedUnder, long awaited, String awaitedWhat,
                                   long symbolClock) {
        String bound = DurationText.of(Duration.ofMillis(historyMillis));
        if (storedUnder == null) {
            Duration behind = Duration.ofMillis(marketClock - awaited);
            giveUp(null, match, GiveUpReason.UNRECONCILABLE, "arrived " + DurationText.of(behind.minusMillis(historyMillis))
                    + " beyond the catch-up bound reconciler.price-history (" + bound + "): the market clock was already at "
                    + Instant.ofEpochMilli(marketClock) + ", " + DurationText.of(behind) + " past " + awaitedWhat
                    + ", so the prices of " + symbol + " after it have left the price history");
        } else if (symbolClock == NO_TICK_YET) {
            giveUp(storedUnder, match, GiveUpReason.UNKNOWN_SYMBOL, "no price of " + symbol + " at or after " + awaitedWhat
                    + " arrived while the market moved on by reconciler.price-history (" + bound + "): " + symbol + " was never priced");
        } else {
            giveUp(storedUnder, match, GiveUpReason.UNPRICED, "no " + (symbolClock < awaited ? "" : "final ") + "price of " + symbol
                    + " at or after " + awaitedWhat + " arrived while the market moved on by reconciler.price-history (" + bound
                    + "): its newest tick is at " + Instant.ofEpochMilli(symbolClock) + " (a feed gap)");
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

    private void giveUp(String storedUnder, PendingMatch match, GiveUpReason reason, String detail) {
        remove(storedUnder);
        metrics.givenUp(reason);
        long at = Math.max(match.awaiting().toEpochMilli() + graceMillis, 0);
        context.forward(new Record<>(match.event().getAgent(),
                new MatchOutcome.GivenUp(match.event(), match.horizonHours(), reason, detail), at));
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
