package com.metasupervisor.reporting.pdf;

import com.metasupervisor.reporting.domain.DailyPnl;
import com.metasupervisor.reporting.domain.MonthlyReturns;
import com.metasupervisor.reporting.domain.RollingSharpe;
import com.metasupervisor.reporting.domain.TearSheetFigures;
import com.metasupervisor.reporting.domain.report.ReportPeriod;
import com.metasupervisor.reporting.domain.report.WeeklyReport;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Acceptance 5: the 200-agent, 8-week report paginates, prints the figures it was given, survives hostile names. */
class LpReportPdfTest {

    private static final int AGENTS = 200;
    private static final String AGENT_HEADER = "Agent Class PnL (bps) Rows Hit rate Sharpe 30d Weight Status Decision";

    private static WeeklyReportFixture plain;
    private static byte[] plainPdf;
    private static List<String> plainPages;

    @BeforeAll
    static void renderPlain() throws IOException {
        plain = new WeeklyReportFixture(13, WeeklyReportFixture.plainNames(AGENTS), WeeklyReportFixture.PLAIN_TEXTS, 56);
        plainPdf = LpReportPdf.render(plain.report);
        plainPages = pageTexts(plainPdf);
        PdfPages.toPng(plainPdf, Path.of("/tmp/lp-pages"), 110);
    }

    @Test
    void theAgentTableSpansSeveralPagesWithItsHeaderOnEachAndEveryAgentOnce() {
        assertThat(plainPages.size()).isGreaterThan(1);
        List<Integer> tablePages = new ArrayList<>();
        for (int p = 0; p < plainPages.size(); p++) {
            if (lines(plainPages.get(p)).stream().anyMatch(l -> l.startsWith("agent-"))) {
                tablePages.add(p);
            }
        }
        assertThat(tablePages).hasSizeGreaterThanOrEqualTo(3);
        for (int p : tablePages) {
            assertThat(lines(plainPages.get(p))).as("page %d", p + 1).contains(AGENT_HEADER);
        }
        for (int i = 1; i < tablePages.size(); i++) {
            assertThat(tablePages.get(i)).isEqualTo(tablePages.get(i - 1) + 1);
        }
        List<String> rows = tablePages.stream().flatMap(p -> lines(plainPages.get(p)).stream())
                .filter(l -> l.startsWith("agent-")).toList();
        assertThat(rows).hasSize(AGENTS);
        for (String name : WeeklyReportFixture.plainNames(AGENTS)) {
            assertThat(rows.stream().filter(r -> r.startsWith(name + " "))).as(name).hasSize(1);
        }
    }

    @Test
    void everyPageSaysWhichPageOfHowManyItIs() {
        int n = plainPages.size();
        for (int p = 0; p < n; p++) {
            assertThat(plainPages.get(p)).contains("page " + (p + 1) + " of " + n);
        }
    }

    @Test
    void keyMetricsMatchAnIndependentComputationFromTheDailySeries() {
        String text = plainPages.getFirst();
        double[] week = plain.weekPnl;
        double[] history = plain.fleetPnl;
        assertThat(lines(text)).contains(
                "Cumulative PnL (bps) " + f1(sum(week)) + " " + f1(sum(history)),
                "Sharpe (annualised) " + f2(sharpe(week)) + " " + f2(sharpe(history)),
                "Max drawdown (bps) " + f1(maxDrawdown(week)) + " " + f1(maxDrawdown(history)),
                "Win days (% of non-flat days) " + pct(winRate(week)) + " " + pct(winRate(history)),
                "Best day (bps) " + f1(Arrays.stream(week).max().orElseThrow()) + " "
                        + f1(Arrays.stream(history).max().orElseThrow()),
                "Worst day (bps) " + f1(Arrays.stream(week).min().orElseThrow()) + " "
                        + f1(Arrays.stream(history).min().orElseThrow()),
                "Days 7 56");
        long hits = plain.hitsAndRows.values().stream().mapToLong(h -> h[0]).sum();
        long rows = plain.hitsAndRows.values().stream().mapToLong(h -> h[1]).sum();
        assertThat(text).contains("This week: fleet PnL " + f1(sum(week)) + " bps · max drawdown "
                + f1(maxDrawdown(week)) + " bps · hit rate " + pct((double) hits / rows) + " · Sharpe "
                + f2(sharpe(week)));
    }

