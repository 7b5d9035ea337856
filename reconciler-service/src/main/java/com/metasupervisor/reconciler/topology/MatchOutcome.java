package com.metasupervisor.reconciler.topology;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.ReconciledAlpha;

/** What the matcher emits, keyed by agent: a reconciled row, or an (event, horizon) that cannot be priced. */
sealed interface MatchOutcome {

    record Reconciled(ReconciledAlpha row) implements MatchOutcome {
    }

    record Unreconcilable(AlphaEvent event, int horizonHours, String detail) implements MatchOutcome {
    }
}
