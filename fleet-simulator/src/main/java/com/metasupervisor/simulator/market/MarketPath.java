package com.metasupervisor.simulator.market;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Every symbol's price at every tick {@code start + k·tick}, {@code k < ticks}, moved by the regime of the tick's time.
 * The path may run past the span the simulation publishes: calls near its end look at moves the market makes after it.
 */
public final class MarketPath {

    private final List<String> symbols;
    private final Instant start;
    private final Duration tick;
    private final double[][] prices;

    private MarketPath(List<String> symbols, Instant start, Duration tick, double[][] prices) {
        this.symbols = symbols;
        this.start = start;
        this.tick = tick;
        this.prices = prices;
    }

    public static MarketPath generate(MarketSettings market, RegimePath regimes, Duration tick, RandomGenerator random) {
        ArgChecker.positive(tick, "tick");
        Instant start = regimes.start();
        long span = Duration.between(start, regimes.end()).toMillis();
        int ticks = Math.toIntExact(span / tick.toMillis());
        ArgChecker.isTrue(ticks >= 1, "the regime path is shorter than one tick");
        List<String> symbols = market.symbols();
        double dt = tick.toMillis() / 3_600_000d;
        double[][] prices = new double[symbols.size()][ticks];
        double[] logPrice = new double[symbols.size()];
        double[] anchor = new double[symbols.size()];
        double[] trendSign = new double[symbols.size()];
        double[] volScale = new double[symbols.size()];
        for (int s = 0; s < symbols.size(); s++) {
            prices[s][0] = market.firstPrices().get(symbols.get(s));
            logPrice[s] = Math.log(prices[s][0]);
            volScale[s] = market.volScales().get(symbols.get(s));
        }
        RegimeEpisode episode = null;
        for (int k = 1; k < ticks; k++) {
            RegimeEpisode now = regimes.episodeAt(start.plus(tick.multipliedBy(k)));
            RegimeDynamics dynamics = market.dynamics().get(now.regime());
            if (now != episode) {
                episode = now;
                for (int s = 0; s < symbols.size(); s++) {
                    anchor[s] = logPrice[s];
                    trendSign[s] = random.nextBoolean() ? 1 : -1;
                }
            }
            for (int s = 0; s < symbols.size(); s++) {
                double drift = dynamics.driftPerHour() < 0 ? dynamics.driftPerHour() : trendSign[s] * dynamics.driftPerHour();
                double step = drift * dt
                        - dynamics.meanReversionPerHour() * dt * (logPrice[s] - anchor[s])
                        + volScale[s] * dynamics.volPerHour() * Math.sqrt(dt) * random.nextGaussian();
                if (dynamics.jumpsPerHour() > 0 && random.nextDouble() < dynamics.jumpsPerHour() * dt) {
                    step += dynamics.jumpMean() + dynamics.jumpStd() * random.nextGaussian();
                }
                logPrice[s] += step;
                prices[s][k] = Math.exp(logPrice[s]);
            }
        }
        return new MarketPath(List.copyOf(symbols), start, tick, prices);
    }

    public List<String> symbols() {
        return symbols;
    }

    public Instant start() {
        return start;
    }

    public Duration tick() {
        return tick;
    }

    public int ticks() {
        return prices[0].length;
    }

    public Instant timeOf(int tickIndex) {
        return start.plus(tick.multipliedBy(tickIndex));
    }

    public double price(String symbol, int tickIndex) {
        return prices[indexOf(symbol)][tickIndex];
    }

    /** The first tick at or after {@code at} (the reconciler's rule for entry and exit prices). */
    public int firstTickAtOrAfter(Instant at) {
        long millis = Duration.between(start, at).toMillis();
        ArgChecker.isTrue(millis >= 0, "time " + at + " is before the path's start " + start);
        return Math.toIntExact((millis + tick.toMillis() - 1) / tick.toMillis());
    }

    /**
     * The relative move a call made at {@code at} sees over {@code horizon} hours, priced as the reconciler prices it:
     * entry the first tick at or after {@code at}, exit the first at or after {@code at + horizon}.
     *
     * @throws IllegalArgumentException when the path ends before the exit tick
     */
    public double move(String symbol, Instant at, int horizonHours) {
        int entry = firstTickAtOrAfter(at);
        int exit = firstTickAtOrAfter(at.plus(Duration.ofHours(horizonHours)));
        ArgChecker.isTrue(exit < ticks(), "the path ends before " + horizonHours + " h after " + at);
        int s = indexOf(symbol);
        return prices[s][exit] / prices[s][entry] - 1;
    }

    private int indexOf(String symbol) {
        int index = symbols.indexOf(symbol);
        ArgChecker.isTrue(index >= 0, "unknown symbol '" + symbol + "'");
        return index;
    }
}
