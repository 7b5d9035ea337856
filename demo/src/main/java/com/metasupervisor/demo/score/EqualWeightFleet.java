package com.metasupervisor.demo.score;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.figures.PerformanceMath;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * The benchmark beside the allocation policies: every agent of the fleet at the same weight 1/N for the whole run, on
 * the reconciled rows at the 24 h horizon. Figures as the allocator's paper ledgers compute them, so the lines compare:
 * each row adds PnL / N bps (additive bps); Sharpe of the daily series by UTC day of matured_at, from the first row's
 * day to the last row's (idle days 0); max drawdown of the cumulative PnL in matured_at order from 0.
 */
public final class EqualWeightFleet {

    public static final int HORIZON_HOURS = 24;
    public static final String NAME = "equal-weight fleet";
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    private EqualWeightFleet() {
    }

    public static PaperFigures figures(List<ObservedRow> rows, int agents) {
        ArgChecker.notNull(rows, "rows");
        ArgChecker.positive(agents, "agents");
        List<ObservedRow> credited = rows.stream()
                .filter(r -> r.horizonHours() == HORIZON_HOURS)
                .sorted(Comparator.comparing(ObservedRow::maturedAt)) // stable: rows maturing together keep their order
                .toList();
        PerformanceMath.Drawdown curve = new PerformanceMath.Drawdown();
        TreeMap<Long, Double> daily = new TreeMap<>();
        for (ObservedRow row : credited) {
            double pnl = row.realizedPnlBps() / agents;
            curve.add(pnl);
            daily.merge(Math.floorDiv(row.maturedAt().toEpochMilli(), DAY_MILLIS), pnl, Double::sum);
        }
        int days = daily.isEmpty() ? 0 : (int) (daily.lastKey() - daily.firstKey() + 1);
        double[] series = new double[days];
        if (days > 0) {
            long first = daily.firstKey();
            daily.forEach((day, pnl) -> series[(int) (day - first)] = pnl);
        }
        return new PaperFigures(NAME, false, curve.cumulative(), PerformanceMath.annualisedSharpe(series), curve.max(), credited.size(), days);
    }
}
