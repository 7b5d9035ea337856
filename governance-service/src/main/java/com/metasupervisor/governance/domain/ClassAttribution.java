package com.metasupervisor.governance.domain;

import com.metasupervisor.streams.check.ArgChecker;

/**
 * A strategy class's attributed performance over its window, as the class's equal-weight book: each row's realized
 * PnL divided by the number of distinct agents with rows in the window, so the figures are per unit of the class's
 * capital and comparable to one agent's (a sum over agents would make a class of four agents four times as volatile
 * as each of them, and adding agents would make a class likelier to breach). The curve is cumulative in matured order
 * (ties in input order); its deepest drawdown is from a running peak (the curve starts at 0, so a first losing row is
 * a drawdown).
 *
 * @param rows           rows in the window
 * @param agents         distinct agents with rows in the window (a row stored before rows carried their agent counts
 *                       as agent "")
 * @param pnlBps         the book's PnL: the sum of realized PnL / agents
 * @param hitRate        share of rows with realized &gt; 0; null without rows
 * @param maxDrawdownBps deepest drop of the book's curve below its running peak (≤ 0; 0 without rows)
 */
public record ClassAttribution(int rows, int agents, double pnlBps, Double hitRate, double maxDrawdownBps) {

    public static final ClassAttribution EMPTY = new ClassAttribution(0, 0, 0, null, 0);

    public ClassAttribution {
        ArgChecker.notNegative(rows, "rows");
        ArgChecker.notNegative(agents, "agents");
        ArgChecker.isTrue((rows == 0) == (agents == 0), "agents is 0 exactly when there are no rows");
        ArgChecker.isTrue(agents <= rows, "agents (" + agents + ") must be <= rows (" + rows + ")");
        ArgChecker.finite(pnlBps, "pnlBps");
        ArgChecker.isTrue((rows == 0) == (hitRate == null), "hitRate is set exactly when there are rows");
        if (hitRate != null) {
            ArgChecker.inRange(hitRate, 0, 1, "hitRate");
        }
        ArgChecker.isTrue(maxDrawdownBps <= 0 && Double.isFinite(maxDrawdownBps), "maxDrawdownBps must be <= 0, was " + maxDrawdownBps);
    }

    /** "N rows of K agents", for reasons. */
    public String extent() {
        return rows + " rows of " + agents + (agents == 1 ? " agent" : " agents");
    }
}
