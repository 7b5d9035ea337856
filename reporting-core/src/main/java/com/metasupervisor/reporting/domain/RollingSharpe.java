package com.metasupervisor.reporting.domain;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.figures.PerformanceMath;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The tear sheet's rolling Sharpe: for each day of the series whose window lies inside the series, the
 * {@link PerformanceMath#annualisedSharpe} of the points dated in the {@code windowDays} calendar days ending that
 * day (day − windowDays, day]. On a gap-free series that is the last {@code windowDays} points, as QuantStats'
 * {@code rolling_sharpe}. A window's Sharpe is null where the kit's is (flat window, fewer than two points).
 *
 * @param windowDays the window length in calendar days
 * @param points     one per day from the first full window on, in date order; empty when the series is shorter
 */
public record RollingSharpe(int windowDays, List<Point> points) {

    /** The Sharpe of the window ending on {@code date}; null when undefined. */
    public record Point(LocalDate date, Double sharpe) {
        public Point {
            ArgChecker.notNull(date, "date");
            ArgChecker.isTrue(sharpe == null || Double.isFinite(sharpe), "sharpe must be finite or null, was " + sharpe);
        }
    }

    public RollingSharpe {
        ArgChecker.atLeast(windowDays, 2, "windowDays");
        points = List.copyOf(ArgChecker.notNull(points, "points"));
    }

    public static RollingSharpe of(DailyPnl series, int windowDays) {
        ArgChecker.notNull(series, "series");
        ArgChecker.atLeast(windowDays, 2, "windowDays");
        List<Point> points = new ArrayList<>();
        // the first day whose window (day − windowDays, day] starts no earlier than the series
        LocalDate firstFull = series.firstDate().plusDays(windowDays - 1);
        int from = 0;
        for (int i = 0; i < series.size(); i++) {
            LocalDate day = series.date(i);
            LocalDate windowStart = day.minusDays(windowDays - 1);
            while (series.date(from).isBefore(windowStart)) {
                from++;
            }
            if (day.isBefore(firstFull)) {
                continue;
            }
            double[] window = new double[i - from + 1];
            for (int j = from; j <= i; j++) {
                window[j - from] = series.pnl(j);
            }
            points.add(new Point(day, PerformanceMath.annualisedSharpe(window)));
        }
        return new RollingSharpe(windowDays, points);
    }
}
