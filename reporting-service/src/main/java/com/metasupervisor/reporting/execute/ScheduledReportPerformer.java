package com.metasupervisor.reporting.execute;

import com.metasupervisor.avro.ReportingAction;
import com.metasupervisor.reporting.domain.report.DailySummary;
import com.metasupervisor.reporting.domain.report.ReportPeriod;
import com.metasupervisor.reporting.domain.report.WeeklyReport;
import com.metasupervisor.reporting.ledger.ActionRequest;
import com.metasupervisor.reporting.ledger.DailySummaryRequest;
import com.metasupervisor.reporting.ledger.WeeklyReportRequest;
import com.metasupervisor.reporting.notify.Mailer;
import com.metasupervisor.reporting.pdf.LpReportPdf;
import com.metasupervisor.streams.files.AtomicFileWrite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * The scheduled reports, built from the report history when performed: the daily summary e-mail (EMAIL), the weekly
 * LP e-mail with its PDF attached (EMAIL) and the weekly PDF written to the report directory (LP_PDF). The history
 * must have been read up to the topics' end first (else retryable: the back-off waits for it). E-mails carry a
 * Message-ID derived from the action key; a file is replaced atomically, so a repeat after a crash is harmless.
 */
public final class ScheduledReportPerformer implements ActionPerformer {

    private final ReportHistorySource history;
    private final Optional<Mailer> mailer;
    private final Optional<Path> outputDir;
    private final int historyWeeks;
    private final Clock clock;

    /**
     * @param mailer       empty: e-mail is off, e-mail requests fail "not configured"
     * @param outputDir    empty: no report directory, file requests fail "not configured"
     * @param historyWeeks how many weeks of history a weekly report spans (its last week included)
     */
    public ScheduledReportPerformer(ReportHistorySource history, Optional<Mailer> mailer, Optional<Path> outputDir,
                                    int historyWeeks, Clock clock) {
        this.history = Objects.requireNonNull(history, "history");
        this.mailer = Objects.requireNonNull(mailer, "mailer");
        this.outputDir = Objects.requireNonNull(outputDir, "outputDir");
        this.historyWeeks = historyWeeks;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public PerformedAction perform(ReportingAction started, ActionRequest request) {
        return switch (request) {
            case DailySummaryRequest daily -> {
                Mailer m = mailer.orElseThrow(() -> notConfigured("reporting.email.enabled is false"));
                requireReady();
                DailySummary summary = history.snapshot(h -> h.daily(daily.day(), zone(daily.zone())));
                yield PerformedAction.at(m.sendDailySummary(started.getActionKey(), summary));
            }
            case WeeklyReportRequest weekly -> {
                if (weekly.delivery() == WeeklyReportRequest.Delivery.EMAIL && mailer.isEmpty()) {
                    throw notConfigured("reporting.email.enabled is false");
                }
                if (weekly.delivery() == WeeklyReportRequest.Delivery.FILE && outputDir.isEmpty()) {
                    throw notConfigured("reporting.lp-report.output-dir is not set");
                }
                requireReady();
                ReportPeriod period = new ReportPeriod(weekly.lastDay().minusDays(7L * historyWeeks - 1), weekly.firstDay(),
                        weekly.lastDay(), zone(weekly.zone()));
                WeeklyReport report = history.snapshot(h -> h.weekly(period, clock.instant()));
                byte[] pdf = LpReportPdf.render(report);
                if (weekly.delivery() == WeeklyReportRequest.Delivery.EMAIL) {
                    yield PerformedAction.at(mailer.get().sendWeeklyReport(started.getActionKey(), report, pdf));
                }
                Path file = outputDir.get().resolve(Mailer.weeklyAttachmentName(report));
                try {
                    AtomicFileWrite.replace(file, pdf);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
                }
                yield PerformedAction.at(file.toAbsolutePath().toString());
            }
            default -> throw new IllegalArgumentException("not a scheduled report: " + request.getClass().getSimpleName());
        };
    }

    private void requireReady() {
        if (!history.ready()) {
            // retryable: the feed catches up within the back-off
            throw new HistoryNotReadyException("the report history is still being read from the topics");
        }
    }

    private static IllegalArgumentException notConfigured(String why) {
        return new IllegalArgumentException("not configured: " + why);
    }

    private static ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a time zone: '" + zone + "'");
        }
    }

    /** The history has not caught up yet: passes with time, so retried (unlike an IllegalStateException). */
    static final class HistoryNotReadyException extends RuntimeException {
        HistoryNotReadyException(String message) {
            super(message);
        }
    }
}
