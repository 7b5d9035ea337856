package com.metasupervisor.reporting.domain;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.figures.PerformanceMath;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The drawdown periods of a series (the tear sheet's "worst drawdowns" table). The curve is streams-kit's
 * {@link PerformanceMath.Drawdown}: additive cumulative PnL from 0, so the deepest period's depth is
 * {@link PerformanceMath#maxDrawdown} exactly. Periods are maximal stretches under water, hence never overlap.
 */
public final class Drawdowns {

    private Drawdowns() {
    }

    /** Every period under water, in date order. */
    public static List<DrawdownPeriod> all(DailyPnl series) {
        ArgChecker.notNull(series, "series");
        List<DrawdownPeriod> periods = new ArrayList<>();
        PerformanceMath.Drawdown curve = new PerformanceMath.Drawdown();
        LocalDate peakDay = null; // last day at the mark; null = the starting 0
        int start = -1; // first index under water of the open period, -1 when above water
        int trough = -1;
        double troughDepth = 0;
        for (int i = 0; i < series.size(); i++) {
            curve.add(series.pnl(i));
            double depth = curve.cumulative() - curve.peak();
            if (depth < 0) {
                if (start < 0) {
                    start = i;
                    trough = i;
                    troughDepth = depth;
                } else if (depth < troughDepth) {
                    trough = i;
                    troughDepth = depth;
                }
            } else {
                if (start >= 0) {
                    periods.add(period(series, peakDay, start, trough, troughDepth, series.date(i)));
                    start = -1;
                }
                peakDay = series.date(i);
            }
        }
        if (start >= 0) {
            periods.add(period(series, peakDay, start, trough, troughDepth, null));
        }
        return List.copyOf(periods);
    }

    /** The {@code count} deepest periods, deepest first (earlier first on equal depth). */
    public static List<DrawdownPeriod> worst(DailyPnl series, int count) {
        ArgChecker.positive(count, "count");
        return all(series).stream()
                .sorted(Comparator.comparingDouble(DrawdownPeriod::depthBps).thenComparing(DrawdownPeriod::start))
                .limit(count)
                .toList();
    }

    private static DrawdownPeriod period(DailyPnl series, LocalDate peakDay, int start, int trough, double depth, LocalDate end) {
        LocalDate startDay = series.date(start);
        long days = end != null
                ? ChronoUnit.DAYS.between(startDay, end)
                : ChronoUnit.DAYS.between(startDay, series.lastDate()) + 1;
        return new DrawdownPeriod(peakDay, startDay, series.date(trough), end, depth + 0.0, days);
    }
}
