package com.metasupervisor.reporting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Cron schedules on a zone's wall clock, across DST changes, forwards and backwards. */
class ReportScheduleTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static List<Instant> fires(ReportSchedule schedule, String from, int count) {
        List<Instant> fires = new ArrayList<>();
        Instant at = Instant.parse(from);
        for (int i = 0; i < count; i++) {
            at = schedule.nextAfter(at).orElseThrow();
            fires.add(at);
        }
        return fires;
    }

    @Test
    void sevenInTheMorningInLondonStaysSevenInTheMorningAcrossBothDstChanges() {
        ReportSchedule daily = new ReportSchedule("0 0 7 * * *", LONDON);

        // 29 March 2026: clocks go forward (07:00 GMT → 07:00 BST = 06:00 UTC)
        assertThat(fires(daily, "2026-03-28T00:00:00Z", 3)).containsExactly(Instant.parse("2026-03-28T07:00:00Z"),
                Instant.parse("2026-03-29T06:00:00Z"), Instant.parse("2026-03-30T06:00:00Z"));
        // 25 October 2026: clocks go back
        assertThat(fires(daily, "2026-10-24T00:00:00Z", 3)).containsExactly(Instant.parse("2026-10-24T06:00:00Z"),
                Instant.parse("2026-10-25T07:00:00Z"), Instant.parse("2026-10-26T07:00:00Z"));
    }

    @Test
    void aTimeInTheGapFiresAfterItAndATimeInTheOverlapFiresOnce() {
        ReportSchedule early = new ReportSchedule("0 30 1 * * *", LONDON);

        // 01:30 does not exist on 29 March: it fires at 02:30 BST (01:30 UTC), not never
        assertThat(fires(early, "2026-03-28T00:00:00Z", 3)).containsExactly(Instant.parse("2026-03-28T01:30:00Z"),
                Instant.parse("2026-03-29T01:30:00Z"), Instant.parse("2026-03-30T00:30:00Z"));
        // 01:30 happens twice on 25 October: it fires at the first (BST) only, not twice
        assertThat(fires(early, "2026-10-24T00:00:00Z", 3)).containsExactly(Instant.parse("2026-10-24T00:30:00Z"),
                Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-26T01:30:00Z"));
        // asked from inside the gap hour, the shifted fire is still ahead
        assertThat(early.nextAfter(Instant.parse("2026-03-29T01:10:00Z"))).contains(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(early.latestAtOrBefore(Instant.parse("2026-10-25T01:45:00Z"))).contains(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void theWeeklyScheduleFiresOnMondaysStrictlyAfterTheQuery() {
        ReportSchedule weekly = new ReportSchedule("0 0 7 * * MON", ZoneOffset.UTC);
        Instant monday = Instant.parse("2026-11-30T07:00:00Z");

        assertThat(weekly.nextAfter(monday)).contains(Instant.parse("2026-12-07T07:00:00Z"));
        assertThat(weekly.nextAfter(monday.minusNanos(1))).contains(monday);
        assertThat(weekly.latestAtOrBefore(monday)).contains(monday);
        assertThat(weekly.latestAtOrBefore(monday.minusNanos(1))).contains(Instant.parse("2026-11-23T07:00:00Z"));
    }

    @Test
    void theLatestFireAtOrBeforeAnInstantIsTheOneAForwardWalkFinds() {
        // seeded: random instants around both 2026 London DST changes and elsewhere, several expressions and zones
        Random random = new Random(20261130);
        String[] expressions = {"0 0 7 * * *", "0 0 7 * * MON", "0 30 1 * * *", "0 15 */6 * * *", "0 0 0 1 * *"};
        ZoneId[] zones = {LONDON, ZoneOffset.UTC, ZoneId.of("America/New_York"), ZoneId.of("Australia/Lord_Howe")};
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        for (int run = 0; run < 300; run++) {
            ReportSchedule schedule = new ReportSchedule(expressions[random.nextInt(expressions.length)], zones[random.nextInt(zones.length)]);
            Instant at = base.plusSeconds(random.nextLong(365L * 24 * 3600)).plusNanos(random.nextInt(1_000_000_000));

            Optional<Instant> latest = schedule.latestAtOrBefore(at);

            Instant walk = null;
            for (Instant fire = schedule.nextAfter(at.minus(Duration.ofDays(40))).orElseThrow(); !fire.isAfter(at);
                    fire = schedule.nextAfter(fire).orElseThrow()) {
                walk = fire;
            }
            assertThat(latest).as(schedule + " at " + at).isEqualTo(Optional.ofNullable(walk));
            Instant next = schedule.nextAfter(at).orElseThrow();
            assertThat(next).isAfter(at);
            assertThat(schedule.latestAtOrBefore(next)).contains(next);
        }
    }

    @Test
    void anExpressionThatIsInvalidOrNeverFiresIsRefused() {
        assertThatThrownBy(() -> new ReportSchedule("0 0 25 * * *", ZoneOffset.UTC)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReportSchedule("every day", ZoneOffset.UTC)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReportSchedule("0 0 0 30 2 *", ZoneOffset.UTC)).isInstanceOf(IllegalArgumentException.class);
    }
}