    /**
     * The other key metrics, each recomputed here from the daily series by its definition (README "Definitions"), not
     * through TearSheetFigures: week and history columns both.
     */
    @Test
    void everyOtherKeyMetricMatchesItsDefinitionComputedFromTheDailySeries() {
        List<String> text = lines(plainPages.getFirst());
        double[] week = plain.weekPnl;
        double[] history = plain.fleetPnl;
        LocalDate weekFrom = WeeklyReportFixture.LAST_DAY.minusDays(week.length - 1);
        LocalDate historyFrom = WeeklyReportFixture.LAST_DAY.minusDays(history.length - 1);
        assertThat(text).contains(
                "Sortino (annualised) " + fixed(sortino(week), 2) + " " + fixed(sortino(history), 2),
                "Calmar " + fixed(calmar(week), 2) + " " + fixed(calmar(history), 2),
                "Volatility (annualised, bps) " + fixed(volatility(week), 1) + " " + fixed(volatility(history), 1),
                "Skew " + fixed(skew(week), 2) + " " + fixed(skew(history), 2),
                "Excess kurtosis " + fixed(excessKurtosis(week), 2) + " " + fixed(excessKurtosis(history), 2),
                "Daily VaR 95 (bps) " + fixed(percentile(week, 5), 1) + " " + fixed(percentile(history, 5), 1),
                "Daily CVaR 95 (bps) " + fixed(cvar95(week), 1) + " " + fixed(cvar95(history), 1),
                "Tail ratio " + fixed(tailRatio(week), 2) + " " + fixed(tailRatio(history), 2),
                "Profit factor " + fixed(profitFactor(week), 2) + " " + fixed(profitFactor(history), 2),
                "Max drawdown peak / trough / recovery " + maxDrawdownDates(week, weekFrom) + " "
                        + maxDrawdownDates(history, historyFrom),
                "Longest drawdown (days) " + longestDrawdownDays(week) + " " + longestDrawdownDays(history));
        // the fixture is rich enough that these are figures, not n/a (a test of "n/a" = "n/a" would prove little)
        assertThat(List.of(sortino(history), calmar(history), skew(history), excessKurtosis(history), tailRatio(history),
                profitFactor(history))).doesNotContainNull();
        assertThat(maxDrawdownDates(history, historyFrom)).doesNotContain(FigureFormat.NA);
        assertThat(longestDrawdownDays(history)).isGreaterThan(1);
    }

    @Test
    void theChartsAreVectorsWithoutAnyImage() throws IOException {
        try (PDDocument document = Loader.loadPDF(plainPdf)) {
            int pagesWithForms = 0;
            for (PDPage page : document.getPages()) {
                assertThat(images(page.getResources())).isZero();
                if (forms(page.getResources()) > 0) {
                    pagesWithForms++;
                }
            }
            // equity, underwater, daily bars, rolling Sharpe, allocation: two pages at least
            assertThat(pagesWithForms).isGreaterThanOrEqualTo(2);
        }
        assertThat(String.join("\n", plainPages)).doesNotContain("Equity curve"); // chart text is paths, not text
    }

    @Test
    void theMonthlyHeatmapShowsOnlyWhenTheHistorySpansMonths() throws IOException {
        // the fixture's last day is 2026-11-29: 28 days stay in November, 90 reach back into August
        WeeklyReportFixture oneMonth = new WeeklyReportFixture(5, WeeklyReportFixture.plainNames(20),
                WeeklyReportFixture.PLAIN_TEXTS, 28);
        WeeklyReportFixture threeMonths = new WeeklyReportFixture(5, WeeklyReportFixture.plainNames(20),
                WeeklyReportFixture.PLAIN_TEXTS, 90);
        assertThat(String.join("\n", pageTexts(LpReportPdf.render(oneMonth.report))))
                .doesNotContain(LpReportPdf.HEATMAP_HEADING);
        String text = String.join("\n", pageTexts(LpReportPdf.render(threeMonths.report)));
        assertThat(text).contains(LpReportPdf.HEATMAP_HEADING);
        String november = f1(sum(Arrays.copyOfRange(threeMonths.fleetPnl, 90 - 29, 90)));
        assertThat(lines(text)).anyMatch(l -> l.startsWith("2026 ") && l.contains(" " + november + " "));
    }

