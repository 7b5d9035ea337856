package com.metasupervisor.reporting.domain.report;

import com.metasupervisor.streams.check.ArgChecker;

/** One allocation policy's paper results as allocations.shadow last published them. */
public record PolicyLine(String policy, boolean active, double cumulativePnlBps, Double sharpe, double maxDrawdownBps,
                         double turnover, long weightChanges, long rows, int days) {
    public PolicyLine {
        ArgChecker.notNull(policy, "policy");
    }
}
