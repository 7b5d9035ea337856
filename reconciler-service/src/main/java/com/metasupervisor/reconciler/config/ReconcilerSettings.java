package com.metasupervisor.reconciler.config;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * The reconciler's settings (keys under {@code reconciler.}), bound from the configuration (each default written
 * once, on its component) and validated when built; every message names its key.
 *
 * @param modelHorizonsHours horizons a sim model is trained for (events name their own horizons); distinct, positive
 * @param grace              an (event, horizon) of a symbol that ticked on without a price within grace of the time it
 *                           awaits is unpriced (a hole in the feed)
 * @param tickLateness       how far behind the newest tick of a symbol an older tick may still arrive; a match waits this long
 * @param priceHistory       the catch-up bound: how much market time of ticks is kept (in a persistent store) to price
 *                           calls that reach the matcher after their ticks, and how long of market time a match waits
 *                           for a symbol's ticks before it is given up; a pair further behind on arrival is
 *                           unreconcilable; at least grace + tick-lateness
 * @param dedupWindow        how long an event id is remembered to drop duplicates
 * @param maxFutureSkew      how far ahead of the clock emitted_at may be
 * @param feedGap            a known symbol whose newest tick lags the market clock by more than this, with none of its
 *                           ticks arriving for this long of wall-clock time, gets a PRICE_FEED_GAP alert
 * @param model              sim model training
 */
@ConfigurationProperties("reconciler")
public record ReconcilerSettings(
        @Bindable(defaultValue = "1,4,24") List<Integer> modelHorizonsHours,
        @Bindable(defaultValue = "PT2H") Duration grace,
        @Bindable(defaultValue = "PT1M") Duration tickLateness,
        @Bindable(defaultValue = "P7D") Duration priceHistory,
        @Bindable(defaultValue = "P2D") Duration dedupWindow,
        @Bindable(defaultValue = "PT5M") Duration maxFutureSkew,
        @Bindable(defaultValue = "PT1H") Duration feedGap,
        SimModelSettings model) {

    public static final String PREFIX = "reconciler.";

    public ReconcilerSettings {
        modelHorizonsHours = List.copyOf(ArgChecker.notNull(modelHorizonsHours, PREFIX + "model-horizons-hours"));
        ArgChecker.notNull(model, PREFIX + "model");
        ArgChecker.isTrue(!modelHorizonsHours.isEmpty() && modelHorizonsHours.stream().allMatch(h -> h > 0)
                        && modelHorizonsHours.stream().distinct().count() == modelHorizonsHours.size(),
                PREFIX + "model-horizons-hours must be distinct positive hours, was " + modelHorizonsHours);
        ArgChecker.positive(grace, PREFIX + "grace");
        ArgChecker.notNegative(tickLateness, PREFIX + "tick-lateness");
        ArgChecker.positive(dedupWindow, PREFIX + "dedup-window");
        ArgChecker.notNegative(maxFutureSkew, PREFIX + "max-future-skew");
        ArgChecker.positive(priceHistory, PREFIX + "price-history");
        ArgChecker.positive(feedGap, PREFIX + "feed-gap");
        ArgChecker.isTrue(priceHistory.compareTo(grace.plus(tickLateness)) >= 0, PREFIX + "price-history (" + priceHistory
                + ") must be >= " + PREFIX + "grace + " + PREFIX + "tick-lateness (" + grace.plus(tickLateness) + ")");
    }

    /** SPEC §3 defaults. */
    public static ReconcilerSettings defaults() {
        return SettingsDefaults.of(ReconcilerSettings.class);
    }
}