    @Test
    void hostileNamesNeitherCrashNorBreakTheLayout() throws IOException {
        List<String> hostile = List.of("名前エージェント🚀🔥", "وكيل-التداول-السريع", "סוכן מסחר", "x".repeat(300),
                "nul\u0000in\nthe\rmiddle\tof", "\u202Eevil-override\u202C", ") Tj ET BT (x) Tj", "\\", "(", "/Name",
                "\u0007bell\u001b[31m", "e\u0301\u0301\u0301-zalgo", "\uD800lonely-surrogate", "");
        List<String> names = new ArrayList<>(hostile);
        names.addAll(WeeklyReportFixture.plainNames(AGENTS).subList(hostile.size(), AGENTS));
        WeeklyReportFixture nasty = new WeeklyReportFixture(13, names, hostile, 56);
        byte[] pdf = LpReportPdf.render(nasty.report);
        PdfPages.toPng(pdf, Path.of("/tmp/lp-pages-hostile"), 110);
        WeeklyReportFixture plainSameCount = new WeeklyReportFixture(13, WeeklyReportFixture.plainNames(AGENTS),
                List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11", "c12", "c13"), 56);

        List<String> pages = pageTexts(pdf);
        assertThat(pages).hasSize(pageTexts(LpReportPdf.render(plainSameCount.report)).size());
        String all = String.join("\n", pages);
        assertThat(all).contains(") Tj ET BT (x) Tj", "/Name", "?????", "x".repeat(40) + CellText.ELLIPSIS)
                .doesNotContain("\u0000", "\u202E", "\u0007", "\u001b", "x".repeat(300));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            GlyphBounds bounds = new GlyphBounds();
            bounds.getText(document);
            assertThat(bounds.glyphs).isGreaterThan(10_000);
            assertThat(bounds.outside).as("glyphs outside the page margins").isEmpty();
        }
    }

    @Test
    void aOneDayReportWithNothingElseSaysNaAndNoneInsteadOfFailing() throws IOException {
        DailyPnl oneDay = DailyPnl.consecutive(WeeklyReportFixture.LAST_DAY, 0.0);
        TearSheetFigures figures = TearSheetFigures.of(oneDay);
        WeeklyReport empty = new WeeklyReport(new ReportPeriod(WeeklyReportFixture.LAST_DAY,
                WeeklyReportFixture.LAST_DAY, WeeklyReportFixture.LAST_DAY, ZoneId.of("Europe/Zurich")),
                Instant.parse("2026-11-30T07:00:00Z"), oneDay, figures, figures, List.of(), RollingSharpe.of(oneDay, 30),
                MonthlyReturns.of(oneDay), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of());
        List<String> pages = pageTexts(LpReportPdf.render(empty));
        String text = String.join("\n", pages);
        assertThat(pages).hasSize(2);
        assertThat(lines(text)).contains("Sharpe (annualised) n/a n/a", "Win days (% of non-flat days) n/a n/a",
                "No drawdown in the history.", "No allocation was published in the history.",
                "No weight changed this week.", "No agent in the history.", "No decision this week.",
                "No proposals this week.", "No alert this week.", "Generated at 2026-11-30 08:00 Europe/Zurich");
        assertThat(text).doesNotContain(LpReportPdf.HEATMAP_HEADING);
    }

    @Test
    void theProposalsSectionFollowsTheDecisionsAndListsEachProposalWithItsDecisionCounts() {
        String text = String.join("\n", plainPages);
        assertThat(text.indexOf(LpReportPdf.PROPOSALS_HEADING)).isGreaterThan(text.indexOf("Decisions of the week"));
        assertThat(text.indexOf("Disabled strategies")).isGreaterThan(text.indexOf(LpReportPdf.PROPOSALS_HEADING));
        // columns: patches, then accepted, pending, rejected by policy, rejected by sanity check
        assertThat(lines(text)).contains("Time Proposal Mode Patches Accepted Pending Rej. policy Rej. sanity",
                "2026-11-23 09:00 20261123T090000Z_ab12cd MANUAL_ONLY 3 2 0 1 0",
                "2026-11-25 09:00 p-mean-reversion BOUNDED_AUTO 1 0 0 0 1");
        assertThat(text).doesNotContain("No proposals this week.");
    }

