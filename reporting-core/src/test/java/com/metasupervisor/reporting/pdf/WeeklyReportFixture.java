package com.metasupervisor.reporting.pdf;

import com.metasupervisor.reporting.domain.DailyPnl;
import com.metasupervisor.reporting.domain.Drawdowns;
import com.metasupervisor.reporting.domain.MonthlyReturns;
import com.metasupervisor.reporting.domain.RollingSharpe;
import com.metasupervisor.reporting.domain.TearSheetFigures;
import com.metasupervisor.reporting.domain.report.AgentLine;
import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.domain.report.AllocationPoint;
import com.metasupervisor.reporting.domain.report.ClassLine;
import com.metasupervisor.reporting.domain.report.DecisionLine;
import com.metasupervisor.reporting.domain.report.DisabledClass;
import com.metasupervisor.reporting.domain.report.PolicyLine;
import com.metasupervisor.reporting.domain.report.ProposalLine;
import com.metasupervisor.reporting.domain.report.ReportPeriod;
import com.metasupervisor.reporting.domain.report.WeeklyReport;
import com.metasupervisor.reporting.domain.report.WeightChange;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Seeded WeeklyReport values built the way the report model says (DailyPnl, TearSheetFigures.of, Drawdowns,
 * RollingSharpe, MonthlyReturns), with every agent's hits and rows kept so a test can recompute the week's hit rate.
 */
final class WeeklyReportFixture {

    static final LocalDate LAST_DAY = LocalDate.of(2026, 11, 29);

    final WeeklyReport report;
    final double[] fleetPnl;
    final double[] weekPnl;
    final Map<String, long[]> hitsAndRows = new LinkedHashMap<>();

    /** {@code names} are the agents; {@code texts} feed classes, reasons, subjects and messages (cycled). */
    WeeklyReportFixture(long seed, List<String> names, List<String> texts, int historyDays) {
        Random random = new Random(seed);
        LocalDate from = LAST_DAY.minusDays(historyDays - 1);
        LocalDate firstDay = LAST_DAY.minusDays(6);
        fleetPnl = new double[historyDays];
        for (int i = 0; i < historyDays; i++) {
            // every 9th day flat: the win-day rate counts non-flat days only
            fleetPnl[i] = i % 9 == 4 ? 0 : Math.round((random.nextGaussian() * 25 + 3) * 1000) / 1000.0;
        }
        weekPnl = java.util.Arrays.copyOfRange(fleetPnl, historyDays - 7, historyDays);
        DailyPnl fleet = DailyPnl.consecutive(from, fleetPnl);
        DailyPnl week = DailyPnl.consecutive(firstDay, weekPnl);

        List<AllocationPoint> allocations = new ArrayList<>();
        for (int d = 0; d < historyDays; d++) {
            Map<String, Double> weights = new TreeMap<>();
            double left = 0.9;
            for (int k = 0; k < 14; k++) {
                // the first names hold the big weights (the chart's legend shows them), the rest rotate in small
                String agent = k < 5
                        ? names.get((k * 2 + (d / 14) % 2) % names.size())
                        : names.get((10 + d / 10 + k * 7 + random.nextInt(3)) % names.size());
                double w = Math.min(left, k < 5 ? 0.08 + random.nextDouble() * 0.08 : 0.01 + random.nextDouble() * 0.03);
                if (w > 0 && !weights.containsKey(agent)) {
                    weights.put(agent, w);
                    left -= w;
                }
            }
            double invested = weights.values().stream().mapToDouble(Double::doubleValue).sum();
            allocations.add(new AllocationPoint(from.plusDays(d).atTime(12, 0).toInstant(ZoneOffset.UTC),
                    "snap-" + d, weights, Math.max(0, 1 - invested)));
        }
        Map<String, Double> latest = allocations.getLast().weights();

        List<AgentLine> agents = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            long rows = random.nextInt(40);
            long hits = rows == 0 ? 0 : random.nextInt((int) rows + 1);
            hitsAndRows.put(name, new long[] {hits, rows});
            agents.add(new AgentLine(name, texts.get(i % texts.size()), Math.round(random.nextGaussian() * 500) / 10.0,
                    rows, rows == 0 ? null : (double) hits / rows,
                    random.nextInt(5) == 0 ? null : random.nextGaussian(), latest.getOrDefault(name, 0.0),
                    List.of("LIVE", "CANDIDATE", "RETIRED", "KILLED").get(random.nextInt(4)),
                    random.nextInt(6) == 0 ? "KILL" : null));
        }
        agents.sort(Comparator.comparingDouble(AgentLine::weekPnlBps).reversed());

