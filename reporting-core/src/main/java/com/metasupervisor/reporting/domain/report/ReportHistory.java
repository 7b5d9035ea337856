package com.metasupervisor.reporting.domain.report;

import com.metasupervisor.reporting.domain.DailyPnl;
import com.metasupervisor.reporting.domain.Drawdowns;
import com.metasupervisor.reporting.domain.MonthlyReturns;
import com.metasupervisor.reporting.domain.RollingSharpe;
import com.metasupervisor.reporting.domain.TearSheetFigures;
import com.metasupervisor.streams.check.ArgChecker;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the reports are computed from: the facts of the input topics, kept in memory, answering {@link #weekly} and
 * {@link #daily}. Mutable and <b>not thread-safe</b>: one thread feeds it, or callers hold a lock (the feed does).
 *
 * <p>Reconciled rows at the configured horizon are summed per (agent, hour of {@code matured_at}) into buckets (PnL,
 * rows, hits, class), so memory grows with agents × hours, not with rows, and rows of other horizons are ignored. The
 * fleet's PnL of a day is Σ over the buckets whose hour starts in that day (report zone) of the bucket's PnL × the
 * agent's weight in the newest allocation published at or before the hour's start (0 before the first allocation).
 * So a row is weighted by the allocation in force at its matured hour, the convention of the allocator's paper ledgers
 * (SPEC §5: "its weights at each evaluation times the realized PnL of the rows that mature while they hold"): the LP
 * report's fleet PnL and {@code allocations.shadow} agree on it. An allocation published within an hour weighs from the
 * next hour on.
 * The weight is looked up when a report is asked, never when a row arrives, so a row may arrive before the allocation
 * in force at its time: the order of arrival across inputs does not change a report. (In a zone whose offset is not a
 * whole number of hours, a bucket counts in the day its hour starts in.)
 *
 * <p>Duplicates: an allocation counts once per (time, snapshot id), a decision and a promotion-loop proposal once per
 * id, an alert transition once,
 * a status once per (class, time). Rows are not deduplicated (they carry no id here): the topic has each row once.
 * {@link #prune} drops what is older than the history kept; facts that arrive older than the pruned bound (rows,
 * decisions, proposals, alerts) are ignored.
 */
public final class ReportHistory {

    private static final long HOUR_SECONDS = 3600;
    private static final int WORST_DRAWDOWNS = 5;
    private static final int BEST_WORST_AGENTS = 3;
    private static final Set<String> AGENT_ACTIONS = Set.of("PROMOTE", "RETIRE", "KILL", "HOLD");

    private final int horizonHours;
    private final int rollingSharpeDays;

    /** agent → epoch hour → that hour's rows; sorted so sums run in one order whatever the arrival order. */
    private final TreeMap<String, TreeMap<Long, Bucket>> buckets = new TreeMap<>();
    /** Allocations by publish time; two at one instant: the greater snapshot id (deterministic). */
    private final TreeMap<Instant, AllocationFact> allocations = new TreeMap<>();
    private final Map<String, DecisionLine> decisions = new HashMap<>();
    private final Map<String, ProposalLine> proposals = new HashMap<>();
    private final Set<AlertLine> alerts = new HashSet<>();
    private final Map<String, TreeMap<Instant, StrategyStatusFact>> statuses = new HashMap<>();
    private final Map<String, PolicyFact> policies = new HashMap<>();
    private final Map<String, AgentStatsFact> stats = new HashMap<>();
    private Instant prunedBefore = Instant.MIN;
    private long prunedHour = Long.MIN_VALUE;

    /** One agent's rows of one hour. */
    private static final class Bucket {
        double pnlBps;
        long rows;
        long hits;
        String strategyClass;
        Instant classAt;

        void add(ReconciledRowFact row) {
            pnlBps += row.realizedPnlBps();
            rows++;
            hits += row.hit() ? 1 : 0;
            // the class of the newest row (ties: the greater name) whatever the order rows arrive in
            if (classAt == null || row.maturedAt().isAfter(classAt)
                    || (row.maturedAt().equals(classAt) && row.strategyClass().compareTo(strategyClass) > 0)) {
                strategyClass = row.strategyClass();
                classAt = row.maturedAt();
            }
        }
    }

    /**
     * @param horizonHours      only reconciled rows and agent stats at this horizon are kept
     * @param rollingSharpeDays the rolling Sharpe's window (clipped to the history's days when longer)
     */
    public ReportHistory(int horizonHours, int rollingSharpeDays) {
        this.horizonHours = ArgChecker.positive(horizonHours, "horizonHours");
        this.rollingSharpeDays = ArgChecker.atLeast(rollingSharpeDays, 2, "rollingSharpeDays");
    }

    /** Takes one fact in; a fact outside what the history keeps (another horizon, older than pruned) is ignored. */
    public void apply(ReportFact fact) {
        ArgChecker.notNull(fact, "fact");
        switch (fact) {
            case ReconciledRowFact row -> addRow(row);
            case AllocationFact allocation -> addAllocation(allocation);
            case DecisionLine decision -> {
                if (!decision.at().isBefore(prunedBefore)) {
                    decisions.merge(decision.decisionId(), decision, (a, b) -> b.at().isAfter(a.at()) ? b : a);
                }
            }
            case ProposalLine proposal -> {
                if (!proposal.at().isBefore(prunedBefore)) {
                    // a replayed or re-sent proposal (same id): the newer kept, as for decisions
                    proposals.merge(proposal.proposalId(), proposal, ReportHistory::newer);
                }
            }
            case AlertLine alert -> {
                if (!alert.at().isBefore(prunedBefore)) {
                    alerts.add(alert);
                }
            }
            case StrategyStatusFact status -> statuses.computeIfAbsent(status.strategyClass(), c -> new TreeMap<>())
                    .merge(status.at(), status, (a, b) -> a.disabled() ? a : b); // same instant: DISABLED wins
            case PolicyFact policy -> policies.merge(policy.line().policy(), policy, ReportHistory::newer);
            case AgentStatsFact agentStats -> {
                if (agentStats.horizonHours() == horizonHours) {
                    stats.merge(agentStats.agent(), agentStats, ReportHistory::newer);
                }
            }
        }
    }

    private void addRow(ReconciledRowFact row) {
        if (row.horizonHours() != horizonHours) {
            return;
        }
        long hour = Math.floorDiv(row.maturedAt().getEpochSecond(), HOUR_SECONDS);
        if (hour < prunedHour) {
            return;
        }
        buckets.computeIfAbsent(row.agent(), a -> new TreeMap<>()).computeIfAbsent(hour, h -> new Bucket()).add(row);
    }

    private void addAllocation(AllocationFact allocation) {
        allocations.merge(allocation.point().at(), allocation,
                (a, b) -> b.point().snapshotId().compareTo(a.point().snapshotId()) > 0 ? b : a);
    }

    private static PolicyFact newer(PolicyFact a, PolicyFact b) {
        int c = b.updatedAt().compareTo(a.updatedAt());
        return c > 0 || (c == 0 && b.line().toString().compareTo(a.line().toString()) > 0) ? b : a;
    }

    private static ProposalLine newer(ProposalLine a, ProposalLine b) {
        int c = b.at().compareTo(a.at());
        return c > 0 || (c == 0 && b.toString().compareTo(a.toString()) > 0) ? b : a;
    }

    private static AgentStatsFact newer(AgentStatsFact a, AgentStatsFact b) {
        int c = b.at().compareTo(a.at());
        return c > 0 || (c == 0 && b.toString().compareTo(a.toString()) > 0) ? b : a;
    }

    /**
     * Drops what is older than {@code before}: buckets of hours that ended by then, allocations published before the
     * start of the first kept hour except the one in force at that start (it weighs that hour's rows), decisions, proposals and alert transitions before it (except the latest transition of an alert still
     * open), statuses except the one in force (and the start of its disabled run), stats computed before it.
     */
    public void prune(Instant before) {
        ArgChecker.notNull(before, "before");
        if (!before.isAfter(prunedBefore)) {
            return;
        }
        prunedBefore = before;
        prunedHour = Math.floorDiv(before.getEpochSecond(), HOUR_SECONDS);
        buckets.values().forEach(hours -> hours.headMap(prunedHour, false).clear());
        buckets.values().removeIf(Map::isEmpty);
        // the first kept hour starts at or before `before`: keep the allocation that weighs it (in force at its start)
        Instant inForce = allocations.floorKey(Instant.ofEpochSecond(prunedHour * HOUR_SECONDS));
        if (inForce != null) {
            allocations.headMap(inForce, false).clear();
        }
        decisions.values().removeIf(d -> d.at().isBefore(before));
        proposals.values().removeIf(p -> p.at().isBefore(before));
        Map<String, AlertLine> latestBefore = new HashMap<>();
        for (AlertLine a : alerts) {
            if (a.at().isBefore(before)) {
                latestBefore.merge(a.alertId(), a, (x, y) -> ALERT_ORDER.compare(y, x) > 0 ? y : x);
            }
        }
        alerts.removeIf(a -> a.at().isBefore(before)
                && !(a.equals(latestBefore.get(a.alertId())) && !resolved(a)));
        for (TreeMap<Instant, StrategyStatusFact> history : statuses.values()) {
            Instant keep = history.floorKey(before);
            if (keep != null) {
                Instant runStart = disabledRunStart(history, keep);
                history.headMap(keep, false).keySet().removeIf(at -> !at.equals(runStart));
            }
        }
        stats.values().removeIf(s -> s.at().isBefore(before));
    }

    // ------------------------------------------------------------------ reports

    /** The weekly report of {@code period}, built at {@code now}; a history without data gives a report of flat days. */
    public WeeklyReport weekly(ReportPeriod period, Instant now) {
        ArgChecker.notNull(period, "period");
        ArgChecker.notNull(now, "now");
        ZoneId zone = period.zone();
        Instant historyStart = startOf(period.historyFrom(), zone);
        Instant weekStart = startOf(period.firstDay(), zone);
        Instant weekEnd = startOf(period.lastDay().plusDays(1), zone);

        DailyPnl fleet = DailyPnl.zeroFilled(fleetByDay(historyStart, weekEnd, zone), period.historyFrom(), period.lastDay());
        Map<LocalDate, Double> weekDays = new HashMap<>();
        for (DailyPnl.Day d : fleet.days()) {
            if (!d.date().isBefore(period.firstDay())) {
                weekDays.put(d.date(), d.pnlBps());
            }
        }
        DailyPnl weekSeries = DailyPnl.zeroFilled(weekDays, period.firstDay(), period.lastDay());
        int window = Math.max(2, Math.min(rollingSharpeDays, fleet.size()));

        List<AllocationPoint> points = allocations.subMap(historyStart, true, weekEnd, false).values().stream()
                .map(AllocationFact::point).toList();
        List<WeightChange> changes = allocations.subMap(weekStart, true, weekEnd, false).values().stream()
                .flatMap(a -> a.changes().stream())
                .sorted(Comparator.comparing(WeightChange::at).thenComparing(WeightChange::agent))
                .toList();
        List<DecisionLine> weekDecisions = decisionsIn(weekStart, weekEnd);
        List<DisabledClass> disabled = disabledAt(weekEnd);
        Map<String, Double> weights = weightsInForce(weekEnd);

        Set<String> agents = new TreeSet<>();
        buckets.forEach((agent, hours) -> {
            if (!hours.subMap(hourOf(historyStart), true, hourOf(weekEnd), false).isEmpty()) {
                agents.add(agent);
            }
        });
        stats.values().stream().filter(s -> s.at().isBefore(weekEnd)).forEach(s -> agents.add(s.agent()));
        agents.addAll(weights.keySet());
        weekDecisions.stream().filter(d -> AGENT_ACTIONS.contains(d.action())).forEach(d -> agents.add(d.subject()));
        List<AgentLine> agentLines = agents.stream()
                .map(agent -> agentLine(agent, weekStart, weekEnd, weekDecisions, weights))
                .sorted(Comparator.comparingDouble(AgentLine::weekPnlBps).reversed().thenComparing(AgentLine::agent))
                .toList();

        return new WeeklyReport(period, now, fleet, TearSheetFigures.of(fleet), TearSheetFigures.of(weekSeries),
                Drawdowns.worst(fleet, WORST_DRAWDOWNS), RollingSharpe.of(fleet, window), MonthlyReturns.of(fleet),
                points, changes, agentLines, classLines(weekStart, weekEnd, weekSeries, agentLines, disabled),
                policyLines(), weekDecisions, proposalsIn(weekStart, weekEnd), disabled, alertsIn(weekStart, weekEnd));
    }

    /** The summary of {@code day} in {@code zone}: its fleet PnL, best and worst agents, decisions and alerts. */
    public DailySummary daily(LocalDate day, ZoneId zone) {
        ArgChecker.notNull(day, "day");
        ArgChecker.notNull(zone, "zone");
        Instant start = startOf(day, zone);
        Instant end = startOf(day.plusDays(1), zone);
        double dayPnl = fleetByDay(start, end, zone).values().stream().mapToDouble(Double::doubleValue).sum();
        double cumulative = fleetByDay(Instant.MIN, end, zone).values().stream().mapToDouble(Double::doubleValue).sum();
        List<DecisionLine> dayDecisions = decisionsIn(start, end);
        Map<String, Double> weights = weightsInForce(end);
        long rows = 0;
        long hits = 0;
        List<AgentLine> lines = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Long, Bucket>> e : buckets.entrySet()) {
            NavigableMap<Long, Bucket> hours = e.getValue().subMap(hourOf(start), true, hourOf(end), false);
            if (!hours.isEmpty()) {
                AgentLine line = agentLine(e.getKey(), start, end, dayDecisions, weights);
                rows += line.weekRows();
                hits += hours.values().stream().mapToLong(b -> b.hits).sum();
                lines.add(line);
            }
        }
        List<AgentLine> best = lines.stream()
                .sorted(Comparator.comparingDouble(AgentLine::weekPnlBps).reversed().thenComparing(AgentLine::agent))
                .limit(BEST_WORST_AGENTS).toList();
        List<AgentLine> worst = lines.stream()
                .sorted(Comparator.comparingDouble(AgentLine::weekPnlBps).thenComparing(AgentLine::agent))
                .limit(BEST_WORST_AGENTS).toList();
        return new DailySummary(day, dayPnl, cumulative, rows, rows == 0 ? null : (double) hits / rows, best, worst,
                dayDecisions, alertsIn(start, end), openAlertsAt(end), disabledAt(end));
    }

    // ------------------------------------------------------------------ computations

    /** The fleet's weighted PnL per day (zone) of the buckets whose hour starts in [from, to). */
    private Map<LocalDate, Double> fleetByDay(Instant from, Instant to, ZoneId zone) {
        Map<LocalDate, Double> byDay = new TreeMap<>();
        for (Map.Entry<String, TreeMap<Long, Bucket>> e : buckets.entrySet()) {
            for (Map.Entry<Long, Bucket> h : e.getValue().subMap(hourOf(from), true, hourOf(to), false).entrySet()) {
                Instant hourStart = Instant.ofEpochSecond(h.getKey() * HOUR_SECONDS);
                double weighted = h.getValue().pnlBps * weightAt(e.getKey(), hourStart);
                byDay.merge(LocalDate.ofInstant(hourStart, zone), weighted, Double::sum);
            }
        }
        return byDay;
    }

    /** The agent's weight in the newest allocation published at or before {@code at}; 0 before the first. */
    private double weightAt(String agent, Instant at) {
        Map.Entry<Instant, AllocationFact> inForce = allocations.floorEntry(at);
        return inForce == null ? 0 : inForce.getValue().point().weights().getOrDefault(agent, 0.0);
    }

    /** The weights of the newest allocation published before {@code end} (empty before the first). */
    private Map<String, Double> weightsInForce(Instant end) {
        Map.Entry<Instant, AllocationFact> inForce = allocations.lowerEntry(end);
        return inForce == null ? Map.of() : inForce.getValue().point().weights();
    }

    /** One agent's line over [from, to): unweighted PnL, rows, hit rate; the decisions given are those of the span. */
    private AgentLine agentLine(String agent, Instant from, Instant to, List<DecisionLine> spanDecisions,
                                Map<String, Double> weights) {
        TreeMap<Long, Bucket> hours = buckets.getOrDefault(agent, new TreeMap<>());
        double pnl = 0;
        long rows = 0;
        long hits = 0;
        for (Bucket b : hours.subMap(hourOf(from), true, hourOf(to), false).values()) {
            pnl += b.pnlBps;
            rows += b.rows;
            hits += b.hits;
        }
        AgentStatsFact agentStats = stats.get(agent);
        if (agentStats != null && !agentStats.at().isBefore(to)) {
            agentStats = null; // computed after the span: not what the span's report may say
        }
        List<DecisionLine> own = spanDecisions.stream()
                .filter(d -> d.subject().equals(agent) && AGENT_ACTIONS.contains(d.action())).toList();
        String status = null;
        for (DecisionLine d : own) {
            if (!d.dryRun()) {
                status = switch (d.action()) {
                    case "PROMOTE" -> "LIVE";
                    case "RETIRE" -> "RETIRED";
                    case "KILL" -> "KILLED";
                    default -> status;
                };
            }
        }
        Map.Entry<Long, Bucket> newest = hours.lowerEntry(hourOf(to));
        String strategyClass = newest != null ? newest.getValue().strategyClass
                : agentStats != null ? agentStats.strategyClass()
                : own.isEmpty() ? null : own.getLast().strategyClass();
        return new AgentLine(agent, strategyClass, pnl + 0.0, rows, rows == 0 ? null : (double) hits / rows,
                agentStats == null ? null : agentStats.sharpe30d(), weights.getOrDefault(agent, 0.0), status,
                own.isEmpty() ? null : own.getLast().action());
    }

    private List<ClassLine> classLines(Instant weekStart, Instant weekEnd, DailyPnl weekSeries, List<AgentLine> agentLines,
                                       List<DisabledClass> disabled) {
        double fleetWeek = 0;
        for (double v : weekSeries.values()) {
            fleetWeek += v;
        }
        Map<String, double[]> pnl = new TreeMap<>(); // class → weighted PnL
        Map<String, long[]> counts = new HashMap<>(); // class → rows, hits
        Map<String, Set<String>> classAgents = new HashMap<>();
        for (Map.Entry<String, TreeMap<Long, Bucket>> e : buckets.entrySet()) {
            for (Map.Entry<Long, Bucket> h : e.getValue().subMap(hourOf(weekStart), true, hourOf(weekEnd), false).entrySet()) {
                Bucket b = h.getValue();
                double weight = weightAt(e.getKey(), Instant.ofEpochSecond(h.getKey() * HOUR_SECONDS));
                pnl.computeIfAbsent(b.strategyClass, c -> new double[1])[0] += b.pnlBps * weight;
                long[] c = counts.computeIfAbsent(b.strategyClass, k -> new long[2]);
                c[0] += b.rows;
                c[1] += b.hits;
                classAgents.computeIfAbsent(b.strategyClass, k -> new HashSet<>()).add(e.getKey());
            }
        }
        Map<String, Double> classWeights = new HashMap<>();
        for (AgentLine a : agentLines) {
            if (a.strategyClass() != null && a.weight() > 0) {
                classWeights.merge(a.strategyClass(), a.weight(), Double::sum);
                pnl.computeIfAbsent(a.strategyClass(), c -> new double[1]);
            }
        }
        Set<String> disabledNames = new HashSet<>();
        for (DisabledClass d : disabled) {
            disabledNames.add(d.strategyClass());
            pnl.computeIfAbsent(d.strategyClass(), c -> new double[1]);
        }
        List<ClassLine> lines = new ArrayList<>();
        for (Map.Entry<String, double[]> e : pnl.entrySet()) {
            String c = e.getKey();
            double classPnl = e.getValue()[0] + 0.0;
            long[] rh = counts.getOrDefault(c, new long[2]);
            lines.add(new ClassLine(c, classPnl, fleetWeek == 0 ? null : classPnl / fleetWeek,
                    classAgents.getOrDefault(c, Set.of()).size(), rh[0], rh[0] == 0 ? null : (double) rh[1] / rh[0],
                    classWeights.getOrDefault(c, 0.0), disabledNames.contains(c)));
        }
        return lines;
    }

    private List<PolicyLine> policyLines() {
        return policies.values().stream().map(PolicyFact::line)
                .sorted(Comparator.comparing((PolicyLine p) -> !p.active()).thenComparing(PolicyLine::policy))
                .toList();
    }

    private List<DecisionLine> decisionsIn(Instant from, Instant to) {
        return decisions.values().stream().filter(d -> !d.at().isBefore(from) && d.at().isBefore(to))
                .sorted(Comparator.comparing(DecisionLine::at).thenComparing(DecisionLine::decisionId))
                .toList();
    }

    private List<ProposalLine> proposalsIn(Instant from, Instant to) {
        return proposals.values().stream().filter(p -> !p.at().isBefore(from) && p.at().isBefore(to))
                .sorted(Comparator.comparing(ProposalLine::at).thenComparing(ProposalLine::proposalId))
                .toList();
    }

    private static final Comparator<AlertLine> ALERT_ORDER = Comparator.comparing(AlertLine::at)
            .thenComparing(AlertLine::alertId)
            .thenComparingInt(a -> transitionRank(a.transition()))
            .thenComparing(AlertLine::toString);

    private static int transitionRank(String transition) {
        return switch (transition) {
            case "OPENED" -> 0;
            case "ESCALATED" -> 1;
            case "RESOLVED" -> 2;
            default -> 1;
        };
    }

    private static boolean resolved(AlertLine a) {
        return "RESOLVED".equals(a.transition());
    }

    private List<AlertLine> alertsIn(Instant from, Instant to) {
        return alerts.stream().filter(a -> !a.at().isBefore(from) && a.at().isBefore(to)).sorted(ALERT_ORDER).toList();
    }

    /** The latest transition before {@code end} of every alert, when it is not RESOLVED, oldest first. */
    private List<AlertLine> openAlertsAt(Instant end) {
        Map<String, AlertLine> latest = new HashMap<>();
        for (AlertLine a : alerts) {
            if (a.at().isBefore(end)) {
                latest.merge(a.alertId(), a, (x, y) -> ALERT_ORDER.compare(y, x) > 0 ? y : x);
            }
        }
        return latest.values().stream().filter(a -> !resolved(a)).sorted(ALERT_ORDER).toList();
    }

    /** Classes whose latest status before {@code end} is DISABLED, since the start of that disabled run, by name. */
    private List<DisabledClass> disabledAt(Instant end) {
        Map<String, DisabledClass> disabled = new TreeMap<>();
        statuses.forEach((strategyClass, history) -> {
            Map.Entry<Instant, StrategyStatusFact> latest = history.lowerEntry(end);
            if (latest != null && latest.getValue().disabled()) {
                StrategyStatusFact s = latest.getValue();
                disabled.put(strategyClass, new DisabledClass(strategyClass, disabledRunStart(history, latest.getKey()),
                        s.source(), s.reasons().isEmpty() ? null : String.join("; ", s.reasons())));
            }
        });
        return List.copyOf(disabled.values());
    }

    /** The first status of the run of DISABLED ending at {@code at}; {@code at} itself when it is not DISABLED. */
    private static Instant disabledRunStart(TreeMap<Instant, StrategyStatusFact> history, Instant at) {
        Instant start = at;
        for (Map.Entry<Instant, StrategyStatusFact> e : history.headMap(at, true).descendingMap().entrySet()) {
            if (!e.getValue().disabled()) {
                break;
            }
            start = e.getKey();
        }
        return start;
    }

    private static Instant startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The first epoch hour starting at or after {@code at} (so [from, to) of instants maps to [hourOf(from), hourOf(to))). */
    private static long hourOf(Instant at) {
        if (at.equals(Instant.MIN)) {
            return Long.MIN_VALUE;
        }
        return Math.ceilDiv(at.getEpochSecond() + (at.getNano() > 0 ? 1 : 0), HOUR_SECONDS);
    }

    /** The agents with rows kept, by name (tests and diagnostics). */
    public Set<String> agents() {
        return new TreeSet<>(buckets.keySet());
    }

    /** How many (agent, hour) buckets are kept: the history's memory grows with this, not with rows. */
    public int bucketCount() {
        return buckets.values().stream().mapToInt(Map::size).sum();
    }
}
