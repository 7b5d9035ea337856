package com.metasupervisor.risk.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Instant;

/**
 * An agent's statistics at its scoring horizon (SPEC §4; {@code AgentStats} without the multiplier,
 * which also needs the model: {@link ConfidenceMultiplier}). Null where a figure has no rows to speak of.
 *
 * @param asOf               the time the windows end at: the later of the requested time and the window's clock
 * @param n                  rows, all time
 * @param pnlSumBps          realized PnL, all time
 * @param hitRate            share of rows with realized > 0, all time
 * @param pnl7dBps           realized PnL of the rows that matured in (asOf − 7 d, asOf]
 * @param pnl30dBps          same over 30 d
 * @param rows30d            rows in the 30-day window
 * @param winrate30d         share of those rows with realized > 0
 * @param sharpe30d          annualised Sharpe of the daily PnL of the 30 UTC days ending with asOf's day
 * @param maxDrawdown30dBps  deepest fall (≤ 0) of the cumulative PnL of the 30-day rows in matured_at order
 * @param events30d          events recorded over the 30 UTC days ending with asOf's day
 * @param errorRate          the agent's own errors (rejected, unknown symbol) / events over those days; 0 without events
 * @param unpricedRate       events not priced through no fault of the agent (feed gap, beyond the catch-up bound) /
 *                           events over those days; 0 without events; never in the error rate
 * @param avgAbsErrorBps     mean abs error of the newest rows
 * @param rmseBps            RMSE of the newest rows
 * @param ewmaAbsErrorBps    EWMA of abs error over all rows in arrival order
 * @param lastMaturedAt      matured_at of the newest row
 */
public record AgentFigures(Instant asOf, long n, double pnlSumBps, Double hitRate, double pnl7dBps, double pnl30dBps,
        int rows30d, Double winrate30d, Double sharpe30d, double maxDrawdown30dBps, long events30d, double errorRate,
        double unpricedRate, Double avgAbsErrorBps, Double rmseBps, Double ewmaAbsErrorBps, Instant lastMaturedAt) {

    public AgentFigures {
        ArgChecker.notNull(asOf, "asOf");
        ArgChecker.notNegative(n, "n");
        ArgChecker.notNegative(rows30d, "rows30d");
        ArgChecker.notNegative(events30d, "events30d");
        ArgChecker.isTrue(maxDrawdown30dBps <= 0, "maxDrawdown30dBps must be <= 0, was " + maxDrawdown30dBps);
        ArgChecker.inRange(errorRate, 0, 1, "errorRate");
        ArgChecker.inRange(unpricedRate, 0, 1, "unpricedRate");
        // the two rates share one denominator; a rounding's slack at most
        ArgChecker.isTrue(errorRate + unpricedRate <= 1 + 1e-12,
                "errorRate + unpricedRate must be <= 1, was " + errorRate + " + " + unpricedRate);
        ArgChecker.isTrue((n == 0) == (hitRate == null) && (rows30d == 0) == (winrate30d == null),
                "a rate is null exactly when it has no rows");
    }
}