        Map<String, Integer> classAgents = new HashMap<>();
        agents.forEach(a -> classAgents.merge(a.strategyClass(), 1, Integer::sum));
        List<ClassLine> classes = new ArrayList<>();
        new TreeMap<>(classAgents).forEach((cls, n) -> classes.add(new ClassLine(cls,
                Math.round(random.nextGaussian() * 300) / 10.0, random.nextDouble(), n, n * 11L, random.nextDouble(),
                random.nextDouble() * 0.3, cls.equals(texts.getFirst()))));

        Instant weekStart = firstDay.atStartOfDay().toInstant(ZoneOffset.UTC);
        List<WeightChange> changes = new ArrayList<>();
        List<DecisionLine> decisions = new ArrayList<>();
        List<AlertLine> alerts = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            Instant at = weekStart.plusSeconds(3600L * (5 + 19 * k));
            String text = texts.get(k % texts.size());
            changes.add(new WeightChange(at, names.get(k), 0.05, k % 2 == 0 ? 0.0 : 0.08, "reason: " + text));
            decisions.add(new DecisionLine(at, names.get(k), text, k % 2 == 0 ? "KILL" : "PROMOTE",
                    List.of("sharpe below floor", text), k == 3, "decision-" + k));
            alerts.add(new AlertLine(at, "alert-" + k, names.get(k), k % 2 == 0 ? "OPENED" : "RESOLVED", "WARNING",
                    "divergence of " + text));
        }
        List<PolicyLine> policies = List.of(
                new PolicyLine("risk-parity", true, 412.5, 1.84, -95.2, 0.35, 12, 5400, historyDays),
                new PolicyLine("equal-weight", false, 380.25, 1.52, -120.75, 0.1, 3, 5400, historyDays),
                new PolicyLine("kelly-capped", false, -15.0, null, -220.0, 0.9, 40, 5400, historyDays));
        // a week's promotion-loop proposals: one per cycle that evaluated patches
        List<ProposalLine> proposals = List.of(
                new ProposalLine(weekStart.plusSeconds(3600L * 9), "20261123T090000Z_ab12cd", "MANUAL_ONLY", 3,
                        Map.of("ACCEPTED_FOR_PROPOSAL", 2, "REJECTED_BY_POLICY", 1), "reports/live_promotion/20261123T090000Z_ab12cd/"),
                new ProposalLine(weekStart.plusSeconds(3600L * 57), "p-" + texts.get(1 % texts.size()), "BOUNDED_AUTO", 1,
                        Map.of("REJECTED_BY_SANITY_CHECK", 1), null));
        List<DisabledClass> disabled = List.of(new DisabledClass(texts.getFirst(), weekStart.plusSeconds(7200),
                "governance", "drawdown breach: " + texts.getLast()));

        report = new WeeklyReport(new ReportPeriod(from, firstDay, LAST_DAY, ZoneOffset.UTC),
                LAST_DAY.plusDays(1).atTime(8, 0).toInstant(ZoneOffset.UTC), fleet, TearSheetFigures.of(fleet),
                TearSheetFigures.of(week), Drawdowns.worst(fleet, 5), RollingSharpe.of(fleet, 30),
                MonthlyReturns.of(fleet), allocations, changes, agents, classes, policies, decisions, proposals, disabled,
                alerts);
    }

    static List<String> plainNames(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(String.format("agent-%03d", i));
        }
        return names;
    }

    static final List<String> PLAIN_TEXTS = List.of("momentum", "mean-reversion", "carry", "stat-arb", "macro",
            "vol-selling", "breakout");
}
