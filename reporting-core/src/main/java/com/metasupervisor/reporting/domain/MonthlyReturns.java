package com.metasupervisor.reporting.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.YearMonth;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tear sheet's monthly heatmap: PnL summed per calendar month (additive bps, where QuantStats compounds).
 * A month is present only when the series has a day in it; an absent month is "no data", not 0.
 *
 * @param pnlBpsByMonth sum of the daily PnLs of each month with data, in month order
 */
public record MonthlyReturns(SortedMap<YearMonth, Double> pnlBpsByMonth) {

    public MonthlyReturns {
        ArgChecker.notNull(pnlBpsByMonth, "pnlBpsByMonth");
        for (Map.Entry<YearMonth, Double> e : pnlBpsByMonth.entrySet()) {
            ArgChecker.notNull(e.getKey(), "month");
            ArgChecker.finite(ArgChecker.notNull(e.getValue(), "pnlBps of " + e.getKey()), "pnlBps of " + e.getKey());
        }
        pnlBpsByMonth = Collections.unmodifiableSortedMap(new TreeMap<>(pnlBpsByMonth));
    }

    public static MonthlyReturns of(DailyPnl series) {
        ArgChecker.notNull(series, "series");
        TreeMap<YearMonth, Double> sums = new TreeMap<>();
        for (DailyPnl.Day d : series.days()) {
            sums.merge(YearMonth.from(d.date()), d.pnlBps(), Double::sum);
        }
        return new MonthlyReturns(sums);
    }

    /** The month's PnL; null when the series has no day in it. */
    public Double pnlBps(int year, int month) {
        return pnlBpsByMonth.get(YearMonth.of(year, month));
    }

    /** The year's PnL over its months with data (QuantStats' "EOY" column); null when none. */
    public Double yearPnlBps(int year) {
        SortedMap<YearMonth, Double> months = pnlBpsByMonth.subMap(YearMonth.of(year, 1), YearMonth.of(year + 1, 1));
        return months.isEmpty() ? null : months.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The years with data, ascending (the heatmap's rows). */
    public SortedSet<Integer> years() {
        TreeSet<Integer> years = new TreeSet<>();
        pnlBpsByMonth.keySet().forEach(m -> years.add(m.getYear()));
        return Collections.unmodifiableSortedSet(years);
    }

    /** Whether the data spans more than one month (SPEC §7: the heatmap is printed only then). */
    public boolean spansMonths() {
        return pnlBpsByMonth.size() > 1;
    }
}
