package com.metasupervisor.reporting.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.LocalDate;

/**
 * One stretch under water: the cumulative PnL below its high-water mark (which starts at 0 before the first day)
 * from {@code start} until it is back at the mark on {@code end}.
 *
 * @param peak      the last day at the high-water mark before the fall; null when the mark is the series' starting 0
 *                  (the fall began on the first day)
 * @param start     the first day under water
 * @param trough    the day of the lowest cumulative PnL in the stretch (the first such day)
 * @param end       the recovery day: the first day back at (or above) the mark; null while not recovered
 * @param depthBps  trough cumulative PnL − the mark, &lt; 0
 * @param days      calendar days under water: start up to the day before {@code end}, or up to the last day of the
 *                  series while not recovered (QuantStats' drawdown "days" on a daily series)
 */
public record DrawdownPeriod(LocalDate peak, LocalDate start, LocalDate trough, LocalDate end, double depthBps, long days) {

    public DrawdownPeriod {
        ArgChecker.notNull(start, "start");
        ArgChecker.notNull(trough, "trough");
        ArgChecker.isTrue(depthBps < 0, "depthBps must be < 0, was " + depthBps);
        ArgChecker.positive(days, "days");
        ArgChecker.isTrue(peak == null || peak.isBefore(start), "peak must be before start, was " + peak + " / " + start);
        ArgChecker.isTrue(!trough.isBefore(start), "trough must not be before start, was " + trough + " / " + start);
        ArgChecker.isTrue(end == null || end.isAfter(trough), "end must be after trough, was " + end + " / " + trough);
    }

    public boolean recovered() {
        return end != null;
    }
}
