package com.metasupervisor.demo.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EqualWeightFleetTest {

    private static final Instant DAY_1 = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void figuresOfAHandComputedSeries() {
        // 6 agents: each row counts 1/6. Day 1: +60 then −120 → +10, −20; day 2 idle; day 3: +30 → +5. The 1 h row is not the fleet's.
        List<ObservedRow> rows = List.of(
                new ObservedRow("b", 24, DAY_1.plus(Duration.ofHours(20)), -120),
                new ObservedRow("a", 24, DAY_1.plus(Duration.ofHours(3)), 60),
                new ObservedRow("a", 1, DAY_1.plus(Duration.ofHours(4)), 9_000),
                new ObservedRow("c", 24, DAY_1.plus(Duration.ofDays(2)).plus(Duration.ofHours(1)), 30));

        PaperFigures fleet = EqualWeightFleet.figures(rows, 6);

        assertThat(fleet.name()).isEqualTo("equal-weight fleet");
        assertThat(fleet.cumulativePnlBps()).isCloseTo(-5.0, within(1e-12));
        // curve 10, −10, −5: peak 10, trough −10
        assertThat(fleet.maxDrawdownBps()).isCloseTo(-20.0, within(1e-12));
        assertThat(fleet.rows()).isEqualTo(3);
        assertThat(fleet.days()).isEqualTo(3);
        // daily −10, 0, 5: mean −5/3, sample variance ((−25/3)² + (5/3)² + (20/3)²) / 2 = 175/3
        assertThat(fleet.sharpe()).isCloseTo((-5.0 / 3) / Math.sqrt(175.0 / 3) * Math.sqrt(365), within(1e-9));
    }

    @Test
    void noRowsIsFlatWithNoSharpe() {
        PaperFigures fleet = EqualWeightFleet.figures(List.of(), 24);

        assertThat(fleet.cumulativePnlBps()).isZero();
        assertThat(fleet.maxDrawdownBps()).isZero();
        assertThat(fleet.sharpe()).isNull();
        assertThat(fleet.days()).isZero();
    }

    @Test
    void anyRowsSumToTheirPnlOverNWithADrawdownNoDeeperThanTheLosses() {
        SplittableRandom random = new SplittableRandom(14);
        for (int run = 0; run < 200; run++) {
            int agents = 1 + random.nextInt(30);
            List<ObservedRow> rows = new ArrayList<>();
            double sum = 0;
            double losses = 0;
            for (int i = random.nextInt(50); i > 0; i--) {
                double pnl = random.nextDouble(-200, 200);
                rows.add(new ObservedRow("a" + random.nextInt(5), 24, DAY_1.plusSeconds(random.nextLong(30 * 86_400)), pnl));
                sum += pnl;
                losses += Math.min(pnl, 0);
            }
            PaperFigures fleet = EqualWeightFleet.figures(rows, agents);

            assertThat(fleet.cumulativePnlBps()).isCloseTo(sum / agents, within(1e-9));
            assertThat(fleet.maxDrawdownBps()).isBetween(losses / agents - 1e-9, 0.0);
            assertThat(fleet.rows()).isEqualTo(rows.size());
        }
    }
}
