package com.metasupervisor.risk.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One reconciled call (a row of {@code alpha.reconciled}) as the risk figures see it. The error and
 * the hit are derived exactly as SPEC §3 defines them, so they can never disagree with the PnLs.
 *
 * @param maturedAt        when the horizon matured; orders rows in time. Kept to the millisecond, as
 *                         on the wire (timestamp-millis), so a row survives a state-store round trip unchanged
 * @param realizedPnlBps   what the call made
 * @param expectedPnlBps   what the sim model expected of it (0 without a model)
 * @param expectedSigmaBps the model's holdout RMSE; null without a model
 */
public record ReconciledRow(Instant maturedAt, double realizedPnlBps, double expectedPnlBps, Double expectedSigmaBps) {

    public ReconciledRow {
        maturedAt = ArgChecker.notNull(maturedAt, "maturedAt").truncatedTo(ChronoUnit.MILLIS);
        ArgChecker.finite(realizedPnlBps, "realizedPnlBps");
        ArgChecker.finite(expectedPnlBps, "expectedPnlBps");
        if (expectedSigmaBps != null) {
            ArgChecker.notNegative(expectedSigmaBps, "expectedSigmaBps"); // null: no model priced the row
        }
    }

    /** realized − expected: positive when the call beat its model. */
    public double pnlErrorBps() {
        return realizedPnlBps - expectedPnlBps;
    }

    public double absErrorBps() {
        return Math.abs(pnlErrorBps());
    }

    /** The call made money: realized > 0. */
    public boolean hit() {
        return realizedPnlBps > 0;
    }

    long maturedAtMillis() {
        return maturedAt.toEpochMilli();
    }
}
