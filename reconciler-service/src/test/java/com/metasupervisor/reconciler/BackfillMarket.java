package com.metasupervisor.reconciler;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PriceTick;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

/**
 * Market history as a backfilling market feed and fleet of agents replay it, with what the reconciler must
 * make of it worked out from the ticks themselves (SPEC §3), independently of the reconciler.
 *
 * <p>Every symbol ticks once a minute, each at its own second of the minute (so "the first tick at or after"
 * a time is not a shared grid), along a seeded random walk. Every agent calls once per call period, at a
 * random moment within it, on a random symbol, at horizons 1, 4 and 24 h; half of the calls carry no entry
 * price (the entry is then the first tick at or after {@code emitted_at}).</p>
 *
 * @param ticks prices per symbol by tick time
 * @param calls each agent's calls in {@code emitted_at} order
 */
public record BackfillMarket(Map<String, NavigableMap<Instant, Double>> ticks, Map<String, List<AlphaEvent>> calls) {

    public static final List<Integer> HORIZONS = SyntheticMarket.HORIZONS;

    public BackfillMarket {
        Objects.requireNonNull(ticks, "ticks");
        Objects.requireNonNull(calls, "calls");
        if (ticks.isEmpty() || ticks.values().stream().anyMatch(NavigableMap::isEmpty)) {
            throw new IllegalArgumentException("every symbol needs ticks, were " + ticks.keySet());
        }
        Map<String, NavigableMap<Instant, Double>> tickCopy = new LinkedHashMap<>();
        ticks.forEach((symbol, tape) -> tickCopy.put(symbol, Collections.unmodifiableNavigableMap(new TreeMap<>(tape))));
        ticks = Collections.unmodifiableMap(tickCopy);
        Map<String, List<AlphaEvent>> callCopy = new LinkedHashMap<>();
        calls.forEach((agent, list) -> callCopy.put(agent, List.copyOf(list)));
        calls = Collections.unmodifiableMap(callCopy);
    }

    /**
     * @param start      first tick (and call period) time
     * @param length     market time covered by ticks and calls
     * @param symbols    the symbols, ticking every minute
     * @param agents     how many agents call
     * @param callPeriod each agent calls once per period
     * @param seed       of prices and calls
     */
    public static BackfillMarket generate(Instant start, Duration length, List<String> symbols, int agents, Duration callPeriod,
                                          long seed) {
        if (symbols.isEmpty() || agents <= 0 || !length.isPositive() || !callPeriod.isPositive()) {
            throw new IllegalArgumentException("need symbols, agents > 0 and positive durations, were " + symbols + ", " + agents
                    + ", " + length + ", " + callPeriod);
        }
        Random random = new Random(seed);
        Instant end = start.plus(length);
        Map<String, NavigableMap<Instant, Double>> ticks = new LinkedHashMap<>();
        for (int s = 0; s < symbols.size(); s++) {
            NavigableMap<Instant, Double> tape = new TreeMap<>();
            double price = 50 + 40 * s;
            // second 7·s of every minute (mod 60): symbols never share a tick time
            for (Instant t = start.plusSeconds((7L * s) % 60); t.isBefore(end); t = t.plus(Duration.ofMinutes(1))) {
                tape.put(t, price);
                price *= Math.exp(random.nextGaussian() * 0.0005); // ~5 bps a minute
            }
            ticks.put(symbols.get(s), tape);
        }
        Map<String, List<AlphaEvent>> calls = new LinkedHashMap<>();
        for (int a = 1; a <= agents; a++) {
            String agent = "agent-%02d".formatted(a);
            List<AlphaEvent> mine = new ArrayList<>();
            int n = 0;
            for (Instant period = start; period.isBefore(end); period = period.plus(callPeriod), n++) {
                Instant at = period.plusMillis((long) (random.nextDouble() * callPeriod.toMillis()));
                if (!at.isBefore(end)) {
                    continue;
                }
                String symbol = symbols.get(random.nextInt(symbols.size()));
                var quote = ticks.get(symbol).floorEntry(at);
                Double entry = random.nextBoolean() ? null
                        : (quote == null ? ticks.get(symbol).firstEntry() : quote).getValue() * (1 + random.nextGaussian() * 0.0002);
                mine.add(AlphaEvent.newBuilder()
                        .setEventId(agent + "-" + n).setAgent(agent).setSymbol(symbol)
                        .setDirection(random.nextBoolean() ? 1 : -1)
                        .setScoreFinal(random.nextDouble() * 2 - 1).setConfidence(random.nextDouble())
                        .setRegime(random.nextInt(3) == 0 ? "RANGE" : "TREND").setEmittedAt(at)
                        .setEntryPrice(entry).setHorizonsHours(HORIZONS).setStrategyClass(null).build());
            }
            calls.put(agent, mine);
        }
        return new BackfillMarket(ticks, calls);
    }

