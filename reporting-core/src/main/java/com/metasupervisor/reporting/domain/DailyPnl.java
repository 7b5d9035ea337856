package com.metasupervisor.reporting.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fleet's daily PnL in bps, one point per UTC day, dates strictly increasing, values finite, at least one day.
 * The series is taken as given: a day absent from it is not a day of the series (not a 0-PnL day); a caller
 * that means "no rows = flat day" says so with {@link #zeroFilled}. Durations (drawdown days) are calendar days.
 *
 * @param days the points, in date order
 */
public record DailyPnl(List<Day> days) {

    /** One UTC day's PnL. */
    public record Day(LocalDate date, double pnlBps) {
        public Day {
            ArgChecker.notNull(date, "date");
            ArgChecker.finite(pnlBps, "pnlBps");
        }
    }

    public DailyPnl {
        ArgChecker.notEmpty(days, "days");
        days = List.copyOf(days);
        for (int i = 1; i < days.size(); i++) {
            ArgChecker.isTrue(days.get(i).date().isAfter(days.get(i - 1).date()),
                    "days must have strictly increasing dates, " + days.get(i).date() + " follows " + days.get(i - 1).date());
        }
    }

    /** Every calendar day of [from, to], a day without an entry in {@code pnlByDay} being a 0-PnL day; entries outside are an error. */
    public static DailyPnl zeroFilled(Map<LocalDate, Double> pnlByDay, LocalDate from, LocalDate to) {
        ArgChecker.notNull(pnlByDay, "pnlByDay");
        ArgChecker.notNull(from, "from");
        ArgChecker.notNull(to, "to");
        ArgChecker.isTrue(!to.isBefore(from), "to must not be before from, was " + from + " .. " + to);
        for (LocalDate d : pnlByDay.keySet()) {
            ArgChecker.isTrue(!d.isBefore(from) && !d.isAfter(to), "pnlByDay has " + d + " outside " + from + " .. " + to);
        }
        List<Day> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Double v = pnlByDay.get(d);
            days.add(new Day(d, v == null ? 0 : v));
        }
        return new DailyPnl(days);
    }

    /** Consecutive days from {@code first}, one per value (tests and simulations). */
    public static DailyPnl consecutive(LocalDate first, double... pnlBps) {
        ArgChecker.notNull(first, "first");
        List<Day> days = new ArrayList<>();
        for (int i = 0; i < pnlBps.length; i++) {
            days.add(new Day(first.plusDays(i), pnlBps[i]));
        }
        return new DailyPnl(days);
    }

    public int size() {
        return days.size();
    }

    public LocalDate date(int i) {
        return days.get(i).date();
    }

    public double pnl(int i) {
        return days.get(i).pnlBps();
    }

    public LocalDate firstDate() {
        return days.getFirst().date();
    }

    public LocalDate lastDate() {
        return days.getLast().date();
    }

    /** The PnLs in date order (a fresh array). */
    public double[] values() {
        double[] v = new double[days.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = days.get(i).pnlBps();
        }
        return v;
    }
}
