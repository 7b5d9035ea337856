package com.metasupervisor.reporting.domain.report;

import com.metasupervisor.streams.check.ArgChecker;

import java.time.Instant;

/**
 * An agent's risk figures (risk.agent-stats) computed at {@code at}, at a scoring horizon.
 *
 * @param sharpe30d null when risk could not compute it
 */
public record AgentStatsFact(String agent, String strategyClass, int horizonHours, Double sharpe30d, Instant at)
        implements ReportFact {
    public AgentStatsFact {
        ArgChecker.notNull(agent, "agent");
        ArgChecker.positive(horizonHours, "horizonHours");
        ArgChecker.notNull(at, "at");
    }
}
