package com.metasupervisor.risk.domain;

import java.util.OptionalDouble;

/**
 * What hit rate the sim model predicts for a set of rows (SPEC §4): the mean over the rows of
 * P(realized > 0) = Φ(expected / sigma), the model's PnL being taken as normal with mean
 * expected_pnl_bps and deviation expected_sigma_bps.
 *
 * <ul>
 *   <li>sigma null (no model priced the row, {@code fallback_zero}): the model made no prediction,
 *       so the row is left out; with no priced row at all there is no expected hit rate.</li>
 *   <li>sigma 0: the model claims certainty, and Φ(expected/sigma) is its limit as sigma → 0:
 *       1 when expected > 0, 0 when expected < 0, ½ when expected = 0.</li>
 * </ul>
 */
public final class ExpectedHitRate {

    private ExpectedHitRate() {
    }

    /** Φ(expected / sigma) for one row; empty when the row has no sigma. */
    public static OptionalDouble probabilityOfHit(ReconciledRow row) {
        Double sigma = row.expectedSigmaBps();
        if (sigma == null) {
            return OptionalDouble.empty();
        }
        double expected = row.expectedPnlBps();
        if (sigma == 0) {
            return OptionalDouble.of(expected > 0 ? 1 : expected < 0 ? 0 : 0.5);
        }
        return OptionalDouble.of(StandardNormal.cdf(expected / sigma));
    }

    /** The mean over the rows that have a sigma; empty when none has. */
    public static OptionalDouble of(Iterable<ReconciledRow> rows) {
        double sum = 0;
        int priced = 0;
        for (ReconciledRow row : rows) {
            OptionalDouble p = probabilityOfHit(row);
            if (p.isPresent()) {
                sum += p.getAsDouble();
                priced++;
            }
        }
        return priced == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / priced);
    }
}
