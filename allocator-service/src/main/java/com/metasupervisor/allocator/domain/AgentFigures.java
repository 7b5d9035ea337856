package com.metasupervisor.allocator.domain;

import com.metasupervisor.streams.check.ArgChecker;

/** An agent's risk.agent-stats figures as the policies read them. */
public record AgentFigures(String strategyClass, long n, double pnl7dBps, double pnl30dBps, double pnlSumBps,
        Double sharpe30d, Double winrate30d, Double hitRate, double maxDrawdown30dBps, double errorRate,
        Double avgAbsErrorBps, double confidenceMultiplier) {
    public AgentFigures {
        ArgChecker.notNegative(n, "n");
        ArgChecker.finite(pnl7dBps, "pnl7dBps");
        ArgChecker.finite(pnl30dBps, "pnl30dBps");
        ArgChecker.finite(pnlSumBps, "pnlSumBps");
        finiteOrNull(sharpe30d, "sharpe30d");
        finiteOrNull(winrate30d, "winrate30d");
        finiteOrNull(hitRate, "hitRate");
        ArgChecker.finite(maxDrawdown30dBps, "maxDrawdown30dBps");
        ArgChecker.finite(errorRate, "errorRate");
        finiteOrNull(avgAbsErrorBps, "avgAbsErrorBps");
        ArgChecker.notNegative(confidenceMultiplier, "confidenceMultiplier");
    }

    private static void finiteOrNull(Double v, String name) {
        if (v != null) {
            ArgChecker.finite(v, name);
        }
    }
}
