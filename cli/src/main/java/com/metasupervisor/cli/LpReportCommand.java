package com.metasupervisor.cli;

import com.metasupervisor.reporting.domain.report.ReportHistory;
import com.metasupervisor.reporting.domain.report.ReportPeriod;
import com.metasupervisor.reporting.domain.report.WeeklyReport;
import com.metasupervisor.reporting.feed.TopicHistoryFeed;
import com.metasupervisor.reporting.pdf.LpReportPdf;
import com.metasupervisor.reporting.pdf.PdfPages;
import com.metasupervisor.streams.files.AtomicFileWrite;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ms lp-report [--week <date>] [--from <date> --to <date>] ...}: the weekly LP report of a period, read from the
 * topics (the same history and PDF reporting-service builds on its schedule), written as a PDF and, on request, its
 * pages as PNG images.
 */
@Command(name = "lp-report",
        description = {"Renders the weekly LP report (SPEC §7) of a period from the topics to a PDF, and its pages to PNG.",
                "The period is the week (Monday to Sunday) holding --week, by default the last full week; or --from/--to.",
                "Exit status: 0 written, 1 the topics or the file could not be read or written, 2 usage."})
final class LpReportCommand implements Callable<Integer> {

    static final int DONE = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Option(names = "--week", paramLabel = "<date>", description = "Any day of the week to report (yyyy-mm-dd).")
    String week;

    @Option(names = "--from", paramLabel = "<date>", description = "First day of the period (yyyy-mm-dd), with --to.")
    String from;

    @Option(names = "--to", paramLabel = "<date>", description = "Last day of the period (yyyy-mm-dd, inclusive), with --from.")
    String to;

    @Option(names = "--zone", paramLabel = "<zone>", defaultValue = "UTC", description = "Time zone of the days (now ${DEFAULT-VALUE}).")
    String zone;

    @Option(names = "--history-weeks", paramLabel = "<n>", defaultValue = "8",
            description = "Weeks of history the series and figures cover, ending with the period (now ${DEFAULT-VALUE}).")
    int historyWeeks;

    @Option(names = "--horizon-hours", paramLabel = "<h>", defaultValue = "24",
            description = "The reconciled rows' horizon the PnL is taken at (now ${DEFAULT-VALUE}).")
    int horizonHours;

    @Option(names = "--rolling-sharpe-days", paramLabel = "<n>", defaultValue = "30", description = "Rolling Sharpe window (now ${DEFAULT-VALUE}).")
    int rollingSharpeDays;

    @Option(names = "--output", paramLabel = "<file>", description = "The PDF to write (default meta-supervisor-lp-<first day>.pdf).")
    Path output;

    @Option(names = "--png", paramLabel = "<dir>", description = "Also write each page as <dir>/page-<n>.png.")
    Path pngDir;

    @Option(names = "--dpi", paramLabel = "<dpi>", defaultValue = "110", description = "Resolution of the PNG pages (now ${DEFAULT-VALUE}).")
    int dpi;

    @Mixin
    BrokerOptions broker;

    @Spec
    CommandSpec spec;

    private final Clock clock;

    LpReportCommand() {
        this(Clock.systemUTC());
    }

    LpReportCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReportPeriod period;
        try {
            period = period();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            err.println("lp-report: " + e.getMessage());
            return USAGE;
        }
        ZoneId zoneId = period.zone();
        Instant replayFrom = period.historyFrom().atStartOfDay(zoneId).toInstant();
        Instant replayUntil = period.lastDay().plusDays(1).atStartOfDay(zoneId).toInstant();
        ReportHistory history = new ReportHistory(horizonHours, rollingSharpeDays);
        long facts;
        try (TopicHistoryFeed feed = TopicHistoryFeed.of(broker.connection(), broker.registry(), history, clock,
                Duration.between(replayFrom, replayUntil).plusDays(1))) {
            // records are stamped when written, after the facts they carry: read a day past the period (the report filters by time)
            facts = feed.replay(replayFrom, replayUntil.plus(Duration.ofDays(1)));
            if (feed.skipped() > 0) {
                err.println("lp-report: warning: " + feed.skipped() + " records could not be read and were skipped (see the log)");
            }
        } catch (RuntimeException e) {
            err.println("lp-report: reading the topics at " + broker.bootstrapServers + " failed: " + e.getMessage());
            return FAILED;
        }
        WeeklyReport report = history.weekly(period, clock.instant());
        Path pdf = output != null ? output : Path.of("meta-supervisor-lp-" + period.firstDay() + ".pdf");
        try {
            byte[] bytes = LpReportPdf.render(report);
            AtomicFileWrite.replace(pdf, bytes);
            out.printf("lp-report: %s to %s (%s), %d facts read, %d agents: %s%n", period.firstDay(), period.lastDay(), zoneId,
                    facts, report.agents().size(), pdf.toAbsolutePath().normalize());
            if (pngDir != null) {
                List<Path> pages = PdfPages.toPng(bytes, pngDir, dpi);
                out.printf("lp-report: %d pages as PNG in %s%n", pages.size(), pngDir.toAbsolutePath().normalize());
            }
            return DONE;
        } catch (IOException | RuntimeException e) {
            err.println("lp-report: writing " + pdf + " failed: " + e.getMessage());
            return FAILED;
        }
    }

    /** The period the options name; an IllegalArgumentException naming the option otherwise. */
    ReportPeriod period() {
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--zone: not a time zone: '" + zone + "'");
        }
        if (historyWeeks < 1) {
            throw new IllegalArgumentException("--history-weeks must be >= 1, was " + historyWeeks);
        }
        LocalDate first;
        LocalDate last;
        if (from != null || to != null) {
            if (from == null || to == null || week != null) {
                throw new IllegalArgumentException("--from and --to go together, without --week");
            }
            first = LocalDate.parse(from);
            last = LocalDate.parse(to);
            if (last.isBefore(first)) {
                throw new IllegalArgumentException("--to " + to + " is before --from " + from);
            }
        } else {
            LocalDate day = week != null ? LocalDate.parse(week)
                    : LocalDate.ofInstant(clock.instant(), zoneId).minusWeeks(1);
            first = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            last = first.plusDays(6);
        }
        LocalDate historyFrom = last.plusDays(1).minusWeeks(historyWeeks);
        return new ReportPeriod(historyFrom.isAfter(first) ? first : historyFrom, first, last, zoneId);
    }
}
