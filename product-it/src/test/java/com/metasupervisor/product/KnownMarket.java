package com.metasupervisor.product;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PriceTick;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * A market whose prices are known in advance: each symbol ticks every {@code tickEvery} from {@code start} to
 * {@code start + span} on a smooth positive path, so a test can say which tick prices a call's entry and each exit.
 * Calls are made by the test's agents in the market's past (event time drives the reconciler), with every field
 * the reconciler checks valid.
 *
 * @param start     the first tick of every symbol
 * @param symbols   the symbols, each ticking on the same grid
 * @param tickEvery the grid step
 * @param span      the last tick is at {@code start + span}
 */
record KnownMarket(Instant start, List<String> symbols, Duration tickEvery, Duration span) {

    static final List<Integer> HORIZONS = List.of(1, 4, 24);

    KnownMarket {
        Objects.requireNonNull(start, "start");
        symbols = List.copyOf(symbols);
        if (symbols.isEmpty() || tickEvery.isNegative() || tickEvery.isZero() || span.compareTo(tickEvery) < 0) {
            throw new IllegalArgumentException("a market needs symbols and a positive grid within its span: " + symbols + ", "
                    + tickEvery + ", " + span);
        }
    }

    /** The known price path: smooth, positive, different per symbol. */
    double price(String symbol, Instant at) {
        int s = symbols.indexOf(symbol);
        if (s < 0) {
            throw new IllegalArgumentException("not a symbol of this market: " + symbol);
        }
        double minutes = Duration.between(start, at).toMinutes();
        return 100 + 10 * s + 5 * Math.sin(minutes / 97.0 + s) + minutes / 600.0;
    }

    /** The first grid tick at or after {@code t}. */
    Instant firstTickAtOrAfter(Instant t) {
        long step = tickEvery.toMillis();
        long k = Math.floorDiv(Duration.between(start, t).toMillis() + step - 1, step);
        return start.plusMillis(k * step);
    }

    /** Every tick of every symbol, in time order. */
    List<PriceTick> ticks() {
        List<PriceTick> ticks = new ArrayList<>();
        for (Instant t = start; !t.isAfter(start.plus(span)); t = t.plus(tickEvery)) {
            for (String symbol : symbols) {
                ticks.add(PriceTick.newBuilder().setSymbol(symbol).setTs(t).setPrice(price(symbol, t)).build());
            }
        }
        return ticks;
    }

    /**
     * {@code count} calls spread evenly over {@code (start, start + period)}, by {@code agents} in turn (agent i's
     * strategy class is {@code classes[i % classes.size()]}), random symbol, direction, score and confidence from
     * {@code seed}; every other one names its entry price, the rest take the first tick at or after emission.
     */
    List<AlphaEvent> calls(String idPrefix, int count, List<String> agents, List<String> classes, Duration period, long seed) {
        Random random = new Random(seed);
        List<AlphaEvent> calls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant at = start.plusMillis((long) (period.toMillis() * (i + 0.5) / count));
            int agent = i % agents.size();
            String symbol = symbols.get(random.nextInt(symbols.size()));
            calls.add(call(idPrefix + i, agents.get(agent), classes.get(agent % classes.size()), symbol, at,
                    random.nextBoolean() ? 1 : -1, random.nextDouble() * 2 - 1, random.nextDouble(), i % 2 == 0));
        }
        return calls;
    }

    /** One call at {@code at}; with {@code namesEntry} its entry price is the market's price then, else null. */
    AlphaEvent call(String eventId, String agent, String strategyClass, String symbol, Instant at, int direction,
                    double score, double confidence, boolean namesEntry) {
        return AlphaEvent.newBuilder()
                .setEventId(eventId).setAgent(agent).setSymbol(symbol).setDirection(direction)
                .setScoreFinal(score).setConfidence(confidence)
                .setRegime("TREND").setEmittedAt(at)
                .setEntryPrice(namesEntry ? price(symbol, at) : null)
                .setHorizonsHours(HORIZONS).setStrategyClass(strategyClass).build();
    }
}
