package com.metasupervisor.demo.score;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Instant;

/** A reconciled row as the demo read it from {@code alpha.reconciled}: the agent, the horizon, when it matured and its realised PnL. */
public record ObservedRow(String agent, int horizonHours, Instant maturedAt, double realizedPnlBps) {

    public ObservedRow {
        ArgChecker.notBlank(agent, "agent");
        ArgChecker.positive(horizonHours, "horizonHours");
        ArgChecker.notNull(maturedAt, "maturedAt");
        ArgChecker.finite(realizedPnlBps, "realizedPnlBps");
    }
}
