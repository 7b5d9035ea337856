package com.metasupervisor.reporting.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The live PROMOTE / RETIRE / KILL decisions gathered over one debounce window: one pull request "Meta-Supervisor:
 * Promotions / Retirements". The constructor refuses anything else (HOLD, class decisions, dry runs change nothing
 * in the config repository); {@link #ofEligible} filters a window's decisions down to those. A decision replayed
 * with the same id is counted once; two different decisions with one id are refused.
 *
 * <p>Everything rendered depends on the set of decisions only, never on arrival order, so a retry after a crash
 * rebuilds the same branch, title and body.
 *
 * @param decisions the decisions, sorted by subject, time, id
 */
public record DecisionBatch(List<DecisionFacts> decisions) {

    public static final String TITLE = "Meta-Supervisor: Promotions / Retirements";
    public static final String BRANCH_PREFIX = "meta-supervisor/decisions-";
    /** GitHub refuses a pull request body over 65 536 characters; this leaves room for a footer a backend may add. */
    public static final int MAX_BODY_CHARS = 60_000;
    /** Untrusted names (agent, class, regime) and reasons are cut to this many code points in the body. */
    static final int MAX_NAME = 300;
    static final int MAX_REASON = 1_000;

    private static final Comparator<DecisionFacts> ORDER = Comparator.comparing(DecisionFacts::subject)
            .thenComparing(DecisionFacts::decidedAt).thenComparing(DecisionFacts::decisionId);

    public DecisionBatch {
        ArgChecker.notEmpty(decisions, "decisions");
        Map<String, DecisionFacts> byId = new TreeMap<>();
        for (DecisionFacts d : decisions) {
            ArgChecker.notNull(d, "decision");
            ArgChecker.isTrue(d.opensAgentPullRequest(), "a decision batch holds live PROMOTE / RETIRE / KILL decisions only, "
                    + "not " + (d.dryRun() ? "a dry-run " : "") + d.kind() + " (" + d.decisionId() + ")");
            DecisionFacts before = byId.putIfAbsent(d.decisionId(), d);
            ArgChecker.isTrue(before == null || before.equals(d), "two different decisions share the id " + d.decisionId());
        }
        List<DecisionFacts> sorted = new ArrayList<>(byId.values());
        sorted.sort(ORDER);
        decisions = List.copyOf(sorted);
    }

    /** The window's decisions that open a pull request, or empty when none does (a window of HOLDs and dry runs). */
    public static Optional<DecisionBatch> ofEligible(Collection<DecisionFacts> window) {
        ArgChecker.notNull(window, "window");
        List<DecisionFacts> eligible = window.stream().filter(DecisionFacts::opensAgentPullRequest).toList();
        return eligible.isEmpty() ? Optional.empty() : Optional.of(new DecisionBatch(eligible));
    }

    /** The decision ids, sorted. */
    public List<String> decisionIds() {
        return decisions.stream().map(DecisionFacts::decisionId).sorted().toList();
    }

    /** {@code meta-supervisor/decisions-<12 hex>}: SHA-256 of the sorted decision ids, so a retry finds the branch. */
    public String branchName() {
        return BRANCH_PREFIX + DecisionSetHash.of(decisionIds());
    }

    public String title() {
        return TITLE;
    }

    /**
     * Markdown: a summary line, then {@code ### PROMOTIONS}, {@code ### RETIREMENTS}, {@code ### KILLS} (only the
     * non-empty ones), each agent on a line with its class, regime and time, its reasons and its metrics (every figure
     * the rules used, by name) as sub-items, then the decision ids. Untrusted text is escaped ({@link InertMarkdown}).
     * Over {@link #MAX_BODY_CHARS}, reasons and metrics are left out (a note says so), then each list is cut to its
     * first entries with "… and N more": the branch and the ledger, not the body, identify the decision set.
     */
    public String body() {
        String full = render(true, decisions.size());
        if (full.length() <= MAX_BODY_CHARS) {
            return full;
        }
        int limit = decisions.size();
        String compact = render(false, limit);
        while (compact.length() > MAX_BODY_CHARS && limit > 1) {
            limit = limit / 2;
            compact = render(false, limit);
        }
        return compact;
    }

    private String render(boolean details, int maxPerList) {
        Map<DecisionKind, List<DecisionFacts>> sections = new LinkedHashMap<>();
        sections.put(DecisionKind.PROMOTE, new ArrayList<>());
        sections.put(DecisionKind.RETIRE, new ArrayList<>());
        sections.put(DecisionKind.KILL, new ArrayList<>());
        decisions.forEach(d -> sections.get(d.kind()).add(d));

        StringBuilder md = new StringBuilder();
        md.append("Governance decisions for the config repository: ")
                .append(count(sections.get(DecisionKind.PROMOTE).size(), "promotion", "promotions")).append(", ")
                .append(count(sections.get(DecisionKind.RETIRE).size(), "retirement", "retirements")).append(", ")
                .append(count(sections.get(DecisionKind.KILL).size(), "kill", "kills")).append(".\n");
        if (!details) {
            md.append("\nReasons and metrics are left out to keep this description within GitHub's size limit: "
                    + "each decision's are on the governance.decisions topic.\n");
        }
        section(md, "PROMOTIONS", sections.get(DecisionKind.PROMOTE), details, maxPerList);
        section(md, "RETIREMENTS", sections.get(DecisionKind.RETIRE), details, maxPerList);
        section(md, "KILLS", sections.get(DecisionKind.KILL), details, maxPerList);
        md.append("\n### Decision ids\n");
        List<String> ids = decisionIds();
        ids.stream().limit(maxPerList).forEach(id -> md.append("- ").append(InertMarkdown.inline(id, MAX_NAME + 40)).append('\n'));
        more(md, ids.size() - maxPerList);
        return md.toString();
    }

    private static void section(StringBuilder md, String heading, List<DecisionFacts> decisions, boolean details,
                                int maxPerList) {
        if (decisions.isEmpty()) {
            return;
        }
        md.append("\n### ").append(heading).append('\n');
        for (DecisionFacts d : decisions.subList(0, Math.min(maxPerList, decisions.size()))) {
            md.append("- **").append(InertMarkdown.inline(d.subject(), MAX_NAME)).append("**: class ")
                    .append(d.strategyClass() == null ? "unknown" : InertMarkdown.inline(d.strategyClass(), MAX_NAME))
                    .append(", regime ").append(d.regime() == null ? "unknown" : InertMarkdown.inline(d.regime(), MAX_NAME))
                    .append(", decided ").append(d.decidedAt()).append('\n');
            if (!details) {
                continue;
            }
            for (String reason : d.reasons()) {
                md.append("  - ").append(InertMarkdown.inline(reason, MAX_REASON)).append('\n');
            }
            if (!d.metrics().isEmpty()) {
                md.append("  - metrics: ");
                String sep = "";
                for (Map.Entry<String, Double> m : d.metrics().entrySet()) {
                    md.append(sep).append(InertMarkdown.inline(m.getKey(), MAX_NAME)).append(" = ")
                            .append(InertMarkdown.figure(m.getValue()));
                    sep = ", ";
                }
                md.append('\n');
            }
        }
        more(md, decisions.size() - maxPerList);
    }

    private static void more(StringBuilder md, int left) {
        if (left > 0) {
            md.append("- … and ").append(left).append(" more\n");
        }
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
