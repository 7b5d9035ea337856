package com.metasupervisor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.metasupervisor.simulator.market.MarketPath;
import com.metasupervisor.simulator.market.MarketSettings;
import com.metasupervisor.simulator.market.Regime;
import com.metasupervisor.simulator.market.RegimeEpisode;
import com.metasupervisor.simulator.market.RegimePath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The regime chain and the prices it moves. */
class RegimePathTest {

    private static final Duration TICK = Duration.ofMinutes(5);
    private static final Instant START = Instant.parse("2026-10-31T09:15:00Z");

    @Test
    void everyRegimeOccursInThirtyDaysWithSeed42() {
        SimulationRun run = FleetSimulation.run(SimulationSpec.of(42, 30, 24, START, TICK));

        for (Regime regime : Regime.values()) {
            assertThat(run.regimes().episodesOf(regime)).as(regime.name())
                    .anyMatch(e -> e.from().isBefore(run.spec().end()));
        }
    }

    @Property(tries = 5)
    void episodesLastAsLongAsConfiguredOnAverage(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        MarketSettings market = MarketSettings.defaults();
        RegimePath path = RegimePath.generate(market, START, START.plus(Duration.ofDays(3 * 365)), TICK, new SplittableRandom(seed));

        for (Regime regime : Regime.values()) {
            List<RegimeEpisode> episodes = path.episodesOf(regime);
            double meanHours = episodes.subList(0, episodes.size() - 1).stream()
                    .mapToDouble(e -> e.length().toMinutes() / 60.0).average().orElseThrow();
            double configured = market.dynamics().get(regime).meanHours();
            // exponential lengths: the sample mean's standard error is mean/√n (n ≈ 150..250 here); 4 of them
            double tolerance = 4 * configured / Math.sqrt(episodes.size());
            assertThat(meanHours).as(regime + " over " + episodes.size() + " episodes").isCloseTo(configured, within(tolerance));
        }
        for (int i = 1; i < path.episodes().size(); i++) {
            assertThat(path.episodes().get(i).regime()).isNotEqualTo(path.episodes().get(i - 1).regime());
        }
    }

    @Test
    void crisisMovesPricesMoreThanRange() {
        SimulationRun run = FleetSimulation.run(SimulationSpec.of(42, 60, 24, START, TICK));
        MarketPath market = run.market();

        double crisis = hourlyVolatility(run, Regime.CRISIS);
        double range = hourlyVolatility(run, Regime.RANGE);

        // CRISIS ≈ 3 × RANGE's hourly volatility by default (0.00061 vs 0.0002 per √h)
        assertThat(crisis).isGreaterThan(2 * range);
        assertThat(market.price("BTC-USD", 0)).isEqualTo(60_000.0);
        for (int k = 0; k < market.ticks(); k += 500) {
            assertThat(market.price("DOGE-USD", k)).isPositive();
        }
    }

    private static double hourlyVolatility(SimulationRun run, Regime regime) {
        MarketPath market = run.market();
        double sum = 0;
        int n = 0;
        for (int k = 12; k < market.ticks(); k += 12) {
            if (run.regimes().regimeAt(market.timeOf(k - 12)) == regime && run.regimes().regimeAt(market.timeOf(k)) == regime) {
                double r = Math.log(market.price("ETH-USD", k) / market.price("ETH-USD", k - 12));
                sum += r * r;
                n++;
            }
        }
        return Math.sqrt(sum / n);
    }
}
