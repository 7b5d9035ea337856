package com.metasupervisor.simulator.market;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * How big a move is for the market it happened in: its size over the volatility its window was expected to have
 * (symbol's scale × the regimes its ticks went through, mean reversion and jumps included), ranked against every window
 * of the same horizon from every tick of [start, end) of the symbol. Agents' skill is spent on the big moves (see
 * {@code Fleet.matchesMove}); ranking against the path itself keeps every agent's hit rate at its skill, and judging a
 * move against its own window's regimes keeps a move into a crisis from counting as a "big" calm-market move.
 */
public final class MoveSizeRanks {

    private final Map<String, double[]> sortedSizes;
    private final MarketPath market;
    private final double[] cumulativeVariance;
    private final Map<String, Double> volScales;

    private MoveSizeRanks(Map<String, double[]> sortedSizes, MarketPath market, double[] cumulativeVariance, Map<String, Double> volScales) {
        this.sortedSizes = sortedSizes;
        this.market = market;
        this.cumulativeVariance = cumulativeVariance;
        this.volScales = volScales;
    }

    /** The normalised sizes of every window of {@code horizonHours} from a tick of [start, end) whose exit lies on the path. */
    public static MoveSizeRanks of(MarketSettings settings, MarketPath market, RegimePath regimes, Instant start, Instant end, int horizonHours) {
        ArgChecker.positive(horizonHours, "horizonHours");
        double dt = market.tick().toMillis() / 3_600_000d;
        // the expected variance of the unscaled log price accumulated up to each tick
        double[] cumulative = new double[market.ticks()];
        for (int k = 1; k < market.ticks(); k++) {
            Regime regime = regimes.regimeAt(market.timeOf(k));
            cumulative[k] = cumulative[k - 1] + hourlyVariance(settings.dynamics().get(regime), horizonHours) * dt;
        }
        MoveSizeRanks ranks = new MoveSizeRanks(new HashMap<>(), market, cumulative, settings.volScales());
        int horizonTicks = Math.toIntExact(Duration.ofHours(horizonHours).toMillis() / market.tick().toMillis());
        for (String symbol : market.symbols()) {
            double[] sizes = new double[market.ticks()];
            int n = 0;
            for (int k = market.firstTickAtOrAfter(start); k + horizonTicks < market.ticks() && market.timeOf(k).isBefore(end); k++) {
                sizes[n++] = ranks.normalisedSize(symbol, k, k + horizonTicks);
            }
            ArgChecker.isTrue(n > 0, "no move of " + horizonHours + " h fits on the path");
            double[] sorted = Arrays.copyOf(sizes, n);
            Arrays.sort(sorted);
            ranks.sortedSizes.put(symbol, sorted);
        }
        return ranks;
    }

    /** A regime's variance per hour of the log price over a window of {@code hours}: diffusion (mean-reverted) and jumps. */
    private static double hourlyVariance(RegimeDynamics dynamics, int hours) {
        double theta = dynamics.meanReversionPerHour();
        double diffusion = theta > 0 ? (1 - Math.exp(-2 * theta * hours)) / (2 * theta * hours) : 1;
        return dynamics.volPerHour() * dynamics.volPerHour() * diffusion
                + dynamics.jumpsPerHour() * (dynamics.jumpMean() * dynamics.jumpMean() + dynamics.jumpStd() * dynamics.jumpStd());
    }

    private double normalisedSize(String symbol, int entry, int exit) {
        double scale = volScales.get(symbol);
        double sigma = scale * Math.sqrt(Math.max(1e-18, cumulativeVariance[exit] - cumulativeVariance[entry]));
        return Math.abs(Math.log(market.price(symbol, exit) / market.price(symbol, entry))) / sigma;
    }

    /**
     * The share in [0, 1] of {@code symbol}'s windows whose normalised size is below that of the move a call made at
     * {@code at} sees over the horizon (entry and exit as the reconciler takes them; ties count half).
     */
    public double rank(String symbol, Instant at, int horizonHours) {
        double[] sizes = sortedSizes.get(symbol);
        ArgChecker.isTrue(sizes != null, "unknown symbol '" + symbol + "'");
        int entry = market.firstTickAtOrAfter(at);
        int exit = market.firstTickAtOrAfter(at.plus(Duration.ofHours(horizonHours)));
        double size = normalisedSize(symbol, entry, exit);
        int below = lowerBound(sizes, size);
        int upTo = below;
        while (upTo < sizes.length && sizes[upTo] == size) {
            upTo++;
        }
        return (below + (upTo - below) / 2.0) / sizes.length;
    }

    private static int lowerBound(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
