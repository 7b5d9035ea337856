package com.metasupervisor.reporting.topology;

import static com.metasupervisor.reporting.topology.PlannerDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.metasupervisor.reporting.ledger.ActionRequest;
import com.metasupervisor.reporting.ledger.DailySummaryRequest;
import com.metasupervisor.reporting.ledger.WeeklyReportRequest;
import com.metasupervisor.reporting.ledger.WeeklyReportRequest.Delivery;
import com.metasupervisor.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The daily summary and the weekly report on the wall clock: once per occurrence, across restarts, downtime and DST. */
class ReportingSchedulesTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    @Test
    void eachOccurrenceIsPlannedOnceAcrossARestart() {
        PlannerDriver p = new PlannerDriver(PlannerDriver.Settings.standard().withLpReportDir(Path.of("/var/reports")));
        try {
            p.advance(SECOND); // the first start: the schedules begin now, nothing before is caught up on
            p.advanceTo(Instant.parse("2026-03-03T06:59:59Z"), TEN_MINUTES);
            assertThat(p.planned()).isEmpty();
            p.advance(SECOND);
            assertThat(p.planned()).containsExactly(new DailySummaryRequest(LocalDate.parse("2026-03-02"), "UTC"));

            p = p.restart();
            p.advanceTo(Instant.parse("2026-03-03T08:00:00Z"), TEN_MINUTES);
            assertThat(p.planned()).as("the restart does not plan 07:00 again").isEmpty();

            p.advanceTo(Instant.parse("2026-03-09T07:00:00Z"), Duration.ofHours(1));
            List<ActionRequest> week = p.planned();
            assertThat(p.planned(week, DailySummaryRequest.class)).extracting(DailySummaryRequest::day)
                    .containsExactly(days("2026-03-03", "2026-03-08").toArray(LocalDate[]::new));
            assertThat(p.planned(week, WeeklyReportRequest.class))
                    .extracting(WeeklyReportRequest::firstDay, WeeklyReportRequest::lastDay, WeeklyReportRequest::delivery)
                    .as("Monday..Sunday before the fire, by e-mail and as a file")
                    .containsExactlyInAnyOrder(tuple(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-08"), Delivery.EMAIL),
                            tuple(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-08"), Delivery.FILE));

            p = p.restart();
            p.advanceTo(Instant.parse("2026-03-09T09:00:00Z"), TEN_MINUTES);
            assertThat(p.planned()).isEmpty();
        } finally {
            p.close();
        }
    }

    @Test
    void afterDowntimeOnlyTheNewestMissedOccurrenceIsPlanned() {
        PlannerDriver p = new PlannerDriver(PlannerDriver.Settings.standard());
        try {
            p.advance(SECOND);
            p.advanceTo(Instant.parse("2026-03-03T08:00:00Z"), Duration.ofHours(1));
            assertThat(p.planned()).extracting(r -> ((DailySummaryRequest) r).day()).containsExactly(LocalDate.parse("2026-03-02"));

            p = p.restart(Duration.ofDays(3).plusHours(2)); // down until Friday 10:00: Wednesday's, Thursday's and Friday's missed
            p.advance(SECOND);
            assertThat(p.planned()).containsExactly(new DailySummaryRequest(LocalDate.parse("2026-03-05"), "UTC"));
            p.advanceTo(Instant.parse("2026-03-07T08:00:00Z"), Duration.ofHours(1));
            assertThat(p.planned()).containsExactly(new DailySummaryRequest(LocalDate.parse("2026-03-06"), "UTC"));
        } finally {
            p.close();
        }
    }

    @Test
    void acrossTheSpringDstChangeEachDayIsSummarisedOnceAtTheShiftedTime() {
        PlannerDriver.Settings london = PlannerDriver.Settings.standard()
                .withEmail(PlannerDriver.email(true, "0 30 1 * * *", "0 0 7 * * MON", "Europe/London"))
                .withLpReportZone("Europe/London");
        PlannerDriver p = new PlannerDriver(london, new ManualClock(Instant.parse("2026-03-27T12:00:00Z")));
        List<ActionRequest> planned = new ArrayList<>();
        try {
            p.advance(SECOND);
            p.advanceTo(Instant.parse("2026-03-29T00:40:00Z"), TEN_MINUTES);
            planned.addAll(p.planned());
            p = p.restart();
            // 29 March: 01:30 does not exist in London (01:00 GMT -> 02:00 BST): it fires at 02:30 BST = 01:30 UTC
            p.advanceTo(Instant.parse("2026-03-29T01:20:00Z"), TEN_MINUTES);
            List<ActionRequest> beforeShift = p.planned();
            assertThat(beforeShift).isEmpty();
            p.advance(TEN_MINUTES);
            assertThat(p.planned()).containsExactly(new DailySummaryRequest(LocalDate.parse("2026-03-28"), "Europe/London"));
            planned.add(new DailySummaryRequest(LocalDate.parse("2026-03-28"), "Europe/London"));
            p.advanceTo(Instant.parse("2026-03-31T12:00:00Z"), TEN_MINUTES);
            planned.addAll(p.planned());
        } finally {
            p.close();
        }
        assertThat(p.planned(planned, DailySummaryRequest.class)).extracting(DailySummaryRequest::day)
                .containsExactly(days("2026-03-27", "2026-03-30").toArray(LocalDate[]::new));
        assertThat(p.planned(planned, WeeklyReportRequest.class)).extracting(WeeklyReportRequest::firstDay, WeeklyReportRequest::lastDay)
                .containsExactly(tuple(LocalDate.parse("2026-03-23"), LocalDate.parse("2026-03-29")));
    }

    @Test
    void acrossTheAutumnDstChangeARepeatedTimeFiresOnceEvenWithARestartBetweenItsTwoOccurrences() {
        PlannerDriver.Settings london = PlannerDriver.Settings.standard()
                .withEmail(PlannerDriver.email(true, "0 30 1 * * *", "0 0 7 * * MON", "Europe/London"))
                .withLpReportZone("Europe/London");
        PlannerDriver p = new PlannerDriver(london, new ManualClock(Instant.parse("2026-10-23T12:00:00Z")));
        List<ActionRequest> planned = new ArrayList<>();
        try {
            p.advance(SECOND);
            // 25 October: 01:30 BST = 00:30 UTC fires; at 02:00 BST clocks go back and 01:30 GMT = 01:30 UTC comes again
            p.advanceTo(Instant.parse("2026-10-25T00:40:00Z"), TEN_MINUTES);
            planned.addAll(p.planned());
            assertThat(p.planned(planned, DailySummaryRequest.class)).extracting(DailySummaryRequest::day)
                    .endsWith(LocalDate.parse("2026-10-24"));
            p = p.restart();
            p.advanceTo(Instant.parse("2026-10-25T02:00:00Z"), TEN_MINUTES);
            assertThat(p.planned()).as("the second 01:30 of the day").isEmpty();
            p.advanceTo(Instant.parse("2026-10-27T12:00:00Z"), TEN_MINUTES);
            planned.addAll(p.planned());
        } finally {
            p.close();
        }
        assertThat(p.planned(planned, DailySummaryRequest.class)).extracting(DailySummaryRequest::day)
                .containsExactly(days("2026-10-23", "2026-10-26").toArray(LocalDate[]::new));
    }

    @Test
    void withoutEmailOnlyTheWeeklyFileIsPlannedAndWithoutAnOutputDirectoryNothing() {
        PlannerDriver.Settings noEmail = PlannerDriver.Settings.standard()
                .withEmail(PlannerDriver.email(false, "0 0 7 * * *", "0 0 7 * * MON", "UTC"));
        try (PlannerDriver p = new PlannerDriver(noEmail.withLpReportDir(Path.of("/var/reports")))) {
            p.advance(SECOND);
            p.advanceTo(T0.plus(Duration.ofDays(8)), Duration.ofHours(1));
            assertThat(p.planned()).containsExactly(new WeeklyReportRequest(LocalDate.parse("2026-03-02"),
                    LocalDate.parse("2026-03-08"), "UTC", Delivery.FILE));
        }
        try (PlannerDriver p = new PlannerDriver(noEmail)) {
            p.advance(SECOND);
            p.advanceTo(T0.plus(Duration.ofDays(8)), Duration.ofHours(1));
            assertThat(p.planned()).isEmpty();
        }
    }

    @Test
    void theCronsFireInTheEmailZoneAndTheDaysReportedAreThoseOfTheReportZone() {
        // 07:00 in Tokyo is 22:00 UTC the day before: the UTC day of the fire is not over, the one before it is reported
        PlannerDriver.Settings tokyoCrons = PlannerDriver.Settings.standard()
                .withEmail(PlannerDriver.email(true, "0 0 7 * * *", "0 0 7 * * MON", "Asia/Tokyo"));
        try (PlannerDriver p = new PlannerDriver(tokyoCrons)) {
            p.advance(SECOND);
            p.advanceTo(Instant.parse("2026-03-02T21:59:59Z"), TEN_MINUTES);
            assertThat(p.planned()).isEmpty();
            p.advance(SECOND);
            assertThat(p.planned()).as("Tuesday 07:00 Tokyo").containsExactly(new DailySummaryRequest(LocalDate.parse("2026-03-01"), "UTC"));

            p.advanceTo(Instant.parse("2026-03-08T22:00:00Z"), Duration.ofHours(1)); // Monday 9 March 07:00 Tokyo
            List<ActionRequest> week = p.planned();
            assertThat(p.planned(week, DailySummaryRequest.class)).extracting(DailySummaryRequest::day)
                    .containsExactly(days("2026-03-02", "2026-03-07").toArray(LocalDate[]::new));
            assertThat(p.planned(week, WeeklyReportRequest.class)).as("the UTC week of Sunday 8 March is not over yet")
                    .containsExactly(new WeeklyReportRequest(LocalDate.parse("2026-02-23"), LocalDate.parse("2026-03-01"), "UTC",
                            Delivery.EMAIL));
        }
    }

    private static List<LocalDate> days(String first, String last) {
        return LocalDate.parse(first).datesUntil(LocalDate.parse(last).plusDays(1)).toList();
    }
}
