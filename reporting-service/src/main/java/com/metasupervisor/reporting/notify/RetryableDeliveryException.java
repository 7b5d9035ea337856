package com.metasupervisor.reporting.notify;

/** The receiver failed in a way a later attempt may not: a 5xx, a timeout, a refused connection, a 4xx SMTP reply. */
public sealed class RetryableDeliveryException extends DeliveryException permits RateLimitedDeliveryException {

    public RetryableDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
