package com.metasupervisor.demo.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link DemoScore#text()}: the plain-text block the demo prints. Names come from the topics and the truth file, so
 * each is made printable on one line (control and line/paragraph-separator characters become '?') and capped in length.
 */
final class ScoreText {

    static final int MAX_NAME = 48;
    static final int MAX_LINE = 240;
    private static final String PASS = "✓";
    private static final String FAIL = "✗";

    private ScoreText() {
    }

    static String render(DemoScore s) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Scored against the truth (seed %d, %d days, %d agents): %d/%d checks passed",
                s.seed(), s.days(), s.agents(), s.verdicts().stream().filter(DemoScore.Verdict::passed).count(), s.verdicts().size()));
        int checkWidth = s.verdicts().stream().mapToInt(v -> oneLine(v.check()).length()).max().orElse(0);
        for (DemoScore.Verdict v : s.verdicts()) {
            lines.add("  " + (v.passed() ? PASS : FAIL) + " " + pad(oneLine(v.check()), checkWidth) + "  " + oneLine(v.detail()));
        }
        DemoScore.BrokenClassScore b = s.brokenClass();
        lines.add("  broken class " + oneLine(b.strategyClass()) + ": CRISIS " + (b.crisisEpisodes().isEmpty() ? "never"
                : String.join(", ", b.crisisEpisodes().stream().map(e -> e.from() + " → " + e.until()).toList()))
                + "; disabled " + (b.disabledAt() == null ? "never" : b.disabledAt().toString()));
        lines.add("");
        List<PaperFigures> table = new ArrayList<>(s.policies());
        table.add(s.equalWeightFleet());
        String header = "paper PnL";
        int nameWidth = Math.max(header.length(), table.stream().mapToInt(p -> label(p).length()).max().orElse(0));
        lines.add("  " + pad(header, nameWidth) + String.format(Locale.ROOT, "%12s %8s %12s", "cum bps", "Sharpe", "max DD bps"));
        for (PaperFigures p : table) {
            lines.add("  " + pad(label(p), nameWidth) + String.format(Locale.ROOT, "%12.1f %8s %12.1f",
                    p.cumulativePnlBps(), p.sharpe() == null ? "n/a" : String.format(Locale.ROOT, "%.2f", p.sharpe()), p.maxDrawdownBps()));
        }
        return String.join("\n", lines) + "\n";
    }

    private static String label(PaperFigures p) {
        return capped(oneLine(p.name()), MAX_NAME) + (p.active() ? " (active)" : "");
    }

    /** The text on one printable line: every control, format or line/paragraph-separator character replaced by '?', capped at {@link #MAX_LINE}. */
    static String oneLine(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            int type = Character.getType(c);
            boolean unprintable = Character.isISOControl(c) || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT;
            out.appendCodePoint(unprintable ? '?' : c);
        });
        return capped(out.toString(), MAX_LINE);
    }

    private static String capped(String text, int codePoints) {
        return text.codePointCount(0, text.length()) <= codePoints ? text : text.substring(0, text.offsetByCodePoints(0, codePoints)) + "…";
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
