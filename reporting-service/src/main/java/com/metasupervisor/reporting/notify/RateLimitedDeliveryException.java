package com.metasupervisor.reporting.notify;

import java.time.Duration;

/** The receiver said 429: retry no sooner than {@link #retryAfter()} (its {@code retry-after}, else a default). */
public final class RateLimitedDeliveryException extends RetryableDeliveryException {

    private final Duration retryAfter;

    public RateLimitedDeliveryException(String message, Duration retryAfter) {
        super(message + ", retry after " + retryAfter, null);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