    @Test
    void aNameThatIsOnlyControlCharactersIsShownAsNoName() {
        assertThat(LpReportPdf.named("\u0000\n\u202E")).isEqualTo(LpReportPdf.NO_NAME);
        assertThat(LpReportPdf.named("")).isEqualTo(LpReportPdf.NO_NAME);
        assertThat(LpReportPdf.named("agent-7")).isEqualTo("agent-7");
    }

    /** Every glyph's box must lie within the page margins. */
    private static final class GlyphBounds extends PDFTextStripper {
        final List<String> outside = new ArrayList<>();
        int glyphs;

        GlyphBounds() throws IOException {
        }

        @Override
        protected void writeString(String text, List<TextPosition> positions) {
            for (TextPosition p : positions) {
                glyphs++;
                float left = p.getXDirAdj();
                float right = left + p.getWidthDirAdj();
                if (left < PageFlow.LEFT - 0.5f || right > PageFlow.RIGHT + 0.5f
                        || p.getYDirAdj() < 0 || p.getYDirAdj() > PageFlow.SIZE.getHeight()) {
                    outside.add("page " + getCurrentPageNo() + " '" + p.getUnicode() + "' x " + left + ".." + right
                            + " in '" + text + "'");
                }
            }
        }
    }

    private static int images(PDResources resources) throws IOException {
        int n = 0;
        if (resources == null) {
            return 0;
        }
        for (COSName name : resources.getXObjectNames()) {
            PDXObject x = resources.getXObject(name);
            if (x instanceof PDImageXObject) {
                n++;
            } else if (x instanceof PDFormXObject form) {
                n += images(form.getResources());
            }
        }
        return n;
    }

    private static int forms(PDResources resources) throws IOException {
        int n = 0;
        for (COSName name : resources.getXObjectNames()) {
            if (resources.getXObject(name) instanceof PDFormXObject) {
                n++;
            }
        }
        return n;
    }

