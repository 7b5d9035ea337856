package com.metasupervisor.reconciler.domain.sim;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One reconciled call as the sim model sees it (SPEC §3): the two features, the realised PnL it is
 * fitted to, and when the call matured (which orders rows in time: newest rows are kept, the newest
 * share is held out).
 *
 * @param scoreFinal     the agent's final score (feature)
 * @param confidence     the agent's confidence (feature)
 * @param realizedPnlBps the realised PnL in bps (response)
 * @param maturedAt      when the horizon matured; orders the rows in time
 */
public record TrainingRow(double scoreFinal, double confidence, double realizedPnlBps, Instant maturedAt) {

    /**
     * Time order, oldest first. Rows that matured at the same instant are ordered by their values so
     * that the order, and with it the choice of newest rows and of the holdout, never depends on the
     * order the rows arrived in. Rows equal under this order are interchangeable.
     */
    public static final Comparator<TrainingRow> TIME_ORDER = Comparator.comparing(TrainingRow::maturedAt)
            .thenComparingDouble(TrainingRow::scoreFinal)
            .thenComparingDouble(TrainingRow::confidence)
            .thenComparingDouble(TrainingRow::realizedPnlBps);

    public TrainingRow {
        Objects.requireNonNull(maturedAt, "maturedAt");
        requireFinite("scoreFinal", scoreFinal);
        requireFinite("confidence", confidence);
        requireFinite("realizedPnlBps", realizedPnlBps);
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, was " + value);
        }
    }
}
