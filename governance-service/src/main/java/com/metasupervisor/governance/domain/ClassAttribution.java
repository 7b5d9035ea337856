package com.metasupervisor.governance.domain;

import com.metasupervisor.streams.check.ArgChecker;

/**
 * A strategy class's attributed performance over its window: the cumulative PnL curve of its rows in
 * matured order (ties in input order), its deepest drawdown from a running peak (the curve starts at 0, so a
 * first losing row is a drawdown), its hit rate and its PnL.
 *
 * @param rows           rows in the window
 * @param pnlBps         sum of realized PnL
 * @param hitRate        share of rows with realized &gt; 0; null without rows
 * @param maxDrawdownBps deepest drop of the curve below its running peak (≤ 0; 0 without rows)
 */
public record ClassAttribution(int rows, double pnlBps, Double hitRate, double maxDrawdownBps) {

    public static final ClassAttribution EMPTY = new ClassAttribution(0, 0, null, 0);

    public ClassAttribution {
        ArgChecker.notNegative(rows, "rows");
        ArgChecker.finite(pnlBps, "pnlBps");
        ArgChecker.isTrue((rows == 0) == (hitRate == null), "hitRate is set exactly when there are rows");
        if (hitRate != null) {
            ArgChecker.inRange(hitRate, 0, 1, "hitRate");
        }
        ArgChecker.isTrue(maxDrawdownBps <= 0 && Double.isFinite(maxDrawdownBps), "maxDrawdownBps must be <= 0, was " + maxDrawdownBps);
    }
}
