package com.metasupervisor.reporting.domain.report;

import com.metasupervisor.reporting.domain.DailyPnl;
import com.metasupervisor.reporting.domain.DrawdownPeriod;
import com.metasupervisor.reporting.domain.MonthlyReturns;
import com.metasupervisor.reporting.domain.RollingSharpe;
import com.metasupervisor.reporting.domain.TearSheetFigures;
import com.metasupervisor.streams.check.ArgChecker;

import java.time.Instant;
import java.util.List;

/**
 * Everything the weekly LP report shows (SPEC §7), computed: the renderer only lays it out. Names, reasons and details
 * inside are untrusted text, carried as given; the renderer makes them safe for its medium.
 *
 * @param period          the week reported and the history the series cover
 * @param generatedAt     when the report was built
 * @param fleet           the fleet's daily PnL in bps over the history, every calendar day a point (absent = 0)
 * @param history         tear-sheet figures of {@code fleet}
 * @param week            tear-sheet figures of the week's days of {@code fleet}
 * @param worstDrawdowns  the deepest drawdowns of {@code fleet}, deepest first, at most 5
 * @param rollingSharpe   rolling Sharpe of {@code fleet}
 * @param monthly         PnL by month of {@code fleet}; the heatmap is drawn only when {@code monthly.spansMonths()}
 * @param allocations     the fleet's allocation over the history, oldest first (one point per published snapshot)
 * @param weightChanges   the week's weight changes with their reasons, oldest first
 * @param agents          one line per agent seen in the history, ordered by week PnL, best first
 * @param classes         strategy-class attribution, ordered by class name
 * @param policies        each allocation policy's paper results (allocations.shadow), the active one first
 * @param decisions       governance decisions of the week, oldest first
 * @param proposals       promotion-loop proposals of the week (governance.proposals), oldest first
 * @param disabled        strategy classes disabled at the end of the week (and since when)
 * @param alerts          alerts of the week (opened, escalated, resolved), oldest first
 */
public record WeeklyReport(ReportPeriod period, Instant generatedAt, DailyPnl fleet, TearSheetFigures history,
        TearSheetFigures week, List<DrawdownPeriod> worstDrawdowns, RollingSharpe rollingSharpe, MonthlyReturns monthly,
        List<AllocationPoint> allocations, List<WeightChange> weightChanges, List<AgentLine> agents,
        List<ClassLine> classes, List<PolicyLine> policies, List<DecisionLine> decisions, List<ProposalLine> proposals,
        List<DisabledClass> disabled,
        List<AlertLine> alerts) {

    public WeeklyReport {
        ArgChecker.notNull(period, "period");
        ArgChecker.notNull(generatedAt, "generatedAt");
        ArgChecker.notNull(fleet, "fleet");
        ArgChecker.notNull(history, "history");
        ArgChecker.notNull(week, "week");
        ArgChecker.notNull(rollingSharpe, "rollingSharpe");
        ArgChecker.notNull(monthly, "monthly");
        worstDrawdowns = List.copyOf(worstDrawdowns);
        ArgChecker.isTrue(worstDrawdowns.size() <= 5, "at most 5 worst drawdowns");
        allocations = List.copyOf(allocations);
        weightChanges = List.copyOf(weightChanges);
        agents = List.copyOf(agents);
        classes = List.copyOf(classes);
        policies = List.copyOf(policies);
        decisions = List.copyOf(decisions);
        proposals = List.copyOf(proposals);
        disabled = List.copyOf(disabled);
        alerts = List.copyOf(alerts);
    }
}
