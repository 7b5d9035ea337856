package com.metasupervisor.reporting.notify;

/** The receiver refused the message itself (a 4xx other than 429, a 5xx SMTP reply, bad credentials): retrying is pointless. */
public final class PermanentDeliveryException extends DeliveryException {

    public PermanentDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
