package com.metasupervisor.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.simulator.fleet.AgentRole;
import com.metasupervisor.simulator.fleet.Fleet;
import com.metasupervisor.simulator.fleet.SimulatedAgent;
import com.metasupervisor.simulator.fleet.StrategyClasses;
import com.metasupervisor.simulator.market.MarketPath;
import com.metasupervisor.simulator.market.Regime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's scenarios against SPEC §4 and §6's defaults, brute-forced from the simulated calls for seeds 1..5 and 42
 * (24 agents, 30 days): every good call priced at 24 h as the reconciler prices it (entry the first tick at or after
 * the call, exit the first at or after call + 24 h; only rows whose exit tick is published, i.e. before the run's end),
 * expected = 0 (a conservative stand-in for the sim model). Prints the figures the lead quotes.
 */
class ScenarioCalibrationTest {

    private static final long[] SEEDS = {1, 2, 3, 4, 5, 42};
    private static final Duration TICK = Duration.ofMinutes(5);
    private static final Instant START = Instant.parse("2026-10-31T09:15:00Z");
    private static final Duration WINDOW = Duration.ofDays(30);
    private static final Duration EVALUATION_STEP = Duration.ofHours(6);

    /** The macro CRISIS CVaR limit the demo's kill list should use (DemoKillList.CRISIS_LIMIT_BPS). */
    private static final double DEMO_MACRO_CRISIS_LIMIT_BPS = 55;
    /** "With margin": a sound figure stays within this share of its limit, a broken one beyond limit / this. */
    private static final double MARGIN = 0.8;
    private static final Map<String, Map<Regime, Double>> SPEC_CVAR_LIMITS = Map.of(
            "macro", Map.of(Regime.TREND, 120.0, Regime.RANGE, 90.0),
            "arb", Map.of(Regime.TREND, 140.0, Regime.RANGE, 110.0));

    private static final Map<Long, SeedFigures> FIGURES = new TreeMap<>();

    /** One reconciled 24 h row. */
    private record Row(String agent, String strategyClass, Regime regime, Instant emittedAt, Instant maturedAt, double pnlBps) {
    }

    private record AgentFigures(String agent, AgentRole role, int n, double maxDrawdownBps, double sharpe, double worstRetirePnlBps,
                                double maxMeanAbs80, double maxAbsMean80) {
    }

    private record ClassFigures(double bookDrawdownBps, double minHitRate, Map<Regime, Double> finalCvar, Map<Regime, Double> maxCvar,
                                Map<Regime, Double> minCvarFrom100) {
    }

    private record SeedFigures(SimulationRun run, Map<String, AgentFigures> agents, Map<String, ClassFigures> classes, double macroDisabledDay,
                               double candidatePromoteDay, boolean candidateKeepsMeetingPromote, int driftRowsToCollapse,
                               double driftPnlAfterDriftBps, Map<Integer, Double> driftHitRate80ByDay) {
    }

    @BeforeAll
    static void simulateEverySeed() {
        for (long seed : SEEDS) {
            SimulationRun run = FleetSimulation.run(SimulationSpec.of(seed, 30, 24, START, TICK));
            FIGURES.put(seed, figures(run, rows(run)));
        }
        printTable();
    }

    @Test
    void everySoundAgentSurvivesSpecSixWithMargin() {
        FIGURES.forEach((seed, f) -> f.agents().values().stream().filter(a -> isSound(a.role())).forEach(a -> {
            String who = "seed " + seed + " " + a.agent();
            assertThat(a.maxDrawdownBps()).as(who + " max drawdown").isGreaterThan(-350);
            assertThat(a.sharpe()).as(who + " Sharpe").isPositive();
            assertThat(a.worstRetirePnlBps()).as(who + " lowest pnl_30d from its 50th row on (RETIRE if ≤ 0)").isPositive();
            assertThat(a.maxMeanAbs80()).as(who + " mean |realized| over 80 rows").isLessThan(0.8 * 90);
            assertThat(a.maxAbsMean80()).as(who + " |mean realized| over 80 rows").isLessThan(0.8 * 40);
        }));
    }

    @Test
    void arbAndFundingBooksStayInsideTheirKillListLimits() {
        FIGURES.forEach((seed, f) -> {
            assertThat(f.classes().get("arb").bookDrawdownBps()).as("seed " + seed + " arb book drawdown").isGreaterThan(MARGIN * -250);
            assertThat(f.classes().get("funding").bookDrawdownBps()).as("seed " + seed + " funding book drawdown").isGreaterThan(MARGIN * -200);
            assertThat(f.classes().get("arb").minHitRate()).as("seed " + seed + " arb hit rate").isGreaterThanOrEqualTo(0.42 + 0.03);
        });
    }

    @Test
    void theBrokenClassesCrisisCvarIsAboveTheDemoLimitAndEverySoundClassBelowIt() {
        FIGURES.forEach((seed, f) -> {
            ClassFigures macro = f.classes().get("macro");
            assertThat(macro.finalCvar().get(Regime.CRISIS)).as("seed " + seed + " macro CRISIS cvar95 at the end")
                    .isGreaterThan(DEMO_MACRO_CRISIS_LIMIT_BPS / MARGIN);
            assertThat(f.macroDisabledDay()).as("seed " + seed + " first day macro breaches the limit while in CRISIS").isLessThan(30);
            f.classes().forEach((strategyClass, c) -> {
                if (!strategyClass.equals("macro") && !strategyClass.equals("sentiment")) {
                    assertThat(c.maxCvar().get(Regime.CRISIS)).as("seed " + seed + " " + strategyClass + " CRISIS cvar95, highest")
                            .isLessThan(MARGIN * DEMO_MACRO_CRISIS_LIMIT_BPS);
                }
            });
        });
    }

    @Test
    void noClassBreachesSpecsTrendAndRangeCvarLimits() {
        FIGURES.forEach((seed, f) -> SPEC_CVAR_LIMITS.forEach((strategyClass, limits) -> limits.forEach((regime, limit) ->
                assertThat(f.classes().get(strategyClass).maxCvar().get(regime)).as("seed " + seed + " " + strategyClass + " " + regime)
                        .isLessThan(MARGIN * limit))));
    }

    @Test
    void theCandidateMeetsPromoteWithinSixDaysAndKeepsMeetingIt() {
        FIGURES.forEach((seed, f) -> {
            assertThat(f.candidatePromoteDay()).as("seed " + seed + " candidate's first day meeting PROMOTE").isLessThanOrEqualTo(6);
            assertThat(f.candidateKeepsMeetingPromote()).as("seed " + seed + " candidate keeps meeting PROMOTE").isTrue();
        });
    }

    @Test
    void theDriftingAgentsHitRateCollapsesWithinAHundredRowsAndItsPnlDeclines() {
        FIGURES.forEach((seed, f) -> {
            assertThat(f.driftRowsToCollapse()).as("seed " + seed + " rows from the drift start to an 80-row hit rate < 0.35")
                    .isBetween(1, 120);
            assertThat(f.driftPnlAfterDriftBps()).as("seed " + seed + " drifting agent's PnL after the drift").isNegative();
        });
    }

    private static boolean isSound(AgentRole role) {
        return role == AgentRole.SOUND || role == AgentRole.STRONG_CANDIDATE;
    }

    /** The reconciler's 24 h rows, from the market path's ticks (the exit tick must be before the end: it is published). */
    private static List<Row> rows(SimulationRun run) {
        MarketPath market = run.market();
        Instant start = run.spec().start();
        Instant end = run.spec().end();
        long tick = TICK.toMillis();
        List<Row> rows = new ArrayList<>();
        for (AgentCall call : run.calls()) {
            if (call.isBad()) {
                continue;
            }
            long entryMillis = Duration.between(start, call.emittedAt()).toMillis();
            int entry = (int) ((entryMillis + tick - 1) / tick);
            int exit = (int) ((entryMillis + Duration.ofHours(24).toMillis() + tick - 1) / tick);
            Instant maturedAt = market.timeOf(exit);
            if (!maturedAt.isBefore(end)) {
                continue;
            }
            double realized = call.direction() * (market.price(call.symbol(), exit) / market.price(call.symbol(), entry) - 1) * 10_000;
            rows.add(new Row(call.agent(), call.strategyClass(), Regime.valueOf(call.regime()), call.emittedAt(), maturedAt, realized));
        }
        rows.sort(Comparator.comparing(Row::maturedAt).thenComparing(Row::emittedAt).thenComparing(Row::agent));
        return rows;
    }

    private static SeedFigures figures(SimulationRun run, List<Row> rows) {
        Map<String, AgentFigures> agents = new LinkedHashMap<>();
        for (SimulatedAgent agent : run.fleet().agents()) {
            List<Row> own = rows.stream().filter(r -> r.agent().equals(agent.agent())).toList();
            agents.put(agent.agent(), agentFigures(agent, own, run.spec().start()));
        }
        Map<String, ClassFigures> classes = new LinkedHashMap<>();
        List<Instant> evaluations = evaluations(run);
        Instant driftStart = run.fleet().driftStart();
        for (String strategyClass : StrategyClasses.ALL) {
            List<Row> own = rows.stream().filter(r -> r.strategyClass().equals(strategyClass)).toList();
            // the CVaR a sound class shows: without the drifting agent's rows once it drifts
            List<Row> sound = own.stream().filter(r -> !(r.agent().equals(Fleet.DRIFTING) && r.emittedAt().isAfter(driftStart))).toList();
            classes.put(strategyClass, classFigures(own, sound, evaluations));
        }
        List<Row> candidate = rows.stream().filter(r -> r.agent().equals(Fleet.CANDIDATE)).toList();
        double promoteDay = Double.NaN;
        boolean keeps = true;
        for (Instant at : evaluations) {
            boolean meets = meetsPromote(candidate, at, run.spec().start());
            if (Double.isNaN(promoteDay) && meets) {
                promoteDay = Duration.between(run.spec().start(), at).toMinutes() / 1440.0;
            } else if (!Double.isNaN(promoteDay) && !meets) {
                keeps = false;
            }
        }
        List<Row> drifting = rows.stream().filter(r -> r.agent().equals(Fleet.DRIFTING)).toList();
        int firstDriftRow = 0;
        while (firstDriftRow < drifting.size() && drifting.get(firstDriftRow).emittedAt().isBefore(driftStart)) {
            firstDriftRow++;
        }
        int collapse = -1;
        for (int i = Math.max(79, firstDriftRow); i < drifting.size(); i++) {
            if (hitRate(drifting.subList(i - 79, i + 1)) < 0.35) {
                collapse = i - firstDriftRow + 1;
                break;
            }
        }
        Instant driftEnd = driftStart.plus(run.spec().scenarios().driftOver());
        double afterDrift = drifting.stream().filter(r -> !r.emittedAt().isBefore(driftEnd)).mapToDouble(Row::pnlBps).sum();
        Map<Integer, Double> byDay = new TreeMap<>();
        for (int day = 1; day <= run.spec().days(); day++) {
            Instant at = run.spec().start().plus(Duration.ofDays(day));
            List<Row> matured = drifting.stream().filter(r -> !r.maturedAt().isAfter(at)).toList();
            if (matured.size() >= 80) {
                byDay.put(day, hitRate(matured.subList(matured.size() - 80, matured.size())));
            }
        }
        return new SeedFigures(run, agents, classes, macroBreachDay(run, rows), promoteDay, keeps, collapse, afterDrift, byDay);
    }

    /**
     * The first hour at which macro's CRISIS cvar95 (newest ≤ 2 000 rows of 30 days, ≥ 30 rows) exceeds the demo's limit
     * while the regime is CRISIS (governance's current regime, approximated by the market's): when the demo can disable it.
     */
    private static double macroBreachDay(SimulationRun run, List<Row> rows) {
        List<Row> crisis = rows.stream().filter(r -> r.strategyClass().equals("macro") && r.regime() == Regime.CRISIS).toList();
        for (Instant at = run.spec().start(); at.isBefore(run.spec().end()); at = at.plus(Duration.ofHours(1))) {
            if (run.regimes().regimeAt(at) != Regime.CRISIS) {
                continue;
            }
            Instant now = at;
            List<Row> window = crisis.stream().filter(r -> !r.maturedAt().isAfter(now) && r.maturedAt().isAfter(now.minus(WINDOW))).toList();
            List<Row> newest = window.subList(Math.max(0, window.size() - 2_000), window.size());
            if (newest.size() >= 30 && cvar95(newest) > DEMO_MACRO_CRISIS_LIMIT_BPS) {
                return Duration.between(run.spec().start(), at).toMinutes() / 1440.0;
            }
        }
        return Double.NaN;
    }

    /** Every 6 h of the run, and its end. */
    private static List<Instant> evaluations(SimulationRun run) {
        List<Instant> at = new ArrayList<>();
        for (Instant t = run.spec().start().plus(EVALUATION_STEP); t.isBefore(run.spec().end()); t = t.plus(EVALUATION_STEP)) {
            at.add(t);
        }
        at.add(run.spec().end());
        return at;
    }

    private static AgentFigures agentFigures(SimulatedAgent agent, List<Row> rows, Instant start) {
        double[] pnl = rows.stream().mapToDouble(Row::pnlBps).toArray();
        double worstRetirePnl = Double.POSITIVE_INFINITY;
        int from = 0;
        double windowSum = 0;
        for (int i = 0; i < rows.size(); i++) {
            windowSum += pnl[i];
            while (!rows.get(from).maturedAt().isAfter(rows.get(i).maturedAt().minus(WINDOW))) {
                windowSum -= pnl[from++];
            }
            if (i + 1 >= 50) {
                worstRetirePnl = Math.min(worstRetirePnl, windowSum);
            }
        }
        double maxMeanAbs = 0;
        double maxAbsMean = 0;
        for (int i = 79; i < rows.size(); i++) {
            double sum = 0;
            double abs = 0;
            for (int j = i - 79; j <= i; j++) {
                sum += pnl[j];
                abs += Math.abs(pnl[j]);
            }
            maxMeanAbs = Math.max(maxMeanAbs, abs / 80);
            maxAbsMean = Math.max(maxAbsMean, Math.abs(sum / 80));
        }
        Instant end = rows.isEmpty() ? start : rows.getLast().maturedAt();
        return new AgentFigures(agent.agent(), agent.role(), rows.size(), maxDrawdown(pnl), sharpe(rows, start, end), worstRetirePnl,
                maxMeanAbs, maxAbsMean);
    }

    /** The book and hit rate from all the class's rows, the CVaR from {@code cvarRows}. */
    private static ClassFigures classFigures(List<Row> rows, List<Row> cvarRows, List<Instant> evaluations) {
        long agents = rows.stream().map(Row::agent).distinct().count();
        double bookDrawdown = maxDrawdown(rows.stream().mapToDouble(r -> r.pnlBps() / agents).toArray());
        double minHitRate = 1;
        Map<Regime, Double> maxCvar = new EnumMap<>(Regime.class);
        Map<Regime, Double> minCvarFrom100 = new EnumMap<>(Regime.class);
        for (Instant at : evaluations) {
            List<Row> window = rows.stream().filter(r -> !r.maturedAt().isAfter(at) && r.maturedAt().isAfter(at.minus(WINDOW))).toList();
            if (window.size() >= 30) {
                minHitRate = Math.min(minHitRate, hitRate(window));
            }
            for (Regime regime : Regime.values()) {
                List<Row> keyed = cvarRows.stream().filter(r -> r.regime() == regime
                        && !r.maturedAt().isAfter(at) && r.maturedAt().isAfter(at.minus(WINDOW))).toList();
                List<Row> newest = keyed.subList(Math.max(0, keyed.size() - 2_000), keyed.size());
                if (newest.size() >= 30) {
                    maxCvar.merge(regime, cvar95(newest), Math::max);
                }
                if (newest.size() >= 100) {
                    minCvarFrom100.merge(regime, cvar95(newest), Math::min);
                }
            }
        }
        Map<Regime, Double> finalCvar = new EnumMap<>(Regime.class);
        for (Regime regime : Regime.values()) {
            List<Row> keyed = cvarRows.stream().filter(r -> r.regime() == regime).toList();
            if (!keyed.isEmpty()) {
                finalCvar.put(regime, cvar95(keyed.subList(Math.max(0, keyed.size() - 2_000), keyed.size())));
            }
        }
        return new ClassFigures(bookDrawdown, minHitRate, finalCvar, maxCvar, minCvarFrom100);
    }

    /** SPEC §6's PROMOTE figures at {@code at}: n ≥ 100, sharpe_30d ≥ 1, winrate_30d ≥ 0.5, max_drawdown_30d ≥ −200. */
    private static boolean meetsPromote(List<Row> rows, Instant at, Instant start) {
        List<Row> window = rows.stream().filter(r -> !r.maturedAt().isAfter(at) && r.maturedAt().isAfter(at.minus(WINDOW))).toList();
        if (window.size() < 100) {
            return false;
        }
        return sharpe(window, start, at) >= 1.0 && hitRate(window) >= 0.5
                && maxDrawdown(window.stream().mapToDouble(Row::pnlBps).toArray()) >= -200;
    }

    /** SPEC §4: −mean of the worst ⌈5 %·n⌉ errors (expected 0). */
    private static double cvar95(List<Row> rows) {
        double[] errors = rows.stream().mapToDouble(Row::pnlBps).sorted().toArray();
        int k = Math.max(1, (int) Math.ceil(0.05 * errors.length));
        return -Arrays.stream(errors, 0, k).average().orElseThrow();
    }

    private static double hitRate(List<Row> rows) {
        return rows.stream().filter(r -> r.pnlBps() > 0).count() / (double) rows.size();
    }

    /** The deepest fall of the cumulative curve from a previous peak (≤ 0; the curve starts at 0). */
    private static double maxDrawdown(double[] pnl) {
        double cumulative = 0;
        double peak = 0;
        double drawdown = 0;
        for (double p : pnl) {
            cumulative += p;
            peak = Math.max(peak, cumulative);
            drawdown = Math.min(drawdown, cumulative - peak);
        }
        return drawdown;
    }

    /** SPEC §4: the daily PnL series by matured day from {@code start} to {@code end} (days without rows 0), mean/std·√365. */
    private static double sharpe(List<Row> rows, Instant start, Instant end) {
        int days = (int) Math.max(1, (Duration.between(start, end).toMillis() + 86_399_999) / 86_400_000);
        double[] daily = new double[days];
        for (Row r : rows) {
            int day = (int) Math.min(days - 1, Duration.between(start, r.maturedAt()).toMillis() / 86_400_000);
            daily[day] += r.pnlBps();
        }
        double mean = Arrays.stream(daily).average().orElseThrow();
        double variance = Arrays.stream(daily).map(d -> (d - mean) * (d - mean)).sum() / Math.max(1, days - 1);
        return variance == 0 ? Double.NaN : mean / Math.sqrt(variance) * Math.sqrt(365);
    }

    private static void printTable() {
        StringBuilder out = new StringBuilder("\nScenario calibration (24 agents, 30 days; 24 h rows, expected = 0)\n");
        out.append(String.format(Locale.ROOT, "%-5s %-26s %-22s %-12s %-8s %-9s %-11s %-10s%n", "seed", "worst sound agent DD (bps)",
                "lowest sound Sharpe", "min pnl_30d", "div80", "cand day", "drift rows", "macro day"));
        FIGURES.forEach((seed, f) -> {
            List<AgentFigures> sound = f.agents().values().stream().filter(a -> isSound(a.role())).toList();
            AgentFigures worst = sound.stream().min(Comparator.comparingDouble(AgentFigures::maxDrawdownBps)).orElseThrow();
            AgentFigures lowSharpe = sound.stream().min(Comparator.comparingDouble(AgentFigures::sharpe)).orElseThrow();
            double worstRetire = sound.stream().mapToDouble(AgentFigures::worstRetirePnlBps).min().orElseThrow();
            double div = sound.stream().mapToDouble(AgentFigures::maxMeanAbs80).max().orElseThrow();
            double divMean = sound.stream().mapToDouble(AgentFigures::maxAbsMean80).max().orElseThrow();
            out.append(String.format(Locale.ROOT, "%-5d %-26s %-22s %-12.0f %-8s %-9.2f %-11d %-10.2f%n", seed,
                    String.format(Locale.ROOT, "%.0f (%s)", worst.maxDrawdownBps(), worst.agent()),
                    String.format(Locale.ROOT, "%.1f (%s)", lowSharpe.sharpe(), lowSharpe.agent()), worstRetire,
                    String.format(Locale.ROOT, "%.0f/%.0f", div, divMean), f.candidatePromoteDay(), f.driftRowsToCollapse(),
                    f.macroDisabledDay()));
        });
        out.append("\ncvar95 by class x regime (bps): final over the newest 2000 rows | highest over time (n >= 30) | lowest from n >= 100\n");
        for (String strategyClass : StrategyClasses.ALL) {
            out.append(String.format(Locale.ROOT, "%-11s", strategyClass));
            for (Regime regime : Regime.values()) {
                out.append(String.format(Locale.ROOT, " %-7s", regime));
                FIGURES.forEach((seed, f) -> {
                    ClassFigures c = f.classes().get(strategyClass);
                    out.append(String.format(Locale.ROOT, " %3.0f|%3.0f|%3.0f", c.finalCvar().getOrDefault(regime, Double.NaN),
                            c.maxCvar().getOrDefault(regime, Double.NaN), c.minCvarFrom100().getOrDefault(regime, Double.NaN)));
                });
            }
            out.append('\n');
        }
        out.append("\nclass books: drawdown (bps) / lowest hit rate, per seed\n");
        for (String strategyClass : StrategyClasses.ALL) {
            out.append(String.format(Locale.ROOT, "%-11s", strategyClass));
            FIGURES.forEach((seed, f) -> out.append(String.format(Locale.ROOT, " %5.0f/%.2f", f.classes().get(strategyClass).bookDrawdownBps(),
                    f.classes().get(strategyClass).minHitRate())));
            out.append('\n');
        }
        out.append("\ndrifting agent (arb_01) 80-row hit rate by day (drift starts day 15), per seed\n");
        FIGURES.forEach((seed, f) -> out.append(String.format(Locale.ROOT, "%-5d %s  | PnL after the drift %.0f bps%n", seed,
                f.driftHitRate80ByDay().entrySet().stream().filter(e -> e.getKey() >= 12)
                        .map(e -> String.format(Locale.ROOT, "d%d %.2f", e.getKey(), e.getValue())).collect(Collectors.joining(" ")),
                f.driftPnlAfterDriftBps())));
        out.append("\nunsound agents (not asserted): max drawdown bps\n");
        FIGURES.forEach((seed, f) -> out.append(String.format(Locale.ROOT, "%-5d %s%n", seed, f.agents().values().stream()
                .filter(a -> !isSound(a.role()) && Set.of(AgentRole.DRIFTING, AgentRole.BROKEN_CLASS, AgentRole.DECAYED).contains(a.role()))
                .map(a -> String.format(Locale.ROOT, "%s %.0f", a.agent(), a.maxDrawdownBps())).collect(Collectors.joining(", ")))));
        System.out.println(out);
    }
}
