package com.metasupervisor.streams.validation;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

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

    /** The dead-letter reason of a record with these violations: the first one's. */
    public static String reasonOf(List<Violation> violations) {
        return violations.getFirst().reason();
    }

    /** Every violation for a human, in order: {@code symbol: symbol is missing or blank; price: ...}. */
    public static String describe(List<Violation> violations) {
        return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
