package com.metasupervisor.reporting.domain.report;

import com.metasupervisor.streams.check.ArgChecker;

import java.time.LocalDate;
import java.util.List;

/**
 * What the daily summary e-mail says about one day (in the report time zone).
 *
 * @param fleetPnlBps   the fleet's PnL of the day (weighted), bps
 * @param cumulativePnlBps the fleet's PnL over the history up to and including the day
 * @param rows          reconciled rows of the day at the report horizon
 * @param hitRate       hits / rows; null without rows
 * @param best          up to 3 agents with rows that day, highest unweighted PnL of the day first (their lines' week
 *                      figures are the day's here: PnL, rows, hit rate, decision of the day)
 * @param worst         up to 3 agents with rows that day, lowest PnL first (with fewer than 6 agents the two lists
 *                      share agents)
 * @param decisions     the day's decisions
 * @param alerts        the day's alert transitions
 * @param openAlerts    alerts open at the end of the day
 * @param disabled      classes disabled at the end of the day
 */
public record DailySummary(LocalDate day, double fleetPnlBps, double cumulativePnlBps, long rows, Double hitRate,
                           List<AgentLine> best, List<AgentLine> worst, List<DecisionLine> decisions,
                           List<AlertLine> alerts, List<AlertLine> openAlerts, List<DisabledClass> disabled) {
    public DailySummary {
        ArgChecker.notNull(day, "day");
        best = List.copyOf(best);
        worst = List.copyOf(worst);
        decisions = List.copyOf(decisions);
        alerts = List.copyOf(alerts);
        openAlerts = List.copyOf(openAlerts);
        disabled = List.copyOf(disabled);
    }
}
