package com.metasupervisor.reporting.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.metasupervisor.streams.figures.PerformanceMath;
import java.time.LocalDate;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class TearSheetFiguresTest {

    private static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);
    private static final Offset<Double> E = within(1e-9);

    /*
     * x = 4, −2, −6, 8, 6 on Jan 1..5. n = 5, Σ = 10, mean = 2.
     * deviations 2, −4, −8, 6, 4: Σd² = 4+16+64+36+16 = 136, s² = 136/4 = 34, s = √34.
     * Σd³ = 8 − 64 − 512 + 216 + 64 = −288;  Σd⁴ = 16 + 256 + 4096 + 1296 + 256 = 5920.
     * cumulative 4, 2, −4, 4, 10; high-water mark 4, 4, 4, 4, 10; under water −2, −8 on Jan 2, 3; back at 4 on Jan 4.
     * sorted −6, −2, 4, 6, 8: 5th percentile at rank 4·0.05 = 0.2: −6 + 0.2·4 = −5.2;
     * 95th at rank 3.8: 6 + 0.8·2 = 7.6.
     */
    @Test
    void everyFigureOfAHandComputedSeries() {
        TearSheetFigures f = TearSheetFigures.of(DailyPnl.consecutive(JAN_1, 4, -2, -6, 8, 6));

        assertThat(f.days()).isEqualTo(5);
        assertThat(f.cumulativePnlBps()).isEqualTo(10);
        assertThat(f.sharpe()).isCloseTo(2 / Math.sqrt(34) * Math.sqrt(365), E); // 6.5530
        assertThat(f.annualisedVolatilityBps()).isCloseTo(Math.sqrt(34) * Math.sqrt(365), E); // 111.40
        // downside = √((4 + 36) / 5) = √8
        assertThat(f.sortino()).isCloseTo(2 / Math.sqrt(8) * Math.sqrt(365), E); // 13.509
        assertThat(f.annualisedPnlBps()).isCloseTo(2 * 365, E);
        assertThat(f.maxDrawdownBps()).isEqualTo(-8);
        assertThat(f.maxDrawdown()).isEqualTo(
                new DrawdownPeriod(JAN_1, JAN_1.plusDays(1), JAN_1.plusDays(2), JAN_1.plusDays(3), -8, 2));
        assertThat(f.longestDrawdownDays()).isEqualTo(2);
        assertThat(f.calmar()).isCloseTo(730.0 / 8, E); // 91.25
        // G1 = n / ((n−1)(n−2)) · Σd³ / s³ = 5/12 · −288 / 34^1.5 = −0.60529
        assertThat(f.skew()).isCloseTo(5.0 / 12 * -288 / Math.pow(34, 1.5), E);
        assertThat(f.skew()).isCloseTo(-0.605289124, within(1e-8));
        // G2 = n(n+1) / ((n−1)(n−2)(n−3)) · Σd⁴ / s⁴ − 3(n−1)² / ((n−2)(n−3)) = 30/24 · 5920/1156 − 48/6 = −1.59862
        assertThat(f.excessKurtosis()).isCloseTo(30.0 / 24 * 5920 / 1156 - 8, E);
        assertThat(f.var95Bps()).isCloseTo(-5.2, E);
        assertThat(f.cvar95Bps()).isEqualTo(-6); // only −6 is ≤ −5.2
        assertThat(f.tailRatio()).isCloseTo(7.6 / 5.2, E);
        assertThat(f.winDayRate()).isEqualTo(0.6); // 3 of 5 non-zero days
        assertThat(f.bestDayBps()).isEqualTo(8);
        assertThat(f.worstDayBps()).isEqualTo(-6);
        assertThat(f.profitFactor()).isEqualTo(18.0 / 8); // (4 + 8 + 6) / |−2 − 6|
    }

    @Test
    void sharpeAndMaxDrawdownAreTheKitsOwn() {
        double[] x = {3.5, -7.25, 1, 0, 12, -4, -4, 2.5};
        TearSheetFigures f = TearSheetFigures.of(DailyPnl.consecutive(JAN_1, x));
        assertThat(f.sharpe()).isEqualTo(PerformanceMath.annualisedSharpe(x));
        assertThat(f.maxDrawdownBps()).isEqualTo(PerformanceMath.maxDrawdown(x));
    }

    @Test
    void flatDaysCountForTheStatisticsButNotForTheWinRate() {
        // 2, 0, 0, −1: wins 1 of 2 non-zero days
        TearSheetFigures f = TearSheetFigures.of(DailyPnl.consecutive(JAN_1, 2, 0, 0, -1));
        assertThat(f.winDayRate()).isEqualTo(0.5);
        assertThat(f.annualisedPnlBps()).isCloseTo(0.25 * 365, E); // mean over 4 days
    }

    @Test
    void oneDayOfGainHasOnlyTheLevelFigures() {
        TearSheetFigures f = TearSheetFigures.of(DailyPnl.consecutive(JAN_1, 5));
        assertThat(f.cumulativePnlBps()).isEqualTo(5);
        assertThat(f.bestDayBps()).isEqualTo(5);
        assertThat(f.worstDayBps()).isEqualTo(5);
        assertThat(f.winDayRate()).isEqualTo(1.0);
        assertThat(f.maxDrawdownBps()).isEqualTo(0);
        assertThat(f.maxDrawdown()).isNull();
        assertThat(f.longestDrawdownDays()).isZero();
        assertThat(List.of(nullable(f.sharpe()), nullable(f.sortino()), nullable(f.annualisedVolatilityBps()),
                nullable(f.annualisedPnlBps()), nullable(f.calmar()), nullable(f.skew()), nullable(f.excessKurtosis()),
                nullable(f.var95Bps()), nullable(f.cvar95Bps()), nullable(f.tailRatio()), nullable(f.profitFactor())))
                .containsOnly("null");
    }

    @Test
    void oneDayOfLossIsAnUnrecoveredDrawdownFromTheStart() {
        TearSheetFigures f = TearSheetFigures.of(DailyPnl.consecutive(JAN_1, -5));
        assertThat(f.maxDrawdownBps()).isEqualTo(-5);
        assertThat(f.maxDrawdown()).isEqualTo(new DrawdownPeriod(null, JAN_1, JAN_1, null, -5, 1));
        assertThat(f.longestDrawdownDays()).isEqualTo(1);
        assertThat(f.winDayRate()).isEqualTo(0.0);
        assertThat(f.profitFactor()).isEqualTo(0.0); // no gains over 5 of losses
        assertThat(f.sharpe()).isNull();
        assertThat(f.calmar()).isNull(); // one day has no annualised PnL
    }

    @Test
    void allGainsHaveNoSortinoProfitFactorOrCalmar() {
        // 1, 2, 3: mean 2, s = 1
        TearSheetFigures f = TearSheetFigures.of(DailyPnl.consecutive(JAN_1, 1, 2, 3));
        assertThat(f.sharpe()).isCloseTo(2 * Math.sqrt(365), E);
        assertThat(f.annualisedVolatilityBps()).isCloseTo(Math.sqrt(365), E);
        assertThat(f.sortino()).isNull();
        assertThat(f.profitFactor()).isNull();
        assertThat(f.calmar()).isNull();
        assertThat(f.maxDrawdownBps()).isEqualTo(0);
        assertThat(f.skew()).isCloseTo(0, E); // symmetric
        assertThat(f.excessKurtosis()).isNull(); // needs 4 days
        assertThat(f.winDayRate()).isEqualTo(1.0);
        // sorted 1, 2, 3: 5th percentile at rank 0.1 = 1.1, 95th at rank 1.9 = 2.9
        assertThat(f.var95Bps()).isCloseTo(1.1, E);
        assertThat(f.cvar95Bps()).isEqualTo(1); // a var "gain": signed figures say so
        assertThat(f.tailRatio()).isCloseTo(2.9 / 1.1, E);
    }

    @Test
    void allLossesHaveAZeroProfitFactorAndANegativeTailRatio() {
        // −1, −2, −3: mean −2, s = 1; downside √(14/3); cumulative −1, −3, −6 never recovers
        TearSheetFigures f = TearSheetFigures.of(DailyPnl.consecutive(JAN_1, -1, -2, -3));
        assertThat(f.sharpe()).isCloseTo(-2 * Math.sqrt(365), E);
        assertThat(f.sortino()).isCloseTo(-2 / Math.sqrt(14.0 / 3) * Math.sqrt(365), E); // −17.688
        assertThat(f.profitFactor()).isEqualTo(0.0);
        assertThat(f.winDayRate()).isEqualTo(0.0);
        assertThat(f.maxDrawdownBps()).isEqualTo(-6);
        assertThat(f.maxDrawdown()).isEqualTo(new DrawdownPeriod(null, JAN_1, JAN_1.plusDays(2), null, -6, 3));
        assertThat(f.calmar()).isCloseTo(-2 * 365 / 6.0, E); // −121.67
        assertThat(f.var95Bps()).isCloseTo(-2.9, E); // rank 0.1 from −3 towards −2
        assertThat(f.cvar95Bps()).isEqualTo(-3);
        assertThat(f.tailRatio()).isCloseTo(-1.1 / 2.9, E);
        assertThat(f.bestDayBps()).isEqualTo(-1);
    }

    @Test
    void aFlatSeriesHasNoRatiosAndNoNaN() {
        TearSheetFigures f = TearSheetFigures.of(DailyPnl.consecutive(JAN_1, 0, 0, 0, 0, 0));
        assertThat(f.cumulativePnlBps()).isEqualTo(0);
        assertThat(f.annualisedVolatilityBps()).isEqualTo(0);
        assertThat(f.annualisedPnlBps()).isEqualTo(0);
        assertThat(f.sharpe()).isNull();
        assertThat(f.sortino()).isNull();
        assertThat(f.skew()).isNull();
        assertThat(f.excessKurtosis()).isNull();
        assertThat(f.calmar()).isNull();
        assertThat(f.tailRatio()).isNull();
        assertThat(f.winDayRate()).isNull();
        assertThat(f.profitFactor()).isNull();
        assertThat(f.var95Bps()).isEqualTo(0.0);
        assertThat(f.cvar95Bps()).isEqualTo(0.0);
        assertThat(f.maxDrawdown()).isNull();
    }

    @Test
    void longestDrawdownIsCountedInCalendarDaysAcrossGaps() {
        // Jan 1: +5 (mark 5); Jan 2: −1 (under); Jan 10: +1 (back at 5): under water Jan 2 .. Jan 9 = 8 days, one point deep
        DailyPnl series = new DailyPnl(List.of(new DailyPnl.Day(JAN_1, 5), new DailyPnl.Day(JAN_1.plusDays(1), -1),
                new DailyPnl.Day(JAN_1.plusDays(9), 1)));
        TearSheetFigures f = TearSheetFigures.of(series);
        assertThat(f.longestDrawdownDays()).isEqualTo(8);
        assertThat(f.maxDrawdown().end()).isEqualTo(JAN_1.plusDays(9));
    }

    private static String nullable(Double x) {
        return x == null ? "null" : x.toString();
    }
}
