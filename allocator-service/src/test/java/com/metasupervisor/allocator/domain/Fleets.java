package com.metasupervisor.allocator.domain;

import com.metasupervisor.allocator.config.AllocatorSettings;
import java.util.Map;
import java.util.TreeMap;

/** Test fleets: agents with figures, statuses and alerts, and the views the policies read. */
final class Fleets {

    static final RegimeView TREND = new RegimeView("TREND", 1.0, "ops");

    private Fleets() {
    }

    /** The SPEC §5 defaults with {@code policy} active. */
    static AllocatorSettings settings(String policy) {
        AllocatorSettings d = AllocatorSettings.defaults();
        return new AllocatorSettings(policy, d.horizonHours(), d.evaluationInterval(), d.publishThreshold(), d.alertMultiplier(),
                d.weightsFile(), d.historySize(), d.regime(), d.pnlProportional(), d.composite(), d.softPenalty());
    }

    /** Figures with only the PnL sum set (hit rate etc. neutral: null), class macro. */
    static AgentFigures pnl(double pnlSumBps) {
        return figures("macro", pnlSumBps, 0.0, null, null, null, 0.0, null, 1.0);
    }

    static AgentFigures figures(String cls, double pnlSum, double pnl7d, Double sharpe, Double winrate, Double hitRate,
            double maxDd, Double avgAbsError, double confidence) {
        return new AgentFigures(cls, 10, pnl7d, pnlSum, pnlSum, sharpe, winrate, hitRate, maxDd, 0.0, avgAbsError, confidence);
    }

    static AgentView live(String agent, AgentFigures f) {
        return new AgentView(agent, f == null ? "macro" : f.strategyClass(), Lifecycle.LIVE, StatusSource.GOVERNANCE, null, f, null, null);
    }

    static AgentView killed(String agent, AgentFigures f) {
        return new AgentView(agent, f.strategyClass(), Lifecycle.KILLED, StatusSource.GOVERNANCE, "drawdown", f, null, null);
    }

    static AgentView alerted(String agent, AgentFigures f, String alertId) {
        return new AgentView(agent, f.strategyClass(), Lifecycle.LIVE, StatusSource.GOVERNANCE, null, f,
                new OpenAlert(alertId, "DIVERGENCE"), null);
    }

    static FleetView fleet(RegimeView regime, boolean paused, Map<String, Double> cvar, AgentView... agents) {
        TreeMap<String, AgentView> m = new TreeMap<>();
        for (AgentView a : agents) {
            m.put(a.agent(), a);
        }
        return new FleetView(m, regime, paused, cvar, 1_000L);
    }

    static FleetView fleet(AgentView... agents) {
        return fleet(TREND, false, Map.of(), agents);
    }

    static double weight(Allocation a, String agent) {
        return a.agents().get(agent).weight();
    }
}
