package com.metasupervisor.reporting.notify;

import com.metasupervisor.reporting.domain.TearSheetFigures;
import com.metasupervisor.reporting.domain.report.AgentLine;
import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.domain.report.DailySummary;
import com.metasupervisor.reporting.domain.report.DecisionLine;
import com.metasupervisor.reporting.domain.report.DisabledClass;
import com.metasupervisor.reporting.domain.report.WeeklyReport;
import com.metasupervisor.streams.check.ArgChecker;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The subject and plain-text body of an e-mail (SPEC §7 "E-mail"). The subject is one line of at most
 * {@value #MAX_SUBJECT} characters without control characters, so untrusted text in it (an agent name) cannot end the
 * header and start another; untrusted text in the body is put on one line each ({@link OneLineText}).
 *
 * @param subject the Subject header's text (before RFC 2047 encoding)
 * @param body    the text/plain body
 */
public record MailText(String subject, String body) {

    public static final int MAX_SUBJECT = 200;
    /** Longest untrusted name in a body line. */
    static final int MAX_NAME = 200;
    /** Longest untrusted sentence (reason, alert message) in a body line. */
    static final int MAX_TEXT = 2000;
    /** Most items listed per section of a body; the rest is counted. */
    static final int MAX_ITEMS = 50;

    public MailText {
        ArgChecker.notNull(subject, "subject");
        ArgChecker.notNull(body, "body");
        ArgChecker.isTrue(subject.length() <= MAX_SUBJECT && subject.chars().noneMatch(Character::isISOControl),
                "a subject is one line of at most " + MAX_SUBJECT + " characters");
    }

    /** "DIVERGENCE ALERT: &lt;agent&gt;" with the alert's figures. */
    public static MailText divergenceAlert(AlertLine alert) {
        ArgChecker.notNull(alert, "alert");
        String body = "Divergence alert on agent " + name(alert.subject()) + "\n\n"
                + "Transition: " + name(alert.transition()) + "\n"
                + "Severity:   " + name(alert.severity()) + "\n"
                // the transition's time (an ESCALATED alert opened earlier; AlertLine does not carry when)
                + "At:         " + alert.at() + "\n"
                + "Message:    " + text(alert.message()) + "\n"
                + "Alert id:   " + name(alert.alertId()) + "\n";
        return new MailText(subject("DIVERGENCE ALERT: ", alert.subject()), body);
    }

    /** "Meta-Supervisor daily summary &lt;date&gt;": the day's figures, decisions, alerts and disabled classes. */
    public static MailText dailySummary(DailySummary day) {
        ArgChecker.notNull(day, "day");
        StringBuilder body = new StringBuilder();
        body.append("Meta-Supervisor daily summary for ").append(day.day()).append("\n\n");
        body.append("Fleet PnL:       ").append(bps(day.fleetPnlBps())).append('\n');
        body.append("Cumulative PnL:  ").append(bps(day.cumulativePnlBps())).append('\n');
        body.append("Rows:            ").append(day.rows()).append('\n');
        body.append("Hit rate:        ").append(percent(day.hitRate())).append('\n');
        section(body, "Best agents", day.best(), MailText::agentDay);
        section(body, "Worst agents", day.worst(), MailText::agentDay);
        section(body, "Decisions", day.decisions(), MailText::decision);
        section(body, "Alerts", day.alerts(), MailText::alert);
        section(body, "Open alerts", day.openAlerts(), MailText::alert);
        section(body, "Disabled strategy classes", day.disabled(), MailText::disabled);
        return new MailText("Meta-Supervisor daily summary " + day.day(), body.toString());
    }

    /** "Meta-Supervisor weekly LP report &lt;first&gt;–&lt;last&gt;": the week's key figures; the PDF goes attached. */
    public static MailText weeklyReport(WeeklyReport report, String attachmentName) {
        ArgChecker.notNull(report, "report");
        ArgChecker.notNull(attachmentName, "attachmentName");
        TearSheetFigures week = report.week();
        TearSheetFigures history = report.history();
        StringBuilder body = new StringBuilder();
        body.append("Meta-Supervisor weekly LP report, ").append(report.period().firstDay()).append(" to ")
                .append(report.period().lastDay()).append(" (").append(report.period().zone()).append(")\n\n");
        body.append("The week\n");
        body.append("  Fleet PnL:        ").append(bps(week.cumulativePnlBps())).append('\n');
        body.append("  Sharpe:           ").append(ratio(week.sharpe())).append('\n');
        body.append("  Sortino:          ").append(ratio(week.sortino())).append('\n');
        body.append("  Max drawdown:     ").append(bps(week.maxDrawdownBps())).append('\n');
        body.append("  Win days:         ").append(percent(week.winDayRate())).append('\n');
        body.append("  Best day:         ").append(bps(week.bestDayBps())).append('\n');
        body.append("  Worst day:        ").append(bps(week.worstDayBps())).append('\n');
        body.append("Since ").append(report.period().historyFrom()).append('\n');
        body.append("  Cumulative PnL:   ").append(bps(history.cumulativePnlBps())).append('\n');
        body.append("  Sharpe:           ").append(ratio(history.sharpe())).append('\n');
        body.append("  Max drawdown:     ").append(bps(history.maxDrawdownBps())).append('\n');
        body.append("Decisions: ").append(report.decisions().size()).append(", alerts: ").append(report.alerts().size())
                .append(", weight changes: ").append(report.weightChanges().size()).append('\n');
        List<AgentLine> agents = report.agents();
        // agents come best first; with fewer than 6 the lists split them so that no agent shows in both
        int best = Math.min(3, (agents.size() + 1) / 2);
        int worst = Math.min(3, agents.size() - best);
        section(body, "Best agents of the week", agents.subList(0, best), MailText::agentWeek);
        section(body, "Worst agents of the week", agents.subList(agents.size() - worst, agents.size()).reversed(), MailText::agentWeek);
        section(body, "Disabled strategy classes", report.disabled(), MailText::disabled);
        body.append("\nThe full report is attached: ").append(attachmentName).append('\n');
        return new MailText("Meta-Supervisor weekly LP report " + report.period().firstDay() + "–" + report.period().lastDay(),
                body.toString());
    }

    /** {@code prefix} then the untrusted text on one line, the whole at most {@link #MAX_SUBJECT} UTF-16 characters. */
    static String subject(String prefix, String untrusted) {
        String line = OneLineText.of(untrusted, MAX_SUBJECT - prefix.length());
        while (prefix.length() + line.length() > MAX_SUBJECT) {
            // a name of supplementary characters is longer in UTF-16 than in code points: cut whole code points more
            int cut = line.offsetByCodePoints(line.length(), -2);
            line = line.substring(0, cut) + "…";
        }
        return prefix + line;
    }

    private static <T> void section(StringBuilder body, String title, List<T> items, Function<T, String> line) {
        body.append('\n').append(title).append(" (").append(items.size()).append(")").append(items.isEmpty() ? ": none\n" : ":\n");
        items.stream().limit(MAX_ITEMS).forEach(item -> body.append("  - ").append(line.apply(item)).append('\n'));
        if (items.size() > MAX_ITEMS) {
            body.append("  ... and ").append(items.size() - MAX_ITEMS).append(" more\n");
        }
    }

    private static String agentDay(AgentLine agent) {
        return name(agent.agent()) + " (" + name(agent.strategyClass()) + "): " + bps(agent.weekPnlBps()) + ", "
                + agent.weekRows() + " rows, hit rate " + percent(agent.weekHitRate());
    }

    private static String agentWeek(AgentLine agent) {
        return agentDay(agent) + ", weight " + percent(agent.weight());
    }

    private static String decision(DecisionLine decision) {
        return decision.at() + " " + name(decision.action()) + (decision.dryRun() ? " (dry run)" : "") + " "
                + name(decision.subject()) + (decision.reasons().isEmpty() ? "" : ": " + text(String.join("; ", decision.reasons())));
    }

    private static String alert(AlertLine alert) {
        return alert.at() + " " + name(alert.transition()) + " " + name(alert.subject()) + " (" + name(alert.severity()) + "): "
                + text(alert.message());
    }

    private static String disabled(DisabledClass disabled) {
        return name(disabled.strategyClass()) + " since " + disabled.since() + " by " + name(disabled.source()) + ": "
                + text(disabled.reason());
    }

    static String bps(double value) {
        return String.format(Locale.ROOT, "%.2f bps", value);
    }

    static String percent(Double fraction) {
        return fraction == null ? "n/a" : String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    static String ratio(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String name(String untrusted) {
        return OneLineText.of(untrusted, MAX_NAME);
    }

    private static String text(String untrusted) {
        return OneLineText.of(untrusted, MAX_TEXT);
    }
}
