package com.metasupervisor.simulator.market;

import com.metasupervisor.streams.check.ArgChecker;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated market: its symbols with their first prices and volatility scales, and each regime's dynamics.
 *
 * @param volScales each symbol's multiplier of its regime's volatility (1 = the regime's own; jumps are not scaled)
 */
public record MarketSettings(Map<String, Double> firstPrices, Map<String, Double> volScales, Map<Regime, RegimeDynamics> dynamics) {

    public MarketSettings {
        ArgChecker.notNull(firstPrices, "firstPrices");
        ArgChecker.isTrue(!firstPrices.isEmpty(), "firstPrices: at least one symbol");
        firstPrices.forEach((symbol, price) -> {
            ArgChecker.notBlank(symbol, "symbol");
            ArgChecker.positive(price, "first price of " + symbol);
        });
        ArgChecker.notNull(volScales, "volScales");
        ArgChecker.isTrue(volScales.keySet().equals(firstPrices.keySet()), "volScales: one per symbol of firstPrices");
        volScales.forEach((symbol, scale) -> ArgChecker.positive(scale, "volatility scale of " + symbol));
        ArgChecker.notNull(dynamics, "dynamics");
        for (Regime regime : Regime.values()) {
            ArgChecker.isTrue(dynamics.containsKey(regime), "dynamics: missing regime " + regime);
            ArgChecker.isTrue(!dynamics.get(regime).next().containsKey(regime), "dynamics: " + regime + " cannot follow itself");
        }
        firstPrices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(firstPrices));
        volScales = Map.copyOf(volScales);
        dynamics = Map.copyOf(new EnumMap<>(dynamics));
    }

    /**
     * Eight crypto pairs, from BTC (0.7 × the regime's volatility) to DOGE (1.5 ×); trends of a few days, ranges of two,
     * crises of about a day and a half. Sized so that a 24 h move (the scoring horizon) is tens of bps, as SPEC §6's
     * thresholds expect: TREND ≈ 15 bps a day with a drift of ±5 bps a day, RANGE ≈ 8 bps (mean-reverting), CRISIS ≈
     * 30 bps (2 × TREND) with rare jumps of about 15 bps.
     */
    public static MarketSettings defaults() {
        Map<String, Double> prices = new LinkedHashMap<>();
        Map<String, Double> scales = new LinkedHashMap<>();
        addSymbol(prices, scales, "BTC-USD", 60_000.0, 0.7);
        addSymbol(prices, scales, "ETH-USD", 3_000.0, 0.9);
        addSymbol(prices, scales, "SOL-USD", 150.0, 1.2);
        addSymbol(prices, scales, "BNB-USD", 550.0, 0.8);
        addSymbol(prices, scales, "XRP-USD", 0.6, 1.1);
        addSymbol(prices, scales, "ADA-USD", 0.45, 1.0);
        addSymbol(prices, scales, "DOGE-USD", 0.12, 1.5);
        addSymbol(prices, scales, "AVAX-USD", 35.0, 1.3);
        Map<Regime, RegimeDynamics> dynamics = new EnumMap<>(Regime.class);
        // per hour on the log price: 0.00031·√24 ≈ 15 bps a day; ±0.00002 ≈ 5 bps a day
        dynamics.put(Regime.TREND, new RegimeDynamics(60, 0.00002, 0.00031, 0, 0, 0, 0,
                Map.of(Regime.RANGE, 0.65, Regime.CRISIS, 0.35)));
        // mean reversion 0.02/h: a 24 h move's spread is ≈ 3.9 × the hourly vol ≈ 8 bps
        dynamics.put(Regime.RANGE, new RegimeDynamics(48, 0, 0.0002, 0.02, 0, 0, 0,
                Map.of(Regime.TREND, 0.65, Regime.CRISIS, 0.35)));
        // 0.00061·√24 ≈ 30 bps a day, no drift (a steady sell-off would make every crisis move "big" in its own
        // volatility's terms), one jump in two days of N(−5, 15) bps
        dynamics.put(Regime.CRISIS, new RegimeDynamics(36, 0, 0.00061, 0, 0.02, -0.0005, 0.0015,
                Map.of(Regime.TREND, 0.4, Regime.RANGE, 0.6)));
        return new MarketSettings(prices, scales, dynamics);
    }

    private static void addSymbol(Map<String, Double> prices, Map<String, Double> scales, String symbol, double firstPrice, double volScale) {
        prices.put(symbol, firstPrice);
        scales.put(symbol, volScale);
    }

    public List<String> symbols() {
        return List.copyOf(firstPrices.keySet());
    }

    /** The {@code n} symbols of highest volatility scale, highest first (ties in listing order). */
    public List<String> mostVolatile(int n) {
        ArgChecker.inRange(n, 1, firstPrices.size(), "n");
        return symbols().stream().sorted(java.util.Comparator.comparingDouble((String s) -> -volScales.get(s))).limit(n).toList();
    }

    /** The {@code n} symbols of lowest volatility scale, lowest first (ties in listing order). */
    public List<String> calmest(int n) {
        ArgChecker.inRange(n, 1, firstPrices.size(), "n");
        return symbols().stream().sorted(java.util.Comparator.comparingDouble(volScales::get)).limit(n).toList();
    }
}
