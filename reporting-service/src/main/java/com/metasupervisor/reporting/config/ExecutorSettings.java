package com.metasupervisor.reporting.config;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How the executor performs the ledger's STARTED actions, keys under {@code reporting.executor.}.
 *
 * @param retryInitial    the wait after a first retryable failure; doubled after each further one
 * @param retryMax        the longest wait between two attempts
 * @param maxAttempts     attempts of one action before it is recorded FAILED (a permanent error: FAILED at once)
 * @param pauseBeforeDone TEST ONLY (default 0: no pause): wait this long after opening a pull request and before
 *                        writing its DONE, so a test can kill the process in between (ReportingServiceIT)
 */
@ConfigurationProperties("reporting.executor")
public record ExecutorSettings(
        @Bindable(defaultValue = "PT1S") Duration retryInitial,
        @Bindable(defaultValue = "PT5M") Duration retryMax,
        @Bindable(defaultValue = "8") int maxAttempts,
        @Bindable(defaultValue = "PT0S") Duration pauseBeforeDone) {

    public static final String PREFIX = "reporting.executor.";

    public ExecutorSettings {
        ArgChecker.positive(retryInitial, PREFIX + "retry-initial");
        ArgChecker.positive(retryMax, PREFIX + "retry-max");
        ArgChecker.isTrue(retryMax.compareTo(retryInitial) >= 0,
                PREFIX + "retry-max (" + retryMax + ") must be at least " + PREFIX + "retry-initial (" + retryInitial + ")");
        ArgChecker.positive(maxAttempts, PREFIX + "max-attempts");
        ArgChecker.notNegative(pauseBeforeDone, PREFIX + "pause-before-done");
    }

    /** The wait before attempt {@code attempt + 1} after {@code attempt} (≥ 1) retryable failures. */
    public Duration backoff(int attempt) {
        Duration wait = retryInitial;
        for (int i = 1; i < attempt && wait.compareTo(retryMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }

    /** 1 s doubling to 5 min, 8 attempts, no pause. */
    public static ExecutorSettings defaults() {
        return SettingsDefaults.of(ExecutorSettings.class);
    }
}
