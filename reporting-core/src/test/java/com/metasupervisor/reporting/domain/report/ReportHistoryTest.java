package com.metasupervisor.reporting.domain.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.metasupervisor.reporting.domain.DailyPnl;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * ReportHistory on a hand-computed week. Values are multiples of 1/8 and weights of 1/20 or 1/4 chosen so every sum
 * below is exact (compared with ==), the arithmetic is written out beside each expectation.
 */
class ReportHistoryTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final LocalDate MONDAY = LocalDate.parse("2026-03-02");
    private static final ReportPeriod PERIOD = new ReportPeriod(MONDAY.minusWeeks(1), MONDAY, MONDAY.plusDays(6), UTC);
    private static final Instant NOW = Instant.parse("2026-03-09T08:00:00Z");

    private static Instant t(String iso) {
        return Instant.parse(iso);
    }

    private static ReconciledRowFact row(String agent, String strategyClass, String maturedAt, double pnl) {
        return new ReconciledRowFact(agent, strategyClass, 24, t(maturedAt), pnl, pnl > 0);
    }

    /** The week: two allocations switching at noon on Monday, rows before any allocation, one at another horizon. */
    static List<ReportFact> weekFacts() {
        List<ReportFact> facts = new ArrayList<>();
        facts.add(new AllocationFact(new AllocationPoint(t("2026-03-02T00:00:00Z"), "s1", Map.of("a", 0.5, "b", 0.25), 0.25),
                List.of()));
        facts.add(new AllocationFact(new AllocationPoint(t("2026-03-02T12:00:00Z"), "s2", Map.of("a", 0.25, "b", 0.5), 0.25),
                List.of(new WeightChange(t("2026-03-02T12:00:00Z"), "b", 0.25, 0.5, "score"),
                        new WeightChange(t("2026-03-02T12:00:00Z"), "a", 0.5, 0.25, "open divergence alert al1"))));
        facts.add(row("a", "arb", "2026-02-28T10:00:00Z", 100)); // before any allocation: weight 0
        facts.add(row("a", "arb", "2026-03-02T05:30:00Z", 10)); // s1: 10 × 0.5 = 5
        facts.add(row("b", "mm", "2026-03-02T11:59:00Z", -20)); // hour 11:00, s1: -20 × 0.25 = -5
        facts.add(row("a", "arb", "2026-03-02T12:30:00Z", 30)); // hour 12:00, s2: 30 × 0.25 = 7.5
        facts.add(row("b", "mm", "2026-03-02T12:00:00Z", 10)); // s2: 10 × 0.5 = 5
        facts.add(row("a", "arb", "2026-03-03T01:00:00Z", -40)); // s2: -40 × 0.25 = -10
        facts.add(new ReconciledRowFact("a", "arb", 4, t("2026-03-03T02:00:00Z"), 1000, true)); // another horizon
        facts.add(row("c", "trend", "2026-03-04T09:00:00Z", 50)); // not in any allocation: 0
        facts.add(new DecisionLine(t("2026-03-01T09:00:00Z"), "a", "arb", "PROMOTE", List.of("promote: ok"), false, "d0"));
        facts.add(new DecisionLine(t("2026-03-05T10:00:00Z"), "b", "mm", "KILL", List.of("kill_drawdown: -600"), false, "d1"));
        facts.add(new DecisionLine(t("2026-03-06T10:00:00Z"), "c", "trend", "PROMOTE", List.of("promote: ok"), true, "d2"));
        facts.add(new DecisionLine(t("2026-03-04T00:00:00Z"), "mm", "mm", "DISABLE_CLASS", List.of("class_drawdown"), false, "d3"));
        facts.add(new AgentStatsFact("a", "arb", 24, 1.5, t("2026-03-07T00:00:00Z")));
        facts.add(new AgentStatsFact("a", "arb", 4, 9.0, t("2026-03-07T01:00:00Z"))); // another horizon
        facts.add(new AgentStatsFact("b", "mm", 24, 0.5, t("2026-03-09T01:00:00Z"))); // after the week
        facts.add(new StrategyStatusFact("mm", StrategyStatusFact.Status.DISABLED, t("2026-03-04T00:00:00Z"), "decision",
                List.of("class_drawdown: -300 < -250")));
        facts.add(new StrategyStatusFact("mm", StrategyStatusFact.Status.DISABLED, t("2026-03-05T00:00:00Z"), "decision",
                List.of("class_drawdown: -320 < -250")));
        facts.add(new StrategyStatusFact("trend", StrategyStatusFact.Status.DISABLED, t("2026-03-03T00:00:00Z"), "operator",
                List.of("manual")));
        facts.add(new StrategyStatusFact("trend", StrategyStatusFact.Status.ACTIVE, t("2026-03-06T00:00:00Z"), "operator",
                List.of()));
        facts.add(new AlertLine(t("2026-02-25T10:00:00Z"), "al0", "c", "OPENED", "LOW", "old, never resolved"));
        facts.add(new AlertLine(t("2026-03-02T08:00:00Z"), "al2", "b", "OPENED", "MEDIUM", "b diverges"));
        facts.add(new AlertLine(t("2026-03-03T10:00:00Z"), "al1", "a", "OPENED", "MEDIUM", "a diverges"));
        facts.add(new AlertLine(t("2026-03-04T10:00:00Z"), "al1", "a", "ESCALATED", "HIGH", "a diverges more"));
        facts.add(new AlertLine(t("2026-03-05T10:00:00Z"), "al2", "b", "RESOLVED", "MEDIUM", "b back in line"));
        facts.add(new PolicyFact(policy("composite", true, 42), t("2026-03-07T00:00:00Z")));
        facts.add(new PolicyFact(policy("composite", true, 7), t("2026-03-01T00:00:00Z"))); // older: not reported
        facts.add(new PolicyFact(policy("pnl_proportional", false, -3), t("2026-03-07T00:00:00Z")));
        return facts;
    }

    private static PolicyLine policy(String name, boolean active, double pnl) {
        return new PolicyLine(name, active, pnl, 1.0, -5, 0.5, 3, 100, 10);
    }

    private static ReportHistory historyOf(List<ReportFact> facts) {
        ReportHistory history = new ReportHistory(24, 30);
        facts.forEach(history::apply);
        return history;
    }

    @Test
    void theFleetPnlWeighsEachHourByTheAllocationInForceAtItsStart() {
        WeeklyReport report = historyOf(weekFacts()).weekly(PERIOD, NOW);

        DailyPnl fleet = report.fleet();
        assertThat(fleet.firstDate()).isEqualTo(LocalDate.parse("2026-02-23"));
        assertThat(fleet.lastDate()).isEqualTo(LocalDate.parse("2026-03-08"));
        assertThat(fleet.size()).isEqualTo(14);
        // 2026-02-28: 100 before the first allocation → 0; the horizon-4 row of the 3rd is not counted
        assertThat(fleet.days()).filteredOn(d -> d.pnlBps() != 0).extracting(DailyPnl.Day::date, DailyPnl.Day::pnlBps)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-03-02"), 5 - 5 + 7.5 + 5.0),
                        org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-03-03"), -10.0));
        assertThat(report.week().cumulativePnlBps()).isEqualTo(12.5 - 10);
        assertThat(report.history().cumulativePnlBps()).isEqualTo(2.5);
        assertThat(report.week().days()).isEqualTo(7);
        assertThat(report.history().days()).isEqualTo(14);
        assertThat(report.rollingSharpe().windowDays()).isEqualTo(14); // 30 clipped to the 14 days there are
        assertThat(report.generatedAt()).isEqualTo(NOW);
        assertThat(report.worstDrawdowns()).singleElement().satisfies(d -> assertThat(d.depthBps()).isEqualTo(-10.0));
    }

    @Test
    void allocationsWeightChangesDecisionsAndAlertsAreThoseOfTheirSpan() {
        WeeklyReport report = historyOf(weekFacts()).weekly(PERIOD, NOW);

        assertThat(report.allocations()).extracting(AllocationPoint::snapshotId).containsExactly("s1", "s2");
        assertThat(report.weightChanges()).extracting(WeightChange::agent).containsExactly("a", "b");
        assertThat(report.decisions()).extracting(DecisionLine::decisionId).containsExactly("d3", "d1", "d2");
        assertThat(report.alerts()).extracting(a -> a.alertId() + " " + a.transition())
                .containsExactly("al2 OPENED", "al1 OPENED", "al1 ESCALATED", "al2 RESOLVED");
        assertThat(report.disabled()).containsExactly(new DisabledClass("mm", t("2026-03-04T00:00:00Z"), "decision",
                "class_drawdown: -320 < -250"));
        assertThat(report.policies()).extracting(PolicyLine::policy, PolicyLine::cumulativePnlBps)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("composite", 42.0),
                        org.assertj.core.groups.Tuple.tuple("pnl_proportional", -3.0));
    }

    @Test
    void agentLinesCarryUnweightedWeekFiguresStatsWeightAndStatus() {
        WeeklyReport report = historyOf(weekFacts()).weekly(PERIOD, NOW);

        assertThat(report.agents()).containsExactly(
                // c: 50, one hit; no weight; its PROMOTE was a dry run: no status, but the last decision
                new AgentLine("c", "trend", 50, 1, 1.0, null, 0, null, "PROMOTE"),
                // a: 10 + 30 - 40 = 0 over 3 rows, 2 hits; the horizon-24 stats (1.5), not the horizon-4 ones;
                // its PROMOTE of 2026-03-01 is last week's
                new AgentLine("a", "arb", 0, 3, 2.0 / 3, 1.5, 0.25, null, null),
                // b: -20 + 10 = -10, 1 hit of 2; its stats were computed after the week; KILL → KILLED
                new AgentLine("b", "mm", -10, 2, 0.5, null, 0.5, "KILLED", "KILL"));
    }

    @Test
    void classAttributionSumsToTheFleetsWeekPnl() {
        WeeklyReport report = historyOf(weekFacts()).weekly(PERIOD, NOW);

        assertThat(report.classes()).containsExactly(
                new ClassLine("arb", 5 + 7.5 - 10, (5 + 7.5 - 10) / 2.5, 1, 3, 2.0 / 3, 0.25, false),
                new ClassLine("mm", -5 + 5.0, 0.0, 1, 2, 0.5, 0.5, true),
                new ClassLine("trend", 0, 0.0, 1, 1, 1.0, 0, false));
        assertThat(report.classes().stream().mapToDouble(ClassLine::fleetPnlBps).sum())
                .isCloseTo(report.week().cumulativePnlBps(), within(1e-9));
    }

    @Test
    void theOrderOfArrivalDoesNotChangeTheReport() {
        List<ReportFact> facts = weekFacts();
        WeeklyReport expected = historyOf(facts).weekly(PERIOD, NOW);
        DailySummary expectedDay = historyOf(facts).daily(MONDAY, UTC);
        Random random = new Random(13);
        for (int i = 0; i < 200; i++) {
            List<ReportFact> shuffled = new ArrayList<>(facts);
            Collections.shuffle(shuffled, random);
            ReportHistory history = historyOf(shuffled);
            assertThat(history.weekly(PERIOD, NOW)).as("shuffle %d", i).isEqualTo(expected);
            assertThat(history.daily(MONDAY, UTC)).as("shuffle %d", i).isEqualTo(expectedDay);
        }
    }

    @Test
    void theDailySummaryHasTheDaysFiguresBestAndWorstAndTheAlertsOpenAtItsEnd() {
        ReportHistory history = historyOf(weekFacts());

        DailySummary monday = history.daily(MONDAY, UTC);
        assertThat(monday.fleetPnlBps()).isEqualTo(12.5);
        assertThat(monday.cumulativePnlBps()).isEqualTo(12.5); // the 28th counted 0
        assertThat(monday.rows()).isEqualTo(4);
        assertThat(monday.hitRate()).isEqualTo(0.75);
        assertThat(monday.best()).extracting(AgentLine::agent, AgentLine::weekPnlBps)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 40.0), org.assertj.core.groups.Tuple.tuple("b", -10.0));
        assertThat(monday.worst()).extracting(AgentLine::agent).containsExactly("b", "a");
        assertThat(monday.alerts()).extracting(AlertLine::alertId).containsExactly("al2");
        assertThat(monday.openAlerts()).extracting(AlertLine::alertId).containsExactly("al0", "al2");
        assertThat(monday.disabled()).isEmpty();
        assertThat(monday.decisions()).isEmpty();

        DailySummary tuesday = history.daily(MONDAY.plusDays(1), UTC);
        assertThat(tuesday.fleetPnlBps()).isEqualTo(-10.0);
        assertThat(tuesday.cumulativePnlBps()).isEqualTo(2.5);
        assertThat(tuesday.disabled()).extracting(DisabledClass::strategyClass).containsExactly("trend");

        DailySummary friday = history.daily(MONDAY.plusDays(4), UTC); // al2 resolved on Thursday, al1 escalated on Wednesday
        assertThat(friday.openAlerts()).extracting(a -> a.alertId() + " " + a.transition())
                .containsExactly("al0 OPENED", "al1 ESCALATED");
        assertThat(friday.decisions()).extracting(DecisionLine::decisionId).containsExactly("d2");
        assertThat(friday.rows()).isZero();
        assertThat(friday.hitRate()).isNull();
        assertThat(friday.best()).isEmpty();
    }

    @Test
    void aDayInAnotherZoneTakesTheHoursThatStartInIt() {
        // New York is UTC-5 before 2026-03-08: its Monday is 05:00Z on the 2nd .. 05:00Z on the 3rd, so it takes
        // the -10 of 01:00Z on the 3rd (Monday 20:00 there) as well as every row of the UTC Monday (the first at 05:00Z)
        ZoneId newYork = ZoneId.of("America/New_York");
        ReportHistory history = historyOf(weekFacts());

        assertThat(history.daily(MONDAY, newYork).fleetPnlBps()).isEqualTo(5 - 5 + 7.5 + 5 - 10.0);
        assertThat(history.daily(MONDAY, newYork).rows()).isEqualTo(5);
        assertThat(history.daily(MONDAY.plusDays(1), newYork).rows()).isZero();
        assertThat(history.daily(MONDAY.minusDays(1), newYork).rows()).isZero();
    }

    @Test
    void anEmptyHistoryGivesAReportOfFlatDays() {
        ReportHistory history = new ReportHistory(24, 30);

        WeeklyReport report = history.weekly(PERIOD, NOW);
        assertThat(report.fleet().values()).hasSize(14).containsOnly(0.0);
        assertThat(report.history().cumulativePnlBps()).isZero();
        assertThat(report.history().sharpe()).isNull();
        assertThat(report.worstDrawdowns()).isEmpty();
        assertThat(report.agents()).isEmpty();
        assertThat(report.classes()).isEmpty();
        assertThat(report.allocations()).isEmpty();

        DailySummary day = history.daily(MONDAY, UTC);
        assertThat(day.fleetPnlBps()).isZero();
        assertThat(day.hitRate()).isNull();
        assertThat(day.openAlerts()).isEmpty();

        ReportPeriod oneDay = new ReportPeriod(MONDAY, MONDAY, MONDAY, UTC);
        assertThat(history.weekly(oneDay, NOW).rollingSharpe().points()).isEmpty();
    }

    private static ProposalLine proposal(String id, String at, int accepted) {
        return new ProposalLine(t(at), id, "MANUAL_ONLY", accepted + 1,
                Map.of("ACCEPTED_FOR_PROPOSAL", accepted, "REJECTED_BY_POLICY", 1), null);
    }

    @Test
    void theWeeksProposalsAreListedOldestFirstEachIdOnce() {
        List<ReportFact> facts = new ArrayList<>(weekFacts());
        facts.add(proposal("p0", "2026-03-01T23:59:59Z", 1)); // the week before
        facts.add(proposal("p2", "2026-03-05T09:00:00Z", 2));
        facts.add(proposal("p1", "2026-03-02T00:00:00Z", 1)); // the week's first instant
        facts.add(proposal("p1", "2026-03-02T00:00:00Z", 1)); // replayed
        facts.add(proposal("p3", "2026-03-09T00:00:00Z", 1)); // the next week's first instant
        facts.add(proposal("p2", "2026-03-05T09:00:00Z", 2)); // replayed after others

        WeeklyReport report = historyOf(facts).weekly(PERIOD, NOW);

        assertThat(report.proposals()).extracting(ProposalLine::proposalId).containsExactly("p1", "p2");
        assertThat(report.proposals().get(1).decisions()).containsEntry("ACCEPTED_FOR_PROPOSAL", 2);
        assertThat(historyOf(weekFacts()).weekly(PERIOD, NOW).proposals()).isEmpty();
    }

    @Test
    void pruningDropsOlderProposalsAndIgnoresOnesArrivingOlderThanTheBound() {
        ReportHistory history = historyOf(weekFacts());
        history.apply(proposal("p1", "2026-03-02T10:00:00Z", 1));
        history.apply(proposal("p2", "2026-03-04T10:00:00Z", 1));

        history.prune(t("2026-03-03T00:00:00Z"));
        history.apply(proposal("p0", "2026-03-02T23:00:00Z", 1)); // older than pruned: ignored

        assertThat(history.weekly(PERIOD, NOW).proposals()).extracting(ProposalLine::proposalId).containsExactly("p2");
    }

    @Test
    void aProposalWhoseCountsDoNotAddUpToItsPatchesIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ProposalLine(t("2026-03-02T10:00:00Z"), "p", "MANUAL_ONLY",
                3, Map.of("PENDING", 1), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pruningDropsOldBucketsButKeepsTheAllocationInForceAndOpenAlerts() {
        ReportHistory history = historyOf(weekFacts());
        int before = history.bucketCount();

        history.prune(t("2026-03-03T00:00:00Z"));

        assertThat(before).isEqualTo(7);
        assertThat(history.bucketCount()).isEqualTo(2); // the 3rd's row of a, the 4th's of c
        history.apply(row("a", "arb", "2026-03-02T23:00:00Z", 1000)); // older than pruned: ignored
        assertThat(history.bucketCount()).isEqualTo(2);
        DailySummary tuesday = history.daily(MONDAY.plusDays(1), UTC);
        assertThat(tuesday.fleetPnlBps()).isEqualTo(-10.0); // s2, published before the bound, still weighs it
        assertThat(tuesday.openAlerts()).extracting(AlertLine::alertId).containsExactly("al0", "al2", "al1");
        assertThat(history.daily(MONDAY.plusDays(2), UTC).disabled()).extracting(DisabledClass::strategyClass)
                .containsExactly("mm", "trend");
    }

    @Test
    void pruningWithinAnHourKeepsTheAllocationThatWeighsTheFirstKeptHour() {
        ReportHistory history = new ReportHistory(24, 30);
        history.apply(new AllocationFact(new AllocationPoint(t("2026-03-03T09:00:00Z"), "s1", Map.of("a", 0.5), 0.5), List.of()));
        // published within hour 10:00, so it weighs from 11:00 on; it is the one in force at the bound below
        history.apply(new AllocationFact(new AllocationPoint(t("2026-03-03T10:15:00Z"), "s2", Map.of("a", 0.25), 0.75), List.of()));
        history.apply(row("a", "arb", "2026-03-03T10:05:00Z", 8)); // hour 10:00, s1: 8 × 0.5 = 4
        history.apply(row("a", "arb", "2026-03-03T11:05:00Z", 8)); // hour 11:00, s2: 8 × 0.25 = 2
        double unpruned = history.daily(MONDAY.plusDays(1), UTC).fleetPnlBps();

        history.prune(t("2026-03-03T10:30:00Z")); // hour 10:00 is kept: so is s1, in force at its start

        assertThat(unpruned).isEqualTo(6.0);
        assertThat(history.bucketCount()).isEqualTo(2);
        assertThat(history.daily(MONDAY.plusDays(1), UTC).fleetPnlBps()).isEqualTo(6.0);
    }

    @Test
    void memoryGrowsWithAgentsTimesHoursNotWithRows() {
        ReportHistory history = new ReportHistory(24, 30);
        LocalDate first = MONDAY.minusWeeks(7);
        Instant start = first.atStartOfDay(UTC).toInstant();
        for (int agent = 0; agent < 50; agent++) {
            for (int hour = 0; hour < 56 * 24; hour++) {
                for (int minute = 0; minute < 60; minute += 20) { // three rows an hour
                    history.apply(new ReconciledRowFact("agent-" + agent, "k" + agent % 4, 24,
                            start.plusSeconds(hour * 3600L + minute * 60L), 1, true));
                }
            }
        }

        assertThat(history.bucketCount()).isEqualTo(50 * 56 * 24);
        WeeklyReport report = history.weekly(new ReportPeriod(first, MONDAY, MONDAY.plusDays(6), UTC), NOW);
        assertThat(report.agents()).hasSize(50).allSatisfy(a -> assertThat(a.weekRows()).isEqualTo(7 * 24 * 3));
        assertThat(report.classes()).hasSize(4);
    }
}