    static List<String> pageTexts(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            List<String> pages = new ArrayList<>();
            for (int p = 1; p <= document.getNumberOfPages(); p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                pages.add(stripper.getText(document));
            }
            return pages;
        }
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).toList();
    }

    private static double sum(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    private static double sharpe(double[] x) {
        double mean = sum(x) / x.length;
        double squares = 0;
        for (double v : x) {
            squares += (v - mean) * (v - mean);
        }
        return mean / Math.sqrt(squares / (x.length - 1)) * Math.sqrt(365);
    }

    private static double maxDrawdown(double[] x) {
        double cumulative = 0;
        double peak = 0;
        double worst = 0;
        for (double v : x) {
            cumulative += v;
            peak = Math.max(peak, cumulative);
            worst = Math.min(worst, cumulative - peak);
        }
        return worst;
    }

    private static double winRate(double[] x) {
        return (double) Arrays.stream(x).filter(v -> v > 0).count() / Arrays.stream(x).filter(v -> v != 0).count();
    }

    // ---------------------------------------------- the key metrics by their definitions (README "Definitions")

    private static final double ZERO = 1e-9;

    private static double mean(double[] x) {
        return sum(x) / x.length;
    }

    /** Sample standard deviation (n − 1). */
    private static double std(double[] x) {
        double m = mean(x);
        double squares = 0;
        for (double v : x) {
            squares += (v - m) * (v - m);
        }
        return Math.sqrt(squares / (x.length - 1));
    }

    /** mean / √(Σ min(x, 0)² / n) · √365; null without a downside. */
    private static Double sortino(double[] x) {
        double downside = 0;
        for (double v : x) {
            downside += Math.min(v, 0) * Math.min(v, 0);
        }
        double deviation = Math.sqrt(downside / x.length);
        return deviation < ZERO ? null : mean(x) / deviation * Math.sqrt(365);
    }

    /** mean · 365 / |max drawdown|; null without a drawdown. */
    private static Double calmar(double[] x) {
        double dd = maxDrawdown(x);
        return dd == 0 ? null : mean(x) * 365 / Math.abs(dd);
    }

    private static Double volatility(double[] x) {
        return std(x) * Math.sqrt(365);
    }

    /** Population central moment of order k. */
    private static double moment(double[] x, int k) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += Math.pow(v - m, k);
        }
        return s / x.length;
    }

    /** Adjusted Fisher–Pearson G1 = √(n(n−1)) / (n−2) · m3 / m2^1.5 (pandas skew). */
    private static Double skew(double[] x) {
        int n = x.length;
        if (n < 3 || std(x) < ZERO) {
            return null;
        }
        return Math.sqrt((double) n * (n - 1)) / (n - 2) * moment(x, 3) / Math.pow(moment(x, 2), 1.5);
    }

    /** Unbiased G2 = (n−1) / ((n−2)(n−3)) · ((n+1) g2 + 6), g2 = m4 / m2² − 3 (pandas kurt). */
    private static Double excessKurtosis(double[] x) {
        int n = x.length;
        if (n < 4 || std(x) < ZERO) {
            return null;
        }
        double g2 = moment(x, 4) / (moment(x, 2) * moment(x, 2)) - 3;
        return (n - 1.0) / ((n - 2.0) * (n - 3.0)) * ((n + 1) * g2 + 6);
    }

    /** numpy's default percentile: linear between the sorted values around rank q/100 · (n − 1). */
    private static double percentile(double[] x, double q) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double rank = q / 100 * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    /** Mean of the days at or below the 5th percentile, signed. */
    private static double cvar95(double[] x) {
        double var = percentile(x, 5);
        return Arrays.stream(x).filter(v -> v <= var).average().orElseThrow();
    }

    /** 95th percentile / |5th percentile|; null when the 5th is 0. */
    private static Double tailRatio(double[] x) {
        double low = Math.abs(percentile(x, 5));
        return low < ZERO ? null : percentile(x, 95) / low;
    }

    /** Σ gains / |Σ losses|; null without a loss. */
    private static Double profitFactor(double[] x) {
        double gains = Arrays.stream(x).filter(v -> v > 0).sum();
        double losses = Arrays.stream(x).filter(v -> v < 0).sum();
        return losses == 0 ? null : gains / Math.abs(losses);
    }

    /**
     * "peak / trough / recovery" of the deepest fall of the running sum below its high-water mark (from 0): peak = the
     * last day at the mark before it ("start" when the mark is the starting 0), trough = the first day of its lowest
     * point, recovery = the first day back at the mark ("not recovered" while under water); "n/a" without a fall.
     */
    private static String maxDrawdownDates(double[] x, LocalDate first) {
        double cumulative = 0;
        double mark = 0;
        int markDay = -1;
        double worst = 0;
        int worstPeak = -1;
        int worstTrough = -1;
        for (int i = 0; i < x.length; i++) {
            cumulative += x[i];
            if (cumulative >= mark) {
                mark = cumulative;
                markDay = i;
            } else if (cumulative - mark < worst) {
                worst = cumulative - mark;
                worstPeak = markDay;
                worstTrough = i;
            }
        }
        if (worstTrough < 0) {
            return FigureFormat.NA;
        }
        double peakValue = 0;
        for (int i = 0; i <= worstPeak; i++) {
            peakValue += x[i];
        }
        if (worstPeak < 0) {
            peakValue = 0;
        }
        cumulative = 0;
        int recovery = -1;
        for (int i = 0; i < x.length; i++) {
            cumulative += x[i];
            if (i > worstTrough && recovery < 0 && cumulative >= peakValue) {
                recovery = i;
            }
        }
        return (worstPeak < 0 ? "start" : first.plusDays(worstPeak).toString()) + " / " + first.plusDays(worstTrough)
                + " / " + (recovery < 0 ? "not recovered" : first.plusDays(recovery).toString());
    }

    /** The most calendar days under water: from the first day under to the day before recovery, or to the last day. */
    private static long longestDrawdownDays(double[] x) {
        double cumulative = 0;
        double mark = 0;
        int start = -1;
        long longest = 0;
        for (int i = 0; i < x.length; i++) {
            cumulative += x[i];
            if (cumulative >= mark) {
                mark = cumulative;
                if (start >= 0) {
                    longest = Math.max(longest, i - start);
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        return start >= 0 ? Math.max(longest, x.length - start) : longest;
    }

    /** As the report prints a figure: "n/a" for none, no sign on a zero. */
    private static String fixed(Double v, int decimals) {
        if (v == null) {
            return FigureFormat.NA;
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.matches("-0\\.?0*") ? s.substring(1) : s;
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
