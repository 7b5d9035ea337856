package com.metasupervisor.reporting.notify;

/**
 * A webhook post or an e-mail that did not go out. The executor retries a {@link RetryableDeliveryException} (after
 * {@link RateLimitedDeliveryException#retryAfter()} when the receiver said how long) and records a
 * {@link PermanentDeliveryException} as failed at once. Messages name the receiver by scheme and host only: never a
 * webhook URL's path (it holds the token) or a password.
 */
public sealed class DeliveryException extends RuntimeException
        permits RetryableDeliveryException, PermanentDeliveryException {

    DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
