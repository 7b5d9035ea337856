package com.metasupervisor.reconciler.api;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@code POST /alpha-events} (keys under {@code reconciler.api.}), validated when built.
 *
 * @param maxBatch    most alpha events one request may carry; more is answered 413
 * @param sendTimeout how long a request waits for Kafka to acknowledge its events before 503
 */
public record AlphaEventApiSettings(int maxBatch, Duration sendTimeout) {

    public static final String PREFIX = "reconciler.api.";

    public AlphaEventApiSettings {
        if (maxBatch < 1) {
            throw new IllegalArgumentException(PREFIX + "max-batch must be >= 1, was " + maxBatch);
        }
        Objects.requireNonNull(sendTimeout, PREFIX + "send-timeout");
        if (sendTimeout.compareTo(Duration.ofSeconds(1)) < 0 || sendTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException(PREFIX + "send-timeout must be between 1 s and 10 min, was " + sendTimeout);
        }
    }

    public static AlphaEventApiSettings defaults() {
        return new AlphaEventApiSettings(10_000, Duration.ofSeconds(30));
    }

    /** Reads {@code reconciler.api.*} at start-up ({@link Context}): a bad value stops the service naming its key. */
    @Factory
    static class SettingsFactory {

        @Context
        AlphaEventApiSettings alphaEventApiSettings(@Value("${reconciler.api.max-batch:10000}") int maxBatch,
                                                    @Value("${reconciler.api.send-timeout:PT30S}") Duration sendTimeout) {
            try {
                return new AlphaEventApiSettings(maxBatch, sendTimeout);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new ConfigurationException(e.getMessage(), e);
            }
        }
    }
}
