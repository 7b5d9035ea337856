package com.metasupervisor.reporting.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.streams.figures.PerformanceMath;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DrawdownsTest {

    private static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);

    private static LocalDate jan(int day) {
        return LocalDate.of(2026, 1, day);
    }

    /*
     * x = 5, −3, −4, 10, −1, −1, 3, −6 on Jan 1..8
     * cumulative 5, 2, −2, 8, 7, 6, 9, 3;  mark 5, 5, 5, 8, 8, 8, 9, 9;  under water 0, −3, −7, 0, −1, −2, 0, −6
     * periods: Jan 2–3 (trough Jan 3, −7, back Jan 4, 2 days); Jan 5–6 (trough Jan 6, −2, back Jan 7, 2 days);
     *          Jan 8 (−6, not recovered, 1 day to the series' end)
     */
    @Test
    void periodsOfAHandComputedSeries() {
        DailyPnl series = DailyPnl.consecutive(JAN_1, 5, -3, -4, 10, -1, -1, 3, -6);
        DrawdownPeriod first = new DrawdownPeriod(jan(1), jan(2), jan(3), jan(4), -7, 2);
        DrawdownPeriod second = new DrawdownPeriod(jan(4), jan(5), jan(6), jan(7), -2, 2);
        DrawdownPeriod open = new DrawdownPeriod(jan(7), jan(8), jan(8), null, -6, 1);

        assertThat(Drawdowns.all(series)).containsExactly(first, second, open);
        assertThat(Drawdowns.worst(series, 5)).containsExactly(first, open, second);
        assertThat(Drawdowns.worst(series, 2)).containsExactly(first, open);
        assertThat(open.recovered()).isFalse();
    }

    @Test
    void theLongestPeriodNeedNotBeTheDeepest() {
        // −10, +10 (back on Jan 2), then −1, −1, −1, +3 (under Jan 3..5, back Jan 6): deepest 1 day, longest 3 days
        TearSheetFigures f = TearSheetFigures.of(DailyPnl.consecutive(JAN_1, -10, 10, -1, -1, -1, 3));
        assertThat(f.maxDrawdown()).isEqualTo(new DrawdownPeriod(null, jan(1), jan(1), jan(2), -10, 1));
        assertThat(f.longestDrawdownDays()).isEqualTo(3);
    }

    @Test
    void aSeriesAboveWaterHasNoPeriod() {
        assertThat(Drawdowns.all(DailyPnl.consecutive(JAN_1, 0, 1, 0, 2))).isEmpty();
        assertThatThrownBy(() -> Drawdowns.worst(DailyPnl.consecutive(JAN_1, 1), 0)).hasMessageStartingWith("count");
    }

    /**
     * Seeded brute force: random series (half-bps values so recoveries to exactly the mark happen, flat days, gaps
     * of 1–3 days) against a naive O(n²) recomputation that rescans the whole prefix for the mark at every day.
     */
    @Test
    void periodsAndMaxDrawdownMatchANaiveRecomputation() {
        Random random = new Random(20261130L);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + random.nextInt(60);
            List<DailyPnl.Day> days = new ArrayList<>();
            LocalDate date = JAN_1;
            for (int i = 0; i < n; i++) {
                double pnl = random.nextInt(5) == 0 ? 0 : (random.nextInt(41) - 20) / 2.0;
                days.add(new DailyPnl.Day(date, pnl));
                date = date.plusDays(1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0));
            }
            DailyPnl series = new DailyPnl(days);

            List<DrawdownPeriod> naive = naivePeriods(series);
            assertThat(Drawdowns.all(series)).as("trial %d: %s", trial, days).isEqualTo(naive);
            List<DrawdownPeriod> naiveWorst = naive.stream()
                    .sorted(Comparator.comparingDouble(DrawdownPeriod::depthBps).thenComparing(DrawdownPeriod::start))
                    .limit(5).toList();
            List<DrawdownPeriod> worst = Drawdowns.worst(series, 5);
            assertThat(worst).as("trial %d", trial).isEqualTo(naiveWorst);
            for (int i = 1; i < worst.size(); i++) {
                assertThat(worst.get(i).depthBps()).isGreaterThanOrEqualTo(worst.get(i - 1).depthBps());
            }
            assertNoOverlap(worst, series.lastDate());

            double naiveMax = naiveMaxDrawdown(series.values());
            TearSheetFigures f = TearSheetFigures.of(series);
            assertThat(f.maxDrawdownBps()).as("trial %d", trial).isEqualTo(naiveMax);
            assertThat(f.maxDrawdownBps()).isEqualTo(PerformanceMath.maxDrawdown(series.values()));
            assertThat(f.maxDrawdown() == null ? 0 : f.maxDrawdown().depthBps()).isEqualTo(naiveMax);
            assertThat(f.longestDrawdownDays())
                    .isEqualTo(naive.stream().mapToLong(DrawdownPeriod::days).max().orElse(0));
        }
    }

    /** Deepest fall = min over k ≥ i of cumulative(k) − cumulative(i), the curve starting at 0 before the first day. */
    private static double naiveMaxDrawdown(double[] x) {
        int n = x.length;
        double[] cum = new double[n + 1];
        for (int i = 0; i < n; i++) {
            cum[i + 1] = cum[i] + x[i];
        }
        double max = 0;
        for (int i = 0; i <= n; i++) {
            for (int k = i; k <= n; k++) {
                max = Math.min(max, cum[k] - cum[i]);
            }
        }
        return max;
    }

    private static List<DrawdownPeriod> naivePeriods(DailyPnl series) {
        int n = series.size();
        double[] cum = new double[n];
        double running = 0;
        for (int i = 0; i < n; i++) {
            running += series.pnl(i);
            cum[i] = running;
        }
        double[] under = new double[n];
        for (int i = 0; i < n; i++) {
            double mark = 0;
            for (int j = 0; j <= i; j++) {
                mark = Math.max(mark, cum[j]);
            }
            under[i] = cum[i] - mark;
        }
        List<DrawdownPeriod> periods = new ArrayList<>();
        int i = 0;
        while (i < n) {
            if (under[i] >= 0) {
                i++;
                continue;
            }
            int start = i;
            int trough = i;
            while (i < n && under[i] < 0) {
                if (under[i] < under[trough]) {
                    trough = i;
                }
                i++;
            }
            LocalDate end = i < n ? series.date(i) : null;
            long days = end != null
                    ? ChronoUnit.DAYS.between(series.date(start), end)
                    : ChronoUnit.DAYS.between(series.date(start), series.lastDate()) + 1;
            periods.add(new DrawdownPeriod(start == 0 ? null : series.date(start - 1), series.date(start),
                    series.date(trough), end, under[trough], days));
        }
        return periods;
    }

    private static void assertNoOverlap(List<DrawdownPeriod> periods, LocalDate lastDay) {
        List<DrawdownPeriod> byStart = periods.stream().sorted(Comparator.comparing(DrawdownPeriod::start)).toList();
        for (int i = 1; i < byStart.size(); i++) {
            LocalDate previousEnd = byStart.get(i - 1).end();
            assertThat(previousEnd).isNotNull(); // only the last period can be open
            assertThat(byStart.get(i).start()).isAfterOrEqualTo(previousEnd);
        }
        assertThat(byStart).allSatisfy(p -> assertThat(p.trough()).isBeforeOrEqualTo(lastDay));
    }
}
