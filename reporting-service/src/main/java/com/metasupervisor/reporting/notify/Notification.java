package com.metasupervisor.reporting.notify;

import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.domain.report.DecisionLine;
import com.metasupervisor.reporting.domain.report.Reallocation;
import com.metasupervisor.reporting.domain.report.WeightChange;
import com.metasupervisor.streams.check.ArgChecker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A webhook notification in plain words (SPEC §7 "Notifications"): a title and lines, each already on one line
 * ({@link OneLineText}); {@link SlackMessage} keeps it out of any markup.
 *
 * @param kind  what it is about ({@code reporting.webhook.kinds} filters on it)
 * @param title one line
 * @param lines one line each, in order
 */
public record Notification(NotificationKind kind, String title, List<String> lines) {

    /** Longest untrusted name or word kept in a title or line (an agent name of 300 characters is cut). */
    static final int MAX_NAME = 120;
    /** Longest untrusted sentence (a reason, an alert message) kept in a line. */
    static final int MAX_TEXT = 1000;

    public Notification {
        ArgChecker.notNull(kind, "kind");
        ArgChecker.notNull(title, "title");
        ArgChecker.notNull(lines, "lines");
        title = OneLineText.of(title);
        lines = lines.stream().map(OneLineText::of).toList();
    }

    /** A published allocation: snapshot, time, regime, turnover, then each change "agent: 12.0 % → 0.0 % (reason)". */
    public static Notification reallocation(Reallocation allocation) {
        ArgChecker.notNull(allocation, "allocation");
        List<String> lines = new ArrayList<>();
        lines.add("Snapshot: " + name(allocation.snapshotId()));
        lines.add("Time: " + time(allocation.at()));
        lines.add("Policy: " + name(allocation.policy()));
        lines.add("Regime: " + name(allocation.regime()));
        lines.add("Turnover: " + percent(allocation.turnover()));
        lines.add("Cash: " + percent(allocation.cash()));
        if (allocation.reasonForPublish() != null) {
            lines.add("Why: " + text(allocation.reasonForPublish()));
        }
        if (allocation.changes().isEmpty()) {
            lines.add("No agent's weight changed.");
        }
        for (WeightChange change : allocation.changes()) {
            lines.add(name(change.agent()) + ": " + percent(change.fromWeight()) + " → " + percent(change.toWeight())
                    + " (" + text(change.reason()) + ")");
        }
        return new Notification(NotificationKind.ALLOCATION,
                "Reallocation: " + allocation.changes().size() + " weight change(s), turnover " + percent(allocation.turnover()),
                lines);
    }

    /** An alert transition: subject, transition, severity, message. */
    public static Notification alert(AlertLine alert) {
        ArgChecker.notNull(alert, "alert");
        List<String> lines = new ArrayList<>();
        lines.add("Agent: " + name(alert.subject()));
        lines.add("Transition: " + name(alert.transition()));
        lines.add("Severity: " + name(alert.severity()));
        lines.add("Message: " + text(alert.message()));
        lines.add("Time: " + time(alert.at()));
        lines.add("Alert id: " + name(alert.alertId()));
        return new Notification(NotificationKind.ALERT,
                "Alert " + name(alert.transition()) + ": " + name(alert.subject()), lines);
    }

    /** A governance decision as the report lists it (no figures). */
    public static Notification decision(DecisionLine decision) {
        ArgChecker.notNull(decision, "decision");
        List<String> lines = new ArrayList<>();
        lines.add("Subject: " + name(decision.subject()));
        lines.add("Action: " + name(decision.action()) + (decision.dryRun() ? " (dry run: changes nothing)" : ""));
        lines.add("Class: " + name(decision.strategyClass()));
        lines.add("Time: " + time(decision.at()));
        decision.reasons().forEach(reason -> lines.add("Reason: " + text(reason)));
        lines.add("Decision id: " + name(decision.decisionId()));
        return new Notification(NotificationKind.DECISION, title(decision.action(), decision.subject(), decision.dryRun()), lines);
    }

    private static String title(String action, String subject, boolean dryRun) {
        return (dryRun ? "Decision (dry run) " : "Decision ") + name(action) + ": " + name(subject);
    }

    /** A weight or fraction as a percentage with one decimal: 0.12 → "12.0 %". */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    private static String time(Instant at) {
        return at == null ? "(none)" : at.toString();
    }

    private static String name(String untrusted) {
        return OneLineText.of(untrusted, MAX_NAME);
    }

    private static String text(String untrusted) {
        return OneLineText.of(untrusted, MAX_TEXT);
    }
}
