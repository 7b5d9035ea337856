package com.metasupervisor.risk.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Instant;

/**
 * The risk of one strategy × regime × horizon window (SPEC §4; {@code StrategyRegimeRisk}). Sign
 * convention of both tail figures: positive = the strategy under-delivers its model by that much.
 *
 * @param n                  rows in the window
 * @param tailRows           k = max(1, ⌈tail · n⌉), the rows averaged by the CVaR
 * @param cvar95ShortfallBps −(mean of the k lowest pnl_error_bps)
 * @param var95Bps           −(the k-th lowest pnl_error_bps): the error level of the tail's edge, so
 *                           var95 ≤ cvar95 always (the empirical lower 5 % quantile, negated)
 * @param meanErrorBps       mean pnl_error_bps
 * @param hitRate            share of rows with realized PnL > 0
 * @param pnlSumBps          sum of realized PnL of the window
 * @param windowStart        matured_at of the oldest row in the window
 * @param windowEnd          matured_at of the newest row in the window
 */
public record CvarFigures(int n, int tailRows, double cvar95ShortfallBps, double var95Bps, double meanErrorBps,
        double hitRate, double pnlSumBps, Instant windowStart, Instant windowEnd) {

    public CvarFigures {
        ArgChecker.positive(n, "n");
        ArgChecker.positive(tailRows, "tailRows");
        ArgChecker.isTrue(tailRows <= n, "need tailRows <= n, were " + tailRows + " and " + n);
        ArgChecker.inRange(hitRate, 0, 1, "hitRate");
        ArgChecker.notNull(windowStart, "windowStart");
        ArgChecker.notNull(windowEnd, "windowEnd");
        ArgChecker.isTrue(!windowEnd.isBefore(windowStart), "windowEnd " + windowEnd + " is before windowStart " + windowStart);
    }
}
