package com.metasupervisor.demo.score;

import com.metasupervisor.streams.check.ArgChecker;

/**
 * An allocation policy's paper figures as the demo read them from {@code allocations.shadow} (its latest record):
 * cumulative PnL, annualised Sharpe (null when undefined) and max drawdown (≤ 0), in bps.
 */
public record ObservedPolicy(String policy, boolean active, double cumulativePnlBps, Double sharpe, double maxDrawdownBps) {

    public ObservedPolicy {
        ArgChecker.notBlank(policy, "policy");
        ArgChecker.finite(cumulativePnlBps, "cumulativePnlBps");
        if (sharpe != null) {
            ArgChecker.finite(sharpe, "sharpe");
        }
        ArgChecker.finite(maxDrawdownBps, "maxDrawdownBps");
        ArgChecker.isTrue(maxDrawdownBps <= 0, "maxDrawdownBps must be ≤ 0, was " + maxDrawdownBps);
    }
}
