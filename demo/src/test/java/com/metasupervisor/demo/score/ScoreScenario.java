package com.metasupervisor.demo.score;

import com.metasupervisor.simulator.Truth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-built run to score: a 10-day truth (six agents; the broken class macro in CRISIS on day 3 00:00 → day 4 12:00
 * and day 7 00:00 → 12:00; arb_01 drifting from day 6 00:00) and the facts of a run, perfect unless a test changes them.
 */
final class ScoreScenario {

    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant FIRST_CRISIS = Instant.parse("2026-11-03T00:00:00Z");
    static final Instant DRIFT_START = Instant.parse("2026-11-06T00:00:00Z");

    final List<ObservedDecision> decisions = new ArrayList<>();
    final List<ObservedAlert> alerts = new ArrayList<>();
    final List<ObservedPolicy> policies = new ArrayList<>();
    final List<ObservedRow> rows = new ArrayList<>();
    final List<ObservedWeight> weights = new ArrayList<>();
    String soundAgent = "trend_01";
    String policyName = "risk-parity";

    /** The supervisor did everything right: disabled macro 6.5 h into the first CRISIS, alerted arb_01 9.25 h after its drift. */
    static ScoreScenario perfect() {
        ScoreScenario s = new ScoreScenario();
        s.decisions.add(classDecision("2026-11-03T06:30:00Z", "DISABLE_CLASS"));
        s.decisions.add(agentDecision("2026-11-03T06:30:01Z", "macro_01", "RETIRE", false));
        s.decisions.add(agentDecision("2026-11-03T06:30:01Z", "macro_02", "RETIRE", false));
        s.decisions.add(agentDecision("2026-11-02T10:00:00Z", "funding_01", "KILL", false));
        s.decisions.add(agentDecision("2026-11-05T12:00:00Z", "alt_data_01", "PROMOTE", false));
        // a dry run changes nothing: never a false kill
        s.decisions.add(agentDecision("2026-11-04T00:00:00Z", "trend_01", "KILL", true));
        // the drifting agent is unsound late: removing it is right
        s.decisions.add(agentDecision("2026-11-09T00:00:00Z", "arb_01", "RETIRE", false));
        s.alerts.add(new ObservedAlert(Instant.parse("2026-11-06T09:15:00Z"), "a-1", "arb_01", "DIVERGENCE", "OPENED"));
        s.alerts.add(new ObservedAlert(Instant.parse("2026-11-06T20:00:00Z"), "a-1", "arb_01", "DIVERGENCE", "ESCALATED"));
        s.weights.add(new ObservedWeight(Instant.parse("2026-11-05T08:00:00Z"), "arb_01", 0.08));
        s.weights.add(new ObservedWeight(Instant.parse("2026-11-06T09:15:00Z"), "arb_01", 0.04));
        s.policies.add(new ObservedPolicy("risk-parity", true, 120.5, 1.25, -30.0));
        s.policies.add(new ObservedPolicy("equal-weight", false, 80.0, null, -12.5));
        return s;
    }

    Truth truth() {
        List<Truth.AgentTruth> agents = List.of(
                agent("macro_01", "macro", "BROKEN_CLASS", "LIVE"),
                agent("macro_02", "macro", "BROKEN_CLASS", "LIVE"),
                agent("arb_01", "arb", "DRIFTING", "LIVE"),
                agent("alt_data_01", "alt_data", "STRONG_CANDIDATE", "CANDIDATE"),
                agent("funding_01", "funding", "ERRORING", "LIVE"),
                agent(soundAgent, "trend", "SOUND", "LIVE"));
        Truth.EpisodeTruth crisis1 = new Truth.EpisodeTruth("CRISIS", "2026-11-03T00:00:00Z", "2026-11-04T12:00:00Z", 48, 84);
        Truth.EpisodeTruth crisis2 = new Truth.EpisodeTruth("CRISIS", "2026-11-07T00:00:00Z", "2026-11-07T12:00:00Z", 144, 156);
        List<Truth.EpisodeTruth> regimes = List.of(
                new Truth.EpisodeTruth("TREND", "2026-10-30T00:00:00Z", "2026-11-03T00:00:00Z", -48, 48), crisis1,
                new Truth.EpisodeTruth("RANGE", "2026-11-04T12:00:00Z", "2026-11-07T00:00:00Z", 84, 144), crisis2,
                new Truth.EpisodeTruth("TREND", "2026-11-07T12:00:00Z", "2026-11-11T00:00:00Z", 156, 240));
        return new Truth(42, 10, START.toString(), "2026-11-11T00:00:00Z", "PT5M", List.of("BTC-USD"),
                List.of("broken-class", "drifting-agent", "strong-candidate", "erroring-agent"), agents, regimes,
                new Truth.BrokenClassTruth("macro", 0.38, List.of("macro_01", "macro_02"), List.of(crisis1, crisis2)),
                new Truth.DriftTruth("arb_01", DRIFT_START.toString(), 120, 0.56, 0.38),
                new Truth.CandidateTruth("alt_data_01", 0.66),
                new Truth.ErroringTruth("funding_01", 0.3, 100, 30, List.of()),
                new Truth.Counts(1000, 500, 30));
    }

    DemoScore score() {
        List<ObservedPolicy> named = new ArrayList<>(policies);
        if (!named.isEmpty()) {
            ObservedPolicy p = named.getFirst();
            named.set(0, new ObservedPolicy(policyName, p.active(), p.cumulativePnlBps(), p.sharpe(), p.maxDrawdownBps()));
        }
        return DemoScore.of(truth(), decisions, alerts, named, rows, weights);
    }

    static ObservedDecision agentDecision(String at, String agent, String action, boolean dryRun) {
        return new ObservedDecision(Instant.parse(at), agent, ObservedDecision.AGENT, action, dryRun, List.of("test"));
    }

    static ObservedDecision classDecision(String at, String action) {
        return new ObservedDecision(Instant.parse(at), "macro", ObservedDecision.STRATEGY_CLASS, action, false, List.of("cvar_over_limit"));
    }

    private static Truth.AgentTruth agent(String id, String strategyClass, String role, String status) {
        return new Truth.AgentTruth(id, strategyClass, status, strategyClass + "-desk", role, 0.55, 60);
    }
}
