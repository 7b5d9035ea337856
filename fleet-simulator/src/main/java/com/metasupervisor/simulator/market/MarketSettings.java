package com.metasupervisor.simulator.market;

import com.metasupervisor.streams.check.ArgChecker;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The simulated market: its symbols with their first prices, and each regime's dynamics. */
public record MarketSettings(Map<String, Double> firstPrices, Map<Regime, RegimeDynamics> dynamics) {

    public MarketSettings {
        ArgChecker.notNull(firstPrices, "firstPrices");
        ArgChecker.isTrue(!firstPrices.isEmpty(), "firstPrices: at least one symbol");
        firstPrices.forEach((symbol, price) -> {
            ArgChecker.notBlank(symbol, "symbol");
            ArgChecker.positive(price, "first price of " + symbol);
        });
        ArgChecker.notNull(dynamics, "dynamics");
        for (Regime regime : Regime.values()) {
            ArgChecker.isTrue(dynamics.containsKey(regime), "dynamics: missing regime " + regime);
            ArgChecker.isTrue(!dynamics.get(regime).next().containsKey(regime), "dynamics: " + regime + " cannot follow itself");
        }
        firstPrices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(firstPrices));
        dynamics = Map.copyOf(new EnumMap<>(dynamics));
    }

    /** Eight crypto pairs; trends of a few days, ranges of two, crises of about a day and a half. */
    public static MarketSettings defaults() {
        Map<String, Double> prices = new LinkedHashMap<>();
        prices.put("BTC-USD", 60_000.0);
        prices.put("ETH-USD", 3_000.0);
        prices.put("SOL-USD", 150.0);
        prices.put("BNB-USD", 550.0);
        prices.put("XRP-USD", 0.6);
        prices.put("ADA-USD", 0.45);
        prices.put("DOGE-USD", 0.12);
        prices.put("AVAX-USD", 35.0);
        Map<Regime, RegimeDynamics> dynamics = new EnumMap<>(Regime.class);
        dynamics.put(Regime.TREND, new RegimeDynamics(60, 0.0008, 0.004, 0, 0, 0, 0,
                Map.of(Regime.RANGE, 0.65, Regime.CRISIS, 0.35)));
        dynamics.put(Regime.RANGE, new RegimeDynamics(48, 0, 0.0025, 0.1, 0, 0, 0,
                Map.of(Regime.TREND, 0.65, Regime.CRISIS, 0.35)));
        dynamics.put(Regime.CRISIS, new RegimeDynamics(36, -0.001, 0.012, 0, 0.05, -0.01, 0.03,
                Map.of(Regime.TREND, 0.4, Regime.RANGE, 0.6)));
        return new MarketSettings(prices, dynamics);
    }

    public List<String> symbols() {
        return List.copyOf(firstPrices.keySet());
    }
}