    /** The ticks with {@code from <= ts < to}, every symbol's, in time order: as the market feed sends them. */
    public List<PriceTick> ticks(Instant from, Instant to) {
        List<PriceTick> out = new ArrayList<>();
        ticks.forEach((symbol, tape) -> tape.subMap(from, true, to, false).forEach((ts, price) ->
                out.add(PriceTick.newBuilder().setSymbol(symbol).setTs(ts).setPrice(price).build())));
        out.sort(Comparator.comparing(PriceTick::getTs));
        return out;
    }

    /** Each agent's calls with {@code from <= emitted_at < to}, in time order: as each agent sends them. */
    public Map<String, List<AlphaEvent>> calls(Instant from, Instant to) {
        Map<String, List<AlphaEvent>> out = new LinkedHashMap<>();
        calls.forEach((agent, list) -> out.put(agent, list.stream()
                .filter(e -> !e.getEmittedAt().isBefore(from) && e.getEmittedAt().isBefore(to)).toList()));
        return out;
    }

    /** Every (event, horizon) of the calls emitted before {@code to}. */
    public List<Pair> pairs(Instant to) {
        List<Pair> out = new ArrayList<>();
        calls.values().forEach(list -> list.stream().filter(e -> e.getEmittedAt().isBefore(to))
                .forEach(e -> e.getHorizonsHours().forEach(h -> out.add(new Pair(e, h)))));
        return out;
    }

    /**
     * What the reconciler must have made of {@code pair} once the ticks before {@code ticksUntil} are in: priced
     * when its exit tick is final (its symbol has ticked {@code tickLateness} past it, so no earlier tick can still
     * come), pending when no tick at or after its exit time is in yet, and either when its exit tick is in but not
     * final yet.
     */
    public Expectation expectation(Pair pair, Instant ticksUntil, Duration tickLateness) {
        AlphaEvent call = pair.call();
        NavigableMap<Instant, Double> tape = ticks.get(call.getSymbol()).headMap(ticksUntil, false);
        var exit = tape.ceilingEntry(call.getEmittedAt().plus(Duration.ofHours(pair.horizonHours())));
        if (exit == null) {
            return new Expectation.Pending();
        }
        double entryPrice = call.getEntryPrice() != null ? call.getEntryPrice() : tape.ceilingEntry(call.getEmittedAt()).getValue();
        // SPEC §3: direction × (exit / entry − 1) in basis points
        Expectation.Priced priced = new Expectation.Priced(exit.getKey(), entryPrice, exit.getValue(),
                call.getDirection() * (exit.getValue() / entryPrice - 1) * 10_000);
        return exit.getKey().plus(tickLateness).isAfter(tape.lastKey()) ? new Expectation.Settling(priced) : priced;
    }

    /** One (event, horizon): what the reconciler reconciles once. */
    public record Pair(AlphaEvent call, int horizonHours) {
        public Pair {
            Objects.requireNonNull(call, "call");
            if (!call.getHorizonsHours().contains(horizonHours)) {
                throw new IllegalArgumentException("horizon " + horizonHours + " is not one of " + call.getEventId() + "'s");
            }
        }

        public String id() {
            return id(call.getEventId(), horizonHours);
        }

        public static String id(String eventId, int horizonHours) {
            return eventId + "@" + horizonHours + "h";
        }
    }

    /** What the reconciler must have made of a pair so far. */
    public sealed interface Expectation {

        /** Exactly one row with these figures. */
        record Priced(Instant maturedAt, double entryPrice, double exitPrice, double realizedPnlBps) implements Expectation {
            public Priced {
                Objects.requireNonNull(maturedAt, "maturedAt");
                if (!(entryPrice > 0) || !(exitPrice > 0) || !Double.isFinite(realizedPnlBps)) {
                    throw new IllegalArgumentException("prices must be > 0 and the PnL finite, were " + entryPrice + ", "
                            + exitPrice + ", " + realizedPnlBps);
                }
            }
        }

        /** Its exit tick is in but not final yet: no row yet, or one with these figures. */
        record Settling(Priced ifPriced) implements Expectation {
            public Settling {
                Objects.requireNonNull(ifPriced, "ifPriced");
            }
        }

        /** No tick at or after its exit time yet: nothing emitted, no dead letter. */
        record Pending() implements Expectation {
        }
    }
}
