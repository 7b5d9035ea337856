package com.metasupervisor.streams.validation;

import java.util.Objects;

/**
 * One reason a record is invalid.
 *
 * @param field   the field at fault, e.g. {@code price}
 * @param reason  a snake_case code, e.g. {@code price_not_positive}: the dead-letter reason
 * @param message what a human should read
 */
public record Violation(String field, String reason, String message) {

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
