package com.metasupervisor.reconciler.api;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Settings of {@code POST /alpha-events} (keys under {@code reconciler.api.}), bound from the configuration and
 * validated when built (at start-up: see streams-kit's settings check); every message names its key.
 *
 * @param maxBatch    most alpha events one request may carry; more is answered 413
 * @param sendTimeout how long a request waits for Kafka to acknowledge its events before 503; 1 s to 10 min
 */
@ConfigurationProperties("reconciler.api")
public record AlphaEventApiSettings(
        @Bindable(defaultValue = "10000") int maxBatch,
        @Bindable(defaultValue = "PT30S") Duration sendTimeout) {

    public static final String PREFIX = "reconciler.api.";

    public AlphaEventApiSettings {
        ArgChecker.atLeast(maxBatch, 1, PREFIX + "max-batch");
        ArgChecker.notNull(sendTimeout, PREFIX + "send-timeout");
        ArgChecker.isTrue(sendTimeout.compareTo(Duration.ofSeconds(1)) >= 0 && sendTimeout.compareTo(Duration.ofMinutes(10)) <= 0,
                PREFIX + "send-timeout must be between 1 s and 10 min, was " + sendTimeout);
    }

    public static AlphaEventApiSettings defaults() {
        return SettingsDefaults.of(AlphaEventApiSettings.class);
    }
}
