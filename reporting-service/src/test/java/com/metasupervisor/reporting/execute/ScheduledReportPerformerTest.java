package com.metasupervisor.reporting.execute;

import static com.metasupervisor.reporting.execute.ExecuteFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.reporting.config.LpReportSettings;
import com.metasupervisor.reporting.domain.report.ReportHistory;
import com.metasupervisor.reporting.ledger.DailySummaryRequest;
import com.metasupervisor.reporting.ledger.LedgerRecords;
import com.metasupervisor.reporting.ledger.WeeklyReportRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduledReportPerformerTest {

    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    private static final WeeklyReportRequest WEEK_FILE = new WeeklyReportRequest(LocalDate.parse("2026-11-23"),
            LocalDate.parse("2026-11-29"), "UTC", WeeklyReportRequest.Delivery.FILE);

    @TempDir
    Path dir;

    @Test
    void theWeeklyPdfIsWrittenToTheReportDirectoryAndTheReferenceIsItsPath() throws Exception {
        ReportHistory history = LpReportSettings.defaults().newHistory();
        ScheduledReportPerformer performer = new ScheduledReportPerformer(ReportHistorySource.fixed(history), Optional.empty(),
                Optional.of(dir), 8, CLOCK);
        PerformedAction done = performer.perform(LedgerRecords.started(WEEK_FILE, T0), WEEK_FILE);
        Path file = dir.resolve("meta-supervisor-lp-2026-11-23.pdf");
        assertThat(done.reference()).isEqualTo(file.toAbsolutePath().toString());
        byte[] pdf = Files.readAllBytes(file);
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        // a repeat (a crash before DONE) replaces the file with the same report
        performer.perform(LedgerRecords.started(WEEK_FILE, T0), WEEK_FILE);
        assertThat(Files.list(dir)).hasSize(1);
    }

    @Test
    void withoutItsDestinationARequestIsRefusedNotConfiguredAndAHistoryNotReadYetIsRetried() {
        ReportHistory history = LpReportSettings.defaults().newHistory();
        ScheduledReportPerformer nowhere = new ScheduledReportPerformer(ReportHistorySource.fixed(history), Optional.empty(),
                Optional.empty(), 8, CLOCK);
        DailySummaryRequest daily = new DailySummaryRequest(LocalDate.parse("2026-11-29"), "UTC");
        assertThatThrownBy(() -> nowhere.perform(LedgerRecords.started(daily, T0), daily))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not configured: reporting.email.enabled is false");
        assertThatThrownBy(() -> nowhere.perform(LedgerRecords.started(WEEK_FILE, T0), WEEK_FILE))
                .hasMessage("not configured: reporting.lp-report.output-dir is not set");

        ReportHistorySource reading = new ReportHistorySource() {
            @Override
            public boolean ready() {
                return false;
            }

            @Override
            public <T> T snapshot(Function<ReportHistory, T> fn) {
                return fn.apply(history);
            }
        };
        ScheduledReportPerformer early = new ScheduledReportPerformer(reading, Optional.empty(), Optional.of(dir), 8, CLOCK);
        assertThatThrownBy(() -> early.perform(LedgerRecords.started(WEEK_FILE, T0), WEEK_FILE))
                .satisfies(e -> assertThat(ActionFailure.of(e).retryable()).isTrue());
        assertThat(dir).isEmptyDirectory();
    }
}
