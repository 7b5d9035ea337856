package com.metasupervisor.reconciler.domain.sim;

/**
 * What one training run of a horizon's sim model produced: a {@link Trained} model, or
 * {@link InsufficientRows} when the horizon has fewer reconciled rows than the minimum (SPEC §3).
 */
public sealed interface TrainingOutcome permits Trained, InsufficientRows {

    /** The horizon, in hours, the run was for. */
    int horizonHours();

    /** Rows the run looked at: all rows used by a trained model (fit + holdout), or the rows that exist. */
    long n();
}
