package com.metasupervisor.reporting.notify;

import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.domain.report.DecisionLine;
import com.metasupervisor.reporting.domain.report.ProposalFacts;
import com.metasupervisor.reporting.domain.report.Reallocation;
import com.metasupervisor.reporting.domain.report.WeightChange;
import com.metasupervisor.streams.check.ArgChecker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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
    /** Most patches listed one per line in a proposal notification; the rest are counted in one line. */
    static final int MAX_PATCHES = 20;

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

    /**
     * A promotion-loop proposal: its mode, time and where it was written, the patches counted per decision, then each
     * patch "target: old → new (decision, reasons)", at most {@value #MAX_PATCHES} (the others counted in one line).
     * Targets, values and reasons are untrusted: each cut like a name or a reason, on one line.
     */
    public static Notification proposal(ProposalFacts proposal) {
        ArgChecker.notNull(proposal, "proposal");
        List<String> lines = new ArrayList<>();
        lines.add("Proposal id: " + name(proposal.proposalId()));
        lines.add("Mode: " + name(proposal.mode()));
        lines.add("Time: " + time(proposal.at()));
        if (proposal.outputPath() != null) {
            lines.add("Written to: " + text(proposal.outputPath()));
        }
        Map<String, Integer> counts = new TreeMap<>();
        proposal.patches().forEach(p -> counts.merge(p.decision(), 1, Integer::sum));
        if (counts.isEmpty()) {
            lines.add("No patch evaluated.");
        }
        counts.forEach((decision, n) -> lines.add(name(decision) + ": " + n + " patch(es)"));
        for (ProposalFacts.Patch p : proposal.patches().subList(0, Math.min(MAX_PATCHES, proposal.patches().size()))) {
            String applied = p.appliedValue() == null || p.appliedValue().equals(p.newValue()) ? ""
                    : " (applied: " + name(p.appliedValue()) + ")";
            String why = p.reasons().isEmpty() ? "" : ", " + text(String.join("; ", p.reasons()));
            lines.add(name(p.target()) + ": " + name(p.oldValue()) + " → " + name(p.newValue()) + applied
                    + " (" + name(p.decision()) + why + ")");
        }
        if (proposal.patches().size() > MAX_PATCHES) {
            lines.add("… and " + (proposal.patches().size() - MAX_PATCHES) + " more patch(es) not listed");
        }
        return new Notification(NotificationKind.PROPOSAL,
                "Promotion-loop proposal " + name(proposal.proposalId()) + " (" + name(proposal.mode()) + ")", lines);
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
