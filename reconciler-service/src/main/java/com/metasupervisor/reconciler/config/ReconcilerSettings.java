package com.metasupervisor.reconciler.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The reconciler's settings (keys under {@code reconciler.}), validated when built.
 *
 * @param modelHorizonsHours horizons a sim model is trained for (events name their own horizons)
 * @param grace              an (event, horizon) whose exit price has not arrived by due + grace is unreconcilable
 * @param tickLateness       how far behind the newest tick of a symbol an older tick may still arrive; a match waits this long
 * @param priceHistory       how much market time of ticks is kept to price calls that reach the matcher after their
 *                           ticks; it bounds the catch-up a restart can absorb (a call further behind is unreconcilable)
 * @param dedupWindow        how long an event id is remembered to drop duplicates
 * @param maxFutureSkew      how far ahead of the clock emitted_at may be
 * @param model              sim model training
 */
public record ReconcilerSettings(
        List<Integer> modelHorizonsHours,
        Duration grace,
        Duration tickLateness,
        Duration priceHistory,
        Duration dedupWindow,
        Duration maxFutureSkew,
        SimModelSettings model) {

    public static final String PREFIX = "reconciler.";

    public ReconcilerSettings {
        modelHorizonsHours = List.copyOf(Objects.requireNonNull(modelHorizonsHours, PREFIX + "model-horizons-hours"));
        Objects.requireNonNull(model, PREFIX + "model");
        if (modelHorizonsHours.isEmpty() || modelHorizonsHours.stream().anyMatch(h -> h <= 0)
                || modelHorizonsHours.stream().distinct().count() != modelHorizonsHours.size()) {
            throw new IllegalArgumentException(PREFIX + "model-horizons-hours must be distinct positive hours, was " + modelHorizonsHours);
        }
        positive("grace", grace);
        notNegative("tick-lateness", tickLateness);
        positive("dedup-window", dedupWindow);
        notNegative("max-future-skew", maxFutureSkew);
        positive("price-history", priceHistory);
        if (priceHistory.compareTo(grace.plus(tickLateness)) < 0) {
            throw new IllegalArgumentException(PREFIX + "price-history (" + priceHistory + ") must be >= "
                    + PREFIX + "grace + " + PREFIX + "tick-lateness (" + grace.plus(tickLateness) + ")");
        }
    }

    /** SPEC §3 defaults. */
    public static ReconcilerSettings defaults() {
        return new ReconcilerSettings(List.of(1, 4, 24), Duration.ofHours(2), Duration.ofMinutes(1),
                Duration.ofHours(6), Duration.ofDays(2), Duration.ofMinutes(5), SimModelSettings.defaults());
    }

    private static void positive(String key, Duration d) {
        Objects.requireNonNull(d, PREFIX + key);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(PREFIX + key + " must be positive, was " + d);
        }
    }

    private static void notNegative(String key, Duration d) {
        Objects.requireNonNull(d, PREFIX + key);
        if (d.isNegative()) {
            throw new IllegalArgumentException(PREFIX + key + " must not be negative, was " + d);
        }
    }
}
