package com.metasupervisor.streams.deadletter;

import java.util.Objects;

/**
 * Thrown from a processing step for a record that is well-formed but invalid: the record goes to
 * {@code <topic>.dlq} with {@link #reason()} and the application carries on with the next one.
 */
public class InvalidRecordException extends RuntimeException {

    private final String reason;
    private final String stage;

    public InvalidRecordException(String reason, String detail) {
        this(reason, DeadLetter.STAGE_VALIDATE, detail);
    }

    public InvalidRecordException(String reason, String stage, String detail) {
        super(reason + ": " + detail, null, false, false); // expected outcome: no stack trace to fill
        this.reason = Objects.requireNonNull(reason, "reason");
        this.stage = Objects.requireNonNull(stage, "stage");
    }

    /** Short snake_case code, e.g. {@code price_not_positive}. */
    public String reason() {
        return reason;
    }

    public String stage() {
        return stage;
    }

    public String detail() {
        return getMessage().substring(reason.length() + 2);
    }
}
