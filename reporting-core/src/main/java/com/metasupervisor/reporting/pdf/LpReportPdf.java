package com.metasupervisor.reporting.pdf;

import com.metasupervisor.reporting.domain.DrawdownPeriod;
import com.metasupervisor.reporting.domain.TearSheetFigures;
import com.metasupervisor.reporting.domain.report.AgentLine;
import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.domain.report.ClassLine;
import com.metasupervisor.reporting.domain.report.DecisionLine;
import com.metasupervisor.reporting.domain.report.DisabledClass;
import com.metasupervisor.reporting.domain.report.PolicyLine;
import com.metasupervisor.reporting.domain.report.ProposalLine;
import com.metasupervisor.reporting.domain.report.ReportPeriod;
import com.metasupervisor.reporting.domain.report.WeeklyReport;
import com.metasupervisor.reporting.domain.report.WeightChange;
import com.metasupervisor.reporting.pdf.PageFlow.Column;
import com.metasupervisor.streams.check.ArgChecker;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.function.Function;

import static com.metasupervisor.reporting.pdf.FigureFormat.NA;
import static com.metasupervisor.reporting.pdf.FigureFormat.bps;
import static com.metasupervisor.reporting.pdf.FigureFormat.count;
import static com.metasupervisor.reporting.pdf.FigureFormat.date;
import static com.metasupervisor.reporting.pdf.FigureFormat.percent;
import static com.metasupervisor.reporting.pdf.FigureFormat.ratio;

/**
 * The weekly LP report (SPEC §7) as a PDF: title block, key metrics (week and history side by side, as a
 * QuantStats tear sheet), worst drawdowns, vector charts, weight changes, the per-agent table, class attribution,
 * policies' paper results, decisions, disabled strategies and alerts of the week; "page i of n" in each footer.
 * It only lays out what {@link WeeklyReport} computed; untrusted text is made safe by {@link CellText}.
 */
public final class LpReportPdf {

    static final String TITLE = "Meta-Supervisor weekly LP report";
    static final String AGENT_TABLE_CONTINUED = "Agents of the week (continued)";
    static final String HEATMAP_HEADING = "Monthly PnL (bps)";
    static final String NO_NAME = "(no name)";

    private final WeeklyReport report;
    private final ZoneId zone;
    private final String zoneName;
    private final PageFlow flow;
    private final ReportCharts charts;

    private LpReportPdf(WeeklyReport report, PageFlow flow) {
        this.report = report;
        this.zone = report.period().zone();
        this.zoneName = zone.normalized().equals(java.time.ZoneOffset.UTC) ? "UTC" : zone.getId();
        this.flow = flow;
        this.charts = new ReportCharts(zone);
    }

    /** The report's PDF bytes (A4 portrait, DejaVu Sans Condensed embedded as a subset). */
    public static byte[] render(WeeklyReport report) {
        ArgChecker.notNull(report, "report");
        try (PDDocument document = new PDDocument(); ReportFont font = ReportFont.embedIn(document)) {
            PageFlow flow = new PageFlow(document, font);
            new LpReportPdf(report, flow).write();
            ReportPeriod period = report.period();
            flow.finish(TITLE + " · week " + period.firstDay() + " to " + period.lastDay());
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(TITLE + " " + period.firstDay() + " to " + period.lastDay());
            info.setCreator("Meta-Supervisor reporting-service");
            Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
            created.setTimeInMillis(report.generatedAt().toEpochMilli());
            info.setCreationDate(created);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("rendering the weekly LP report failed", e);
        }
    }

    private void write() throws IOException {
        titleBlock();
        keyMetrics();
        worstDrawdowns();
        chartSections();
        weightChanges();
        agents();
        classes();
        policies();
        decisions();
        proposals();
        disabled();
        alerts();
    }

