package com.metasupervisor.reporting.domain.report;

import com.metasupervisor.streams.check.ArgChecker;

/**
 * One agent's row of the report's table.
 *
 * @param weekPnlBps   sum of the agent's realized PnL (bps, unweighted) of the week's rows at the report horizon
 * @param weekRows     those rows
 * @param weekHitRate  hits / rows of the week; null without rows
 * @param sharpe30d    risk-service's 30-day Sharpe (risk.agent-stats); null when unknown
 * @param weight       weight in the latest allocation (0 when none)
 * @param status       the agent's status after the week's decisions (CANDIDATE, LIVE, RETIRED, KILLED) or null
 * @param lastDecision the action of its latest decision of the week (e.g. KILL), null when none
 */
public record AgentLine(String agent, String strategyClass, double weekPnlBps, long weekRows, Double weekHitRate,
                        Double sharpe30d, double weight, String status, String lastDecision) {
    public AgentLine {
        ArgChecker.notNull(agent, "agent");
        ArgChecker.finite(weekPnlBps, "weekPnlBps");
        ArgChecker.notNegative(weekRows, "weekRows");
        ArgChecker.inRange(weight, 0, 1, "weight");
    }
}
