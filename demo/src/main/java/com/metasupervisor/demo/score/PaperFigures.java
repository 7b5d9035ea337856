package com.metasupervisor.demo.score;

import com.metasupervisor.streams.check.ArgChecker;

/**
 * One line of the paper-PnL table: a policy's figures from {@code allocations.shadow}, or the equal-weight fleet's
 * computed from the rows ({@code rows}/{@code days}: how many rows and days it covers; -1 for a policy's, not known here).
 */
public record PaperFigures(String name, boolean active, double cumulativePnlBps, Double sharpe, double maxDrawdownBps, int rows, int days) {

    public PaperFigures {
        ArgChecker.notBlank(name, "name");
        ArgChecker.finite(cumulativePnlBps, "cumulativePnlBps");
        if (sharpe != null) {
            ArgChecker.finite(sharpe, "sharpe");
        }
        ArgChecker.finite(maxDrawdownBps, "maxDrawdownBps");
        ArgChecker.isTrue(maxDrawdownBps <= 0, "maxDrawdownBps must be ≤ 0, was " + maxDrawdownBps);
        ArgChecker.atLeast(rows, -1, "rows");
        ArgChecker.atLeast(days, -1, "days");
    }

    static PaperFigures of(ObservedPolicy policy) {
        return new PaperFigures(policy.policy(), policy.active(), policy.cumulativePnlBps(), policy.sharpe(), policy.maxDrawdownBps(), -1, -1);
    }
}
