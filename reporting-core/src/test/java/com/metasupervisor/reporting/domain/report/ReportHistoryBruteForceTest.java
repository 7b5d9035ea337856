package com.metasupervisor.reporting.domain.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.metasupervisor.reporting.domain.DailyPnl;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random histories (rows at two horizons, allocations at any minute, three zones, facts in random order)
 * against a naive recomputation: for every row at the horizon, its PnL × the weight of the newest allocation at or
 * before its hour's start, summed by the day (zone) that hour starts in.
 */
class ReportHistoryBruteForceTest {

    private static final List<String> AGENTS = List.of("a", "b", "c", "d", "e");
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("America/New_York"), ZoneId.of("Asia/Tokyo"));
    private static final Instant ORIGIN = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void theFleetsDailyPnlEqualsANaiveRecomputation() {
        Random random = new Random(2026);
        for (int run = 0; run < 300; run++) {
            ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
            List<ReconciledRowFact> rows = new ArrayList<>();
            for (int i = random.nextInt(200); i > 0; i--) {
                Instant at = ORIGIN.plus(random.nextInt(14 * 24 * 60), ChronoUnit.MINUTES).plusMillis(random.nextInt(60_000));
                double pnl = Math.round(random.nextGaussian() * 4000) / 100.0;
                rows.add(new ReconciledRowFact(AGENTS.get(random.nextInt(AGENTS.size())), "k" + random.nextInt(3),
                        random.nextInt(5) == 0 ? 4 : 24, at, pnl, pnl > 0));
            }
            List<AllocationPoint> allocations = new ArrayList<>();
            for (int i = random.nextInt(8); i > 0; i--) {
                // on the hour or not: both sides of "at or before the hour's start" are exercised
                Instant at = ORIGIN.plus(random.nextInt(14 * 24) * 60L + (random.nextBoolean() ? 0 : random.nextInt(60)),
                        ChronoUnit.MINUTES);
                Map<String, Double> weights = new HashMap<>();
                double left = 1;
                for (String agent : AGENTS) {
                    double w = Math.min(left, random.nextInt(5) / 10.0);
                    if (w > 0) {
                        weights.put(agent, w);
                        left -= w;
                    }
                }
                allocations.add(new AllocationPoint(at, "s" + i, weights, Math.max(0, left)));
            }
            List<ReportFact> facts = new ArrayList<>(rows);
            allocations.forEach(p -> facts.add(new AllocationFact(p, List.of())));
            Collections.shuffle(facts, random);
            ReportHistory history = new ReportHistory(24, 30);
            facts.forEach(history::apply);

            LocalDate from = LocalDate.ofInstant(ORIGIN, zone).minusDays(1);
            LocalDate to = from.plusDays(16);
            Map<LocalDate, Double> expected = naiveFleet(rows, allocations, zone);
            DailyPnl fleet = history.weekly(new ReportPeriod(from, to.minusDays(6), to, zone), ORIGIN).fleet();
            for (DailyPnl.Day day : fleet.days()) {
                assertThat(day.pnlBps()).as("run %d, %s in %s", run, day.date(), zone)
                        .isCloseTo(expected.getOrDefault(day.date(), 0.0), within(1e-6));
            }
            LocalDate someDay = from.plusDays(random.nextInt(17));
            assertThat(history.daily(someDay, zone).fleetPnlBps()).as("run %d, daily %s", run, someDay)
                    .isCloseTo(expected.getOrDefault(someDay, 0.0), within(1e-6));
            long rowsThatDay = rows.stream().filter(r -> r.horizonHours() == 24
                    && LocalDate.ofInstant(r.maturedAt().truncatedTo(ChronoUnit.HOURS), zone).equals(someDay)).count();
            assertThat(history.daily(someDay, zone).rows()).as("run %d, rows of %s", run, someDay).isEqualTo(rowsThatDay);
        }
    }

    private static Map<LocalDate, Double> naiveFleet(List<ReconciledRowFact> rows, List<AllocationPoint> allocations, ZoneId zone) {
        Map<LocalDate, Double> byDay = new HashMap<>();
        for (ReconciledRowFact row : rows) {
            if (row.horizonHours() != 24) {
                continue;
            }
            Instant hourStart = row.maturedAt().truncatedTo(ChronoUnit.HOURS);
            AllocationPoint inForce = null;
            for (AllocationPoint p : allocations) {
                if (!p.at().isAfter(hourStart) && (inForce == null || p.at().isAfter(inForce.at())
                        || (p.at().equals(inForce.at()) && p.snapshotId().compareTo(inForce.snapshotId()) > 0))) {
                    inForce = p;
                }
            }
            double weight = inForce == null ? 0 : inForce.weights().getOrDefault(row.agent(), 0.0);
            byDay.merge(LocalDate.ofInstant(hourStart, zone), row.realizedPnlBps() * weight, Double::sum);
        }
        return byDay;
    }
}