    private void titleBlock() throws IOException {
        ReportPeriod p = report.period();
        flow.line(TITLE, 18, true, Color.BLACK);
        flow.gap(2);
        flow.line("Week " + p.firstDay() + " to " + p.lastDay() + " (" + zoneName + "), history from "
                + p.historyFrom() + " (" + report.fleet().size() + " days)", 10);
        flow.muted("Generated at " + FigureFormat.time(report.generatedAt(), zone) + " " + zoneName, 8.5f);
        flow.gap(4);
        TearSheetFigures week = report.week();
        flow.line("This week: fleet PnL " + bps(week.cumulativePnlBps()) + " bps · max drawdown "
                + bps(week.maxDrawdownBps()) + " bps · hit rate " + percent(weekHitRate()) + " · Sharpe "
                + ratio(week.sharpe()), 10, true, Color.BLACK);
    }

    /** Hits / rows of the week over every agent (hits recovered from each line's rate and rows). */
    private Double weekHitRate() {
        double hits = 0;
        long rows = 0;
        for (AgentLine a : report.agents()) {
            if (a.weekHitRate() != null && a.weekRows() > 0) {
                hits += Math.round(a.weekHitRate() * a.weekRows());
                rows += a.weekRows();
            }
        }
        return rows == 0 ? null : hits / rows;
    }

    private void keyMetrics() throws IOException {
        flow.heading("Key metrics", PageFlow.ROW * 6);
        TearSheetFigures w = report.week();
        TearSheetFigures h = report.history();
        List<List<String>> rows = new ArrayList<>();
        rows.add(metric("Cumulative PnL (bps)", w, h, f -> bps(f.cumulativePnlBps())));
        rows.add(metric("Sharpe (annualised)", w, h, f -> ratio(f.sharpe())));
        rows.add(metric("Sortino (annualised)", w, h, f -> ratio(f.sortino())));
        rows.add(metric("Calmar", w, h, f -> ratio(f.calmar())));
        rows.add(metric("Volatility (annualised, bps)", w, h, f -> bps(f.annualisedVolatilityBps())));
        rows.add(metric("Max drawdown (bps)", w, h, f -> bps(f.maxDrawdownBps())));
        rows.add(metric("Max drawdown peak / trough / recovery", w, h, f -> drawdownDates(f.maxDrawdown())));
        rows.add(metric("Longest drawdown (days)", w, h, f -> count(f.longestDrawdownDays())));
        rows.add(metric("Skew", w, h, f -> ratio(f.skew())));
        rows.add(metric("Excess kurtosis", w, h, f -> ratio(f.excessKurtosis())));
        rows.add(metric("Daily VaR 95 (bps)", w, h, f -> bps(f.var95Bps())));
        rows.add(metric("Daily CVaR 95 (bps)", w, h, f -> bps(f.cvar95Bps())));
        rows.add(metric("Tail ratio", w, h, f -> ratio(f.tailRatio())));
        rows.add(metric("Win days (% of non-flat days)", w, h, f -> percent(f.winDayRate())));
        rows.add(metric("Best day (bps)", w, h, f -> bps(f.bestDayBps())));
        rows.add(metric("Worst day (bps)", w, h, f -> bps(f.worstDayBps())));
        rows.add(metric("Profit factor", w, h, f -> ratio(f.profitFactor())));
        rows.add(metric("Days", w, h, f -> count(f.days())));
        flow.table(List.of(Column.left("Metric", 175), Column.right("Week", 170), Column.right("History", 170)),
                rows, "Key metrics (continued)");
    }

    private static List<String> metric(String name, TearSheetFigures week, TearSheetFigures history,
                                       Function<TearSheetFigures, String> figure) {
        return List.of(name, figure.apply(week), figure.apply(history));
    }

    private static String drawdownDates(DrawdownPeriod d) {
        if (d == null) {
            return NA;
        }
        return (d.peak() == null ? "start" : d.peak().toString()) + " / " + d.trough() + " / "
                + (d.end() == null ? "not recovered" : d.end().toString());
    }

