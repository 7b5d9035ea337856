package com.metasupervisor.reporting.domain.report;

import com.metasupervisor.streams.check.ArgChecker;

/**
 * Strategy-class attribution of the week.
 *
 * @param fleetPnlBps  the class's contribution to the fleet's PnL (each row's PnL × the weight its agent held), bps
 * @param share        fleetPnlBps / the fleet's week PnL; null when the fleet's is 0
 * @param agents       agents of the class with rows in the week
 * @param rows         their rows
 * @param hitRate      hits / rows; null without rows
 * @param weight       the class's weight in the latest allocation
 * @param disabled     disabled at the end of the week
 */
public record ClassLine(String strategyClass, double fleetPnlBps, Double share, int agents, long rows, Double hitRate,
                        double weight, boolean disabled) {
    public ClassLine {
        ArgChecker.notNull(strategyClass, "strategyClass");
        ArgChecker.finite(fleetPnlBps, "fleetPnlBps");
    }
}
