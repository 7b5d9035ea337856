package com.metasupervisor.reconciler.topology;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.reconciler.domain.PricePoint;
import java.time.Instant;
import java.util.Objects;

/**
 * One (event, horizon) waiting for its prices: first its entry (when the event gave none), then
 * its exit. The event carries its resolved strategy class.
 */
record PendingMatch(AlphaEvent event, int horizonHours, PricePoint entry) {

    PendingMatch {
        Objects.requireNonNull(event, "event");
        if (horizonHours <= 0) {
            throw new IllegalArgumentException("horizon must be positive, was " + horizonHours);
        }
    }

    static PendingMatch of(AlphaEvent event, int horizonHours) {
        return new PendingMatch(event, horizonHours, AvroMapping.givenEntry(event));
    }

    Instant due() {
        return event.getEmittedAt().plusSeconds(horizonHours * 3600L);
    }

    /** The time whose first tick this match waits for: emitted_at for the entry, then due for the exit. */
    Instant awaiting() {
        return entry == null ? event.getEmittedAt() : due();
    }

    PendingMatch withEntry(PricePoint tick) {
        return new PendingMatch(event, horizonHours, tick);
    }
}