    private void worstDrawdowns() throws IOException {
        flow.heading("Worst drawdowns (history)", PageFlow.ROW * 3);
        if (report.worstDrawdowns().isEmpty()) {
            flow.line("No drawdown in the history.", 9);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        int rank = 1;
        for (DrawdownPeriod d : report.worstDrawdowns()) {
            rows.add(List.of(Integer.toString(rank++), d.peak() == null ? "start" : d.peak().toString(),
                    date(d.start()), date(d.trough()), d.end() == null ? "not recovered" : d.end().toString(),
                    bps(d.depthBps()), count(d.days())));
        }
        flow.table(List.of(Column.right("#", 25), Column.left("Peak", 75), Column.left("Start", 75),
                Column.left("Trough", 75), Column.left("Recovery", 85), Column.right("Depth (bps)", 90),
                Column.right("Days", 90)), rows, "Worst drawdowns (continued)");
    }

    private void chartSections() throws IOException {
        flow.heading("Performance", 165);
        flow.chart(charts.equity(report.fleet()), 165);
        flow.chart(charts.underwater(report.fleet()), 135);
        flow.chart(charts.dailyBars(report.fleet()), 150);
        if (report.rollingSharpe().points().isEmpty()) {
            flow.line("Rolling Sharpe: the history is shorter than its " + report.rollingSharpe().windowDays()
                    + "-day window.", 9);
        } else {
            flow.chart(charts.rollingSharpe(report.rollingSharpe()), 145);
        }
        if (report.monthly().spansMonths()) {
            heatmap();
        }
        flow.heading("Allocation over time", 190);
        if (report.allocations().isEmpty()) {
            flow.line("No allocation was published in the history.", 9);
        } else {
            flow.chart(charts.allocation(report.allocations()), 200);
        }
    }

    /** Months as columns, years as rows, each cell coloured by its PnL (green gain, red loss) with its value. */
    private void heatmap() throws IOException {
        var years = report.monthly().years();
        float rowHeight = 15;
        flow.heading(HEATMAP_HEADING, rowHeight * (years.size() + 1));
        double maxAbs = report.monthly().pnlBpsByMonth().values().stream().mapToDouble(Math::abs).max().orElse(0);
        float yearWidth = 40;
        float cellWidth = 36;
        float x0 = PageFlow.LEFT;
        float size = 7;
        float top = flow.y();
        for (int m = 0; m <= 12; m++) {
            String title = m == 0 ? "Year" : YearMonth.of(2000, m).getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            float x = m == 0 ? x0 + 2 : x0 + yearWidth + m * cellWidth - 2 - flow.textWidth(title, size);
            flow.show(x, top - rowHeight + 4, size, title, true, Color.DARK_GRAY);
        }
        flow.show(PageFlow.RIGHT - 2 - flow.textWidth("Total", size), top - rowHeight + 4, size, "Total", true,
                Color.DARK_GRAY);
        float rowTop = top - rowHeight;
        for (int year : years) {
            flow.show(x0 + 2, rowTop - rowHeight + 4, size, Integer.toString(year), true, Color.DARK_GRAY);
            for (int m = 1; m <= 12; m++) {
                Double v = report.monthly().pnlBps(year, m);
                float x = x0 + yearWidth + (m - 1) * cellWidth;
                if (v != null) {
                    flow.fill(x + 0.5f, rowTop - rowHeight + 0.5f, cellWidth - 1, rowHeight - 1, heat(v, maxAbs));
                    String text = flow.fitted(bps(v), size, cellWidth - 4);
                    flow.show(x + cellWidth - 2 - flow.textWidth(text, size), rowTop - rowHeight + 4, size, text, false, Color.BLACK);
                }
            }
            Double total = report.monthly().yearPnlBps(year);
            String text = flow.fitted(bps(total), size, PageFlow.WIDTH - yearWidth - 12 * cellWidth - 4);
            flow.show(PageFlow.RIGHT - 2 - flow.textWidth(text, size), rowTop - rowHeight + 4, size, text, true, Color.BLACK);
            rowTop -= rowHeight;
        }
        flow.gap(top - rowTop + 6);
    }

    private static Color heat(double v, double maxAbs) {
        double t = maxAbs == 0 ? 0 : Math.min(1, Math.abs(v) / maxAbs);
        Color end = v >= 0 ? new Color(0x4C, 0xAF, 0x50) : new Color(0xE5, 0x53, 0x4B);
        return new Color(blend(255, end.getRed(), t), blend(255, end.getGreen(), t), blend(255, end.getBlue(), t));
    }

    private static int blend(int from, int to, double t) {
        return (int) Math.round(from + (to - from) * (0.15 + 0.85 * t));
    }

    private void weightChanges() throws IOException {
        flow.heading("Weight changes of the week", PageFlow.ROW * 3);
        if (report.weightChanges().isEmpty()) {
            flow.line("No weight changed this week.", 9);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (WeightChange c : report.weightChanges()) {
            rows.add(List.of(FigureFormat.time(c.at(), zone), named(c.agent()), percent(c.fromWeight()),
                    percent(c.toWeight()), c.reason()));
        }
        flow.table(List.of(Column.left("Time", 72), Column.left("Agent", 125), Column.right("From", 45),
                Column.right("To", 45), Column.left("Reason", 228)), rows, "Weight changes (continued)");
    }

    private void agents() throws IOException {
        flow.heading("Agents of the week", PageFlow.ROW * 4);
        if (report.agents().isEmpty()) {
            flow.line("No agent in the history.", 9);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (AgentLine a : report.agents()) {
            rows.add(List.of(named(a.agent()), nullable(a.strategyClass()), bps(a.weekPnlBps()), count(a.weekRows()),
                    percent(a.weekHitRate()), ratio(a.sharpe30d()), percent(a.weight()), nullable(a.status()),
                    nullable(a.lastDecision())));
        }
        flow.table(agentColumns(), rows, AGENT_TABLE_CONTINUED);
    }

    static List<Column> agentColumns() {
        return List.of(Column.left("Agent", 125), Column.left("Class", 80), Column.right("PnL (bps)", 50),
                Column.right("Rows", 35), Column.right("Hit rate", 42), Column.right("Sharpe 30d", 46),
                Column.right("Weight", 42), Column.left("Status", 50), Column.left("Decision", 45));
    }

    private void classes() throws IOException {
        flow.heading("Strategy-class attribution", PageFlow.ROW * 3);
        if (report.classes().isEmpty()) {
            flow.line("No strategy class in the week.", 9);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (ClassLine c : report.classes()) {
            rows.add(List.of(named(c.strategyClass()), bps(c.fleetPnlBps()), percent(c.share()), count(c.agents()),
                    count(c.rows()), percent(c.hitRate()), percent(c.weight()), c.disabled() ? "disabled" : ""));
        }
        flow.table(List.of(Column.left("Class", 130), Column.right("Fleet PnL (bps)", 70), Column.right("Share", 50),
                Column.right("Agents", 45), Column.right("Rows", 50), Column.right("Hit rate", 50),
                Column.right("Weight", 55), Column.left("Status", 65)), rows, "Strategy classes (continued)");
    }

    private void policies() throws IOException {
        flow.heading("Allocation policies: paper results", PageFlow.ROW * 3);
        if (report.policies().isEmpty()) {
            flow.line("No policy published paper results.", 9);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (PolicyLine p : report.policies()) {
            rows.add(List.of(p.policy(), p.active() ? "active" : "paper", bps(p.cumulativePnlBps()), ratio(p.sharpe()),
                    bps(p.maxDrawdownBps()), ratio(p.turnover()), count(p.weightChanges()), count(p.rows()),
                    count(p.days())));
        }
        flow.table(List.of(Column.left("Policy", 115), Column.left("Role", 40), Column.right("Cum. PnL (bps)", 65),
                Column.right("Sharpe", 45), Column.right("Max DD (bps)", 60), Column.right("Turnover", 50),
                Column.right("Weight changes", 65), Column.right("Rows", 40), Column.right("Days", 35)),
                rows, "Policies (continued)");
    }

    private void decisions() throws IOException {
        flow.heading("Decisions of the week", PageFlow.ROW * 3);
        if (report.decisions().isEmpty()) {
            flow.line("No decision this week.", 9);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (DecisionLine d : report.decisions()) {
            rows.add(List.of(FigureFormat.time(d.at(), zone), named(d.subject()), nullable(d.strategyClass()), d.action(),
                    d.dryRun() ? "dry run" : "", String.join("; ", d.reasons())));
        }
        flow.table(List.of(Column.left("Time", 72), Column.left("Subject", 105), Column.left("Class", 70),
                Column.left("Action", 62), Column.left("Mode", 36), Column.left("Reasons", 170)),
                rows, "Decisions (continued)");
    }

    static final String PROPOSALS_HEADING = "Promotion-loop proposals of the week";
    /** The promotion loop's patch decisions (PatchDecision), one count column each: a text list would not fit a cell. */
    static final List<String> PATCH_DECISIONS = List.of("ACCEPTED_FOR_PROPOSAL", "PENDING", "REJECTED_BY_POLICY",
            "REJECTED_BY_SANITY_CHECK");

    private void proposals() throws IOException {
        flow.heading(PROPOSALS_HEADING, PageFlow.ROW * 3);
        if (report.proposals().isEmpty()) {
            flow.line("No proposals this week.", 9);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (ProposalLine p : report.proposals()) {
            List<String> row = new ArrayList<>(List.of(FigureFormat.time(p.at(), zone), named(p.proposalId()), p.mode(),
                    count(p.patches())));
            // a decision a later loop version adds is not a column: it shows in Patches only
            PATCH_DECISIONS.forEach(d -> row.add(count(p.decisions().getOrDefault(d, 0))));
            rows.add(row);
        }
        flow.table(List.of(Column.left("Time", 72), Column.left("Proposal", 125), Column.left("Mode", 68),
                Column.right("Patches", 40), Column.right("Accepted", 50), Column.right("Pending", 44),
                Column.right("Rej. policy", 58), Column.right("Rej. sanity", 58)), rows, "Proposals (continued)");
    }

    private void disabled() throws IOException {
        flow.heading("Disabled strategies", PageFlow.ROW * 3);
        if (report.disabled().isEmpty()) {
            flow.line("No strategy class disabled at the end of the week.", 9);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (DisabledClass d : report.disabled()) {
            rows.add(List.of(named(d.strategyClass()), FigureFormat.time(d.since(), zone), nullable(d.source()),
                    nullable(d.reason())));
        }
        flow.table(List.of(Column.left("Class", 120), Column.left("Since", 72), Column.left("Source", 90),
                Column.left("Reason", 233)), rows, "Disabled strategies (continued)");
    }

    private void alerts() throws IOException {
        flow.heading("Alerts of the week", PageFlow.ROW * 3);
        if (report.alerts().isEmpty()) {
            flow.line("No alert this week.", 9);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (AlertLine a : report.alerts()) {
            rows.add(List.of(FigureFormat.time(a.at(), zone), a.alertId(), named(a.subject()), a.transition(),
                    nullable(a.severity()), nullable(a.message())));
        }
        flow.table(List.of(Column.left("Time", 72), Column.left("Alert", 70), Column.left("Subject", 95),
                Column.left("Transition", 55), Column.left("Severity", 45), Column.left("Message", 178)),
                rows, "Alerts (continued)");
    }

    /** A name that shows nothing once its controls are dropped is marked, so a row never looks nameless. */
    static String named(String name) {
        return CellText.clean(name, cp -> true).isEmpty() ? NO_NAME : name;
    }

    private static String nullable(String s) {
        return s == null ? "" : s;
    }
}
