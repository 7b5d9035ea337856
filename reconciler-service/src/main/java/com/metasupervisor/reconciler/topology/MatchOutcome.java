package com.metasupervisor.reconciler.topology;

import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.ReconciledAlpha;
import java.util.Objects;

/**
 * What the matcher emits: a reconciled row (keyed by agent), an (event, horizon) it gave up (keyed by agent), or a
 * change of a symbol's price feed gap (keyed by symbol).
 */
sealed interface MatchOutcome {

    record Reconciled(ReconciledAlpha row) implements MatchOutcome {
        public Reconciled {
            Objects.requireNonNull(row, "row");
        }
    }

    /** A pair that cannot be priced, why ({@link GiveUpReason}: whose fault) and a detail for humans. */
    record GivenUp(AlphaEvent event, int horizonHours, GiveUpReason reason, String detail) implements MatchOutcome {
        public GivenUp {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** A PRICE_FEED_GAP alert opened or resolved, for {@code alerts}. */
    record FeedGapChange(Alert alert) implements MatchOutcome {
        public FeedGapChange {
            Objects.requireNonNull(alert, "alert");
        }
    }
}
