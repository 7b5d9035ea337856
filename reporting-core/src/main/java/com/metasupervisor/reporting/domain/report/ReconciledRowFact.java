package com.metasupervisor.reporting.domain.report;

import com.metasupervisor.streams.check.ArgChecker;

import java.time.Instant;

/**
 * One reconciled row (alpha.reconciled): an agent's realized PnL at a horizon, matured at {@code maturedAt}.
 *
 * @param hit realized PnL &gt; 0, as the reconciler decided it
 */
public record ReconciledRowFact(String agent, String strategyClass, int horizonHours, Instant maturedAt,
                                double realizedPnlBps, boolean hit) implements ReportFact {
    public ReconciledRowFact {
        ArgChecker.notNull(agent, "agent");
        ArgChecker.notNull(strategyClass, "strategyClass");
        ArgChecker.positive(horizonHours, "horizonHours");
        ArgChecker.notNull(maturedAt, "maturedAt");
        ArgChecker.finite(realizedPnlBps, "realizedPnlBps");
    }
}
