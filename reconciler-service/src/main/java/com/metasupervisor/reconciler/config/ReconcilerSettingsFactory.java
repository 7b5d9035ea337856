package com.metasupervisor.reconciler.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/** Reads and validates {@code reconciler.*} at start-up; a bad value stops the service naming its key. */
@Factory
public class ReconcilerSettingsFactory {

    @Singleton
    ReconcilerSettings reconcilerSettings(
            @Value("${reconciler.model-horizons-hours:1,4,24}") List<Integer> horizons,
            @Value("${reconciler.grace:PT2H}") Duration grace,
            @Value("${reconciler.tick-lateness:PT1M}") Duration tickLateness,
            @Value("${reconciler.price-history:PT6H}") Duration priceHistory,
            @Value("${reconciler.dedup-window:P2D}") Duration dedupWindow,
            @Value("${reconciler.max-future-skew:PT5M}") Duration maxFutureSkew,
            @Value("${reconciler.model.lambda:5}") double lambda,
            @Value("${reconciler.model.min-rows:250}") int minRows,
            @Value("${reconciler.model.max-rows:12000}") int maxRows,
            @Value("${reconciler.model.holdout-fraction:0.2}") double holdoutFraction,
            @Value("${reconciler.model.train-interval:P1D}") Duration trainInterval) {
        try {
            return new ReconcilerSettings(horizons, grace, tickLateness, priceHistory, dedupWindow, maxFutureSkew,
                    new SimModelSettings(lambda, minRows, maxRows, holdoutFraction, trainInterval));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }
}
