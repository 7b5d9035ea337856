package com.metasupervisor.risk.domain;

import static com.metasupervisor.risk.domain.Rows.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.risk.config.DivergenceSettings;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SPEC §4's detection quality, measured by seeded simulation at the domain level (the agent's newest-80-rows
 * window and its monitor, observed after every row, as the topology does).
 *
 * <p>The simulated fleet: the model's holdout RMSE (its sigma, fleet-wide) is 30 bps, as this project's
 * models measure. Each agent has a steady spread drawn in [0.7, 1.5] × sigma and an edge drawn in
 * [0, 0.3] × sigma; each row's expected PnL is edge + N(0, (0.3 sigma)²), its error N(0, spread²),
 * unbiased: a calibrated agent as SPEC §4 defines it. Its hit rates thus lie near ½, where a hit rate is
 * noisiest, and an agent wider than sigma hits less often than the model says: the hard case.
 */
class DivergenceDetectionQualityTest {

    private static final double SIGMA = 30;
    private static final int WINDOW = 80;
    private static final DivergenceSettings D = DivergenceSettings.defaults();

    /** One simulated agent with its own random stream. */
    private static final class SimulatedAgent {
        final Random random;
        final double spread;
        final double edge;
        final RecentErrors window = new RecentErrors(WINDOW);
        final DivergenceMonitor monitor = new DivergenceMonitor(D);
        int rows;

        SimulatedAgent(long seed) {
            random = new Random(seed);
            spread = (0.7 + 0.8 * random.nextDouble()) * SIGMA;
            edge = 0.3 * random.nextDouble() * SIGMA;
        }

        /** Adds one row and returns whether it opened an alert. */
        boolean next(Break broken) {
            double expected = edge + 0.3 * SIGMA * random.nextGaussian();
            double realized = expected + spread * random.nextGaussian();
            realized = switch (broken) {
                case NONE -> realized;
                case MEAN_ERROR -> realized + 60;
                case HIT_RATE -> {
                    // turn hits into losses so that P(hit) = the model's expected hit rate − 0.25
                    double actual = StandardNormal.cdf(expected / spread);
                    double target = Math.max(0, StandardNormal.cdf(expected / SIGMA) - 0.25);
                    double turn = target >= actual ? 0 : 1 - target / actual;
                    yield realized > 0 && random.nextDouble() < turn ? -realized : realized;
                }
            };
            ReconciledRow row = new ReconciledRow(minutes(rows), realized, expected, SIGMA);
            window.add(row);
            var t = monitor.observe(window.summary().orElseThrow(), row, SIGMA, minutes(rows));
            rows++;
            return t.isPresent() && t.get().change() == AlertChange.OPENED;
        }
    }

    private enum Break { NONE, MEAN_ERROR, HIT_RATE }

    @Test
    void calibrated_agents_open_at_most_0_02_alerts_per_1000_rows() {
        int agents = 100;
        int rowsEach = 2_000;
        int opened = 0;
        for (int a = 0; a < agents; a++) {
            SimulatedAgent agent = new SimulatedAgent(1_000 + a);
            for (int i = 0; i < rowsEach; i++) {
                if (agent.next(Break.NONE)) {
                    opened++;
                }
            }
        }
        double perThousand = 1_000.0 * opened / (agents * rowsEach);
        System.out.printf(Locale.ROOT, "divergence false alarms: %d OPENED in %d rows of %d calibrated agents = %.4f per 1000 rows%n",
                opened, agents * rowsEach, agents, perThousand);

        assertThat(agents * rowsEach).isGreaterThanOrEqualTo(200_000);
        assertThat(perThousand).isLessThanOrEqualTo(0.02);
    }

    @Test
    void a_mean_error_of_60_bps_is_opened_within_100_rows_in_95_percent_of_seeds() {
        double share = detected(Break.MEAN_ERROR, 200);
        assertThat(share).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void a_hit_rate_0_25_under_the_model_is_opened_within_100_rows_in_95_percent_of_seeds() {
        double share = detected(Break.HIT_RATE, 200);
        assertThat(share).isGreaterThanOrEqualTo(0.95);
    }

    /** Share of seeds whose break is opened within 100 rows, after 200 calibrated rows that opened nothing. */
    private static double detected(Break broken, int seeds) {
        int detected = 0;
        int warmUp = 200;
        for (int s = 0; s < seeds; s++) {
            SimulatedAgent agent = new SimulatedAgent(5_000 + s);
            boolean falseAlarm = false;
            for (int i = 0; i < warmUp; i++) {
                falseAlarm |= agent.next(Break.NONE);
            }
            boolean opened = false;
            for (int i = 0; i < 100 && !opened; i++) {
                opened = agent.next(broken);
            }
            if (opened && !falseAlarm) {
                detected++;
            }
        }
        double share = (double) detected / seeds;
        System.out.printf(Locale.ROOT, "divergence detection, break %s: opened within 100 rows in %d of %d seeds = %.3f%n",
                broken, detected, seeds, share);
        return share;
    }
}
