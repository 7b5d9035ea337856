package com.metasupervisor.reconciler.topology;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.streams.validation.RecordValidator;
import com.metasupervisor.streams.validation.Violation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * SPEC §3's contract for an alpha event: identity fields present, direction ±1, finite score,
 * confidence in [0,1], a positive finite entry price when given, horizons positive, and an
 * emission time no further in the future than the allowed clock skew.
 */
public final class AlphaEventValidator implements RecordValidator<AlphaEvent> {

    private final Clock clock;
    private final Duration maxFutureSkew;

    public AlphaEventValidator(Clock clock, Duration maxFutureSkew) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxFutureSkew = Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
    }

    @Override
    public List<Violation> violations(AlphaEvent e) {
        List<Violation> out = new ArrayList<>();
        requireText(out, "event_id", e.getEventId());
        requireText(out, "agent", e.getAgent());
        requireText(out, "symbol", e.getSymbol());
        requireText(out, "regime", e.getRegime());
        if (e.getDirection() != 1 && e.getDirection() != -1) {
            out.add(new Violation("direction", "direction_invalid", "direction must be +1 or -1, was " + e.getDirection()));
        }
        if (!Double.isFinite(e.getScoreFinal())) {
            out.add(new Violation("score_final", "not_finite", "score_final is " + e.getScoreFinal()));
        }
        double confidence = e.getConfidence();
        if (!Double.isFinite(confidence)) {
            out.add(new Violation("confidence", "not_finite", "confidence is " + confidence));
        } else if (confidence < 0 || confidence > 1) {
            out.add(new Violation("confidence", "confidence_out_of_range", "confidence must be in [0,1], was " + confidence));
        }
        Double entry = e.getEntryPrice();
        if (entry != null) {
            if (!Double.isFinite(entry)) {
                out.add(new Violation("entry_price", "not_finite", "entry_price is " + entry));
            } else if (entry <= 0) {
                out.add(new Violation("entry_price", "price_not_positive", "entry_price must be > 0, was " + entry));
            }
        }
        List<Integer> horizons = e.getHorizonsHours();
        if (horizons == null || horizons.isEmpty()) {
            out.add(new Violation("horizons_hours", "horizons_invalid", "horizons_hours must list at least one horizon"));
        } else if (horizons.stream().anyMatch(h -> h == null || h <= 0)) {
            out.add(new Violation("horizons_hours", "horizons_invalid", "every horizon must be a positive number of hours, was " + horizons));
        }
        Instant emitted = e.getEmittedAt();
        if (emitted == null) {
            out.add(new Violation("emitted_at", "missing_emitted_at", "emitted_at is missing"));
        } else if (emitted.isAfter(clock.instant().plus(maxFutureSkew))) {
            out.add(new Violation("emitted_at", "emitted_in_future",
                    "emitted_at " + emitted + " is more than " + maxFutureSkew + " ahead of now (" + clock.instant() + ")"));
        }
        return out;
    }

    private static void requireText(List<Violation> out, String field, String value) {
        if (value == null || value.isBlank()) {
            out.add(new Violation(field, "missing_" + field, field + " is missing or blank"));
        }
    }
}
