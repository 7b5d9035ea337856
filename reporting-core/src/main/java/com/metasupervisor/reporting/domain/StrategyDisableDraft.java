package com.metasupervisor.reporting.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pull request that records a strategy class DISABLED by governance: title "[AUTO] Disable strategy: <class>",
 * a body with the class's figures (CVaR, hit rate, PnL, drawdown), regime, reasons and time, and a branch derived
 * from the decision, so a retry finds it. Built from a live DISABLE_CLASS decision only (a dry run changes nothing).
 *
 * @param decision the DISABLE_CLASS decision (subject = the class)
 */
public record StrategyDisableDraft(DecisionFacts decision) {

    public static final String BRANCH_PREFIX = "meta-supervisor/disable-";
    /** Slugs longer than this are cut: the hash, not the slug, makes the branch unique. */
    static final int MAX_SLUG = 40;
    /** GitHub titles are at most 256 characters: the class name is cut to 100 code points (≤ 2 characters each escaped). */
    static final int MAX_TITLE_NAME = 100;

    /** The figures shown, in this order: metric name in the decision → label. */
    private static final List<Map.Entry<String, String>> FIGURES = List.of(
            Map.entry("cvar95_shortfall_bps", "CVaR 95 shortfall, current regime (bps)"),
            Map.entry("cvar_rows", "CVaR rows"),
            Map.entry("hit_rate", "hit rate"),
            Map.entry("pnl_bps", "PnL over the window (bps)"),
            Map.entry("max_drawdown_bps", "max drawdown (bps)"),
            Map.entry("rows", "reconciled rows"));

    public StrategyDisableDraft {
        ArgChecker.notNull(decision, "decision");
        ArgChecker.isTrue(decision.kind() == DecisionKind.DISABLE_CLASS && !decision.dryRun(),
                "a strategy disable draft needs a live DISABLE_CLASS decision, not " + (decision.dryRun() ? "a dry-run " : "")
                        + decision.kind() + " (" + decision.decisionId() + ")");
    }

    public String strategyClass() {
        return decision.strategyClass() == null ? decision.subject() : decision.strategyClass();
    }

    public String title() {
        return "[AUTO] Disable strategy: " + InertMarkdown.inline(strategyClass(), MAX_TITLE_NAME);
    }

    /** {@code meta-supervisor/disable-<slug>-<12 hex of SHA-256 of the decision id>}: a valid git ref for any class name. */
    public String branchName() {
        return BRANCH_PREFIX + slug(strategyClass()) + "-" + DecisionSetHash.of(List.of(decision.decisionId()));
    }

    public String body() {
        StringBuilder md = new StringBuilder();
        md.append("Strategy class **").append(InertMarkdown.inline(strategyClass(), DecisionBatch.MAX_NAME))
                .append("** was DISABLED by governance at ").append(decision.decidedAt())
                .append(" (regime ").append(decision.regime() == null ? "unknown" : InertMarkdown.inline(decision.regime(), DecisionBatch.MAX_NAME))
                .append("). Its agents are retired; merging records DISABLED in the kill list.\n\n");
        md.append("| figure | value |\n|---|---|\n");
        for (Map.Entry<String, String> f : FIGURES) {
            Double v = decision.metrics().get(f.getKey());
            md.append("| ").append(f.getValue()).append(" | ").append(v == null ? "n/a" : InertMarkdown.figure(v)).append(" |\n");
        }
        md.append("\n### Reasons\n");
        if (decision.reasons().isEmpty()) {
            md.append("- (none given)\n");
        }
        decision.reasons().forEach(r -> md.append("- ").append(InertMarkdown.inline(r, DecisionBatch.MAX_REASON)).append('\n'));
        md.append("\n### Decision id\n- ").append(InertMarkdown.inline(decision.decisionId(), DecisionBatch.MAX_NAME + 40)).append('\n');
        return md.toString();
    }

    /**
     * Lower-case ASCII letters and digits of the name (accents dropped), every other run as one {@code -}, no
     * leading or trailing {@code -}, at most {@link #MAX_SLUG} characters; {@code class} when nothing is left.
     */
    static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < ascii.length() && out.length() < MAX_SLUG; i++) {
            char c = ascii.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out.append(c);
            } else if (Character.getType(c) != Character.NON_SPACING_MARK && !out.isEmpty() && out.charAt(out.length() - 1) != '-') {
                out.append('-');
            }
        }
        while (!out.isEmpty() && out.charAt(out.length() - 1) == '-') {
            out.setLength(out.length() - 1);
        }
        return out.isEmpty() ? "class" : out.toString();
    }
}
