package com.metasupervisor.product;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PriceTick;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The soak's market and fleet, a pure function of the seed, laid out so that every reconciled row can be predicted
 * exactly. Tick {@code t} is at {@code base + t s} on symbol {@code t mod 10}: each symbol ticks every 10 s, the
 * symbols 1 s apart. Event {@code j} is at {@code base + j s + 500 ms} on symbol {@code j mod 10}, so its entry is
 * tick {@code j + 10} and its exit at horizon h tick {@code j + 3600 h + 10}: every (event, horizon) has an exit tick
 * of its own, so matured_at is unique per horizon across the whole feed, and the risk windows ("newest n rows")
 * are the same whatever order the rows reached risk-service in. After the last event the ticks go on for 25 h
 * ({@link #TAIL}), so every call matures at 1, 4 and 24 h and its exit tick is final (tick-lateness 1 min).
 * The feed is in the past ({@code base} is chosen so the last tick is 10 minutes before the run starts): an event is
 * valid only when emitted_at is no more than 5 minutes in the future.
 */
final class SoakFeed {

    static final int SYMBOLS = 10;
    static final long STEP_MILLIS = 1_000;
    static final long EVENT_OFFSET_MILLIS = 500;
    static final Duration TAIL = Duration.ofHours(25);
    static final List<Integer> HORIZONS = List.of(1, 4, 24);
    static final List<String> STRATEGY_CLASSES = List.of("momentum", "mean_reversion", "stat_arb", "carry", "breakout", "macro");
    static final List<String> REGIMES = List.of("TREND", "RANGE", "CRISIS");
    /** A regime episode lasts 1 h of event time (a smoke run of 20 000 events sees several); each one's regime drawn from the seed. */
    static final long EPISODE_MILLIS = Duration.ofHours(1).toMillis();
    /** Per-tick volatility of the log price: about 95 bps per hour. */
    private static final double TICK_VOLATILITY = 0.0005 * Math.sqrt(SYMBOLS);
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long seed;
    private final int events;
    private final int agents;
    private final long baseMillis;
    private final double[] prices;

    SoakFeed(long seed, int events, int agents, Instant lastTickNotAfter) {
        this.seed = seed;
        this.events = events;
        this.agents = agents;
        int ticks = events + (int) (TAIL.toMillis() / STEP_MILLIS);
        this.baseMillis = lastTickNotAfter.toEpochMilli() - (ticks - 1) * STEP_MILLIS;
        this.prices = new double[ticks];
        double[] last = new double[SYMBOLS];
        for (int s = 0; s < SYMBOLS; s++) {
            last[s] = 50 + 10 * s;
        }
        for (int t = 0; t < ticks; t++) {
            int s = t % SYMBOLS;
            last[s] *= Math.exp(TICK_VOLATILITY * gaussian(mix(seed, 1, t)));
            prices[t] = last[s];
        }
    }

    int events() {
        return events;
    }

    int ticks() {
        return prices.length;
    }

    static String symbol(int s) {
        return "SOAK" + s;
    }

    static String eventId(int j) {
        return "soak-" + j;
    }

    /** The event index of an event id of this feed, or -1 for any other id. */
    static int eventIndex(String eventId) {
        if (eventId == null || !eventId.startsWith("soak-")) {
            return -1;
        }
        try {
            return Integer.parseInt(eventId.substring(5));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String agentName(int a) {
        return "soak-agent-" + a;
    }

    static String strategyClassOf(int agent) {
        return STRATEGY_CLASSES.get(agent % STRATEGY_CLASSES.size());
    }

    PriceTick tick(int t) {
        return new PriceTick(symbol(t % SYMBOLS), Instant.ofEpochMilli(tickMillis(t)), prices[t]);
    }

    long tickMillis(int t) {
        return baseMillis + t * STEP_MILLIS;
    }

    int agentOf(int j) {
        return (int) Long.remainderUnsigned(mix(seed, 2, j), agents);
    }

    int directionOf(int j) {
        return (mix(seed, 3, j) & 1) == 0 ? 1 : -1;
    }

    String regimeOf(int j) {
        long episode = (j * STEP_MILLIS) / EPISODE_MILLIS;
        return REGIMES.get((int) Long.remainderUnsigned(mix(seed, 4, episode), REGIMES.size()));
    }

    long emittedMillis(int j) {
        return baseMillis + j * STEP_MILLIS + EVENT_OFFSET_MILLIS;
    }

    AlphaEvent event(int j) {
        int agent = agentOf(j);
        double score = uniform(mix(seed, 5, j)) * 2 - 1;
        double confidence = uniform(mix(seed, 6, j));
        return AlphaEvent.newBuilder()
                .setEventId(eventId(j))
                .setAgent(agentName(agent))
                .setSymbol(symbol(j % SYMBOLS))
                .setDirection(directionOf(j))
                .setScoreFinal(score)
                .setConfidence(confidence)
                .setRegime(regimeOf(j))
                .setEmittedAt(Instant.ofEpochMilli(emittedMillis(j)))
                .setEntryPrice(null)
                .setHorizonsHours(HORIZONS)
                .setStrategyClass(strategyClassOf(agent))
                .build();
    }

    /** The tick the event's horizon exits at: the first tick of its symbol at or after emitted_at + horizon. */
    static int exitTick(int j, int horizonHours) {
        return j + horizonHours * (int) (3_600_000 / STEP_MILLIS) + SYMBOLS;
    }

    /** The tick the event enters at: the first tick of its symbol at or after emitted_at. */
    static int entryTick(int j) {
        return j + SYMBOLS;
    }

    long maturedMillis(int j, int horizonHours) {
        return tickMillis(exitTick(j, horizonHours));
    }

    /** What the reconciler must find for the event at the horizon (reconciler-service's PnlMath). */
    double realizedPnlBps(int j, int horizonHours) {
        return directionOf(j) * (prices[exitTick(j, horizonHours)] / prices[entryTick(j)] - 1) * 10_000;
    }

    /** splitmix64 of the seed, a stream number and an index: every draw a pure function of the three. */
    private static long mix(long seed, long stream, long index) {
        long z = seed * 0x632BE59BD9B4E019L + stream * 0xD1B54A32D192ED03L + index * GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double uniform(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }

    /** A standard normal draw (Box-Muller on two uniforms of the bits). */
    private static double gaussian(long bits) {
        double u1 = ((bits >>> 32) + 1) / 4294967297.0;
        double u2 = (bits & 0xFFFFFFFFL) / 4294967296.0;
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
