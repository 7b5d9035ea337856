package com.metasupervisor.streams.validation;

import com.metasupervisor.streams.deadletter.InvalidRecordException;
import java.util.List;

/**
 * Checks a value against the contract of its topic. Every violation is reported, not only the
 * first, so an agent fixing its producer sees all of them at once (REST returns the list; a
 * dead-letter record carries the first as its reason and all of them as detail). In a topology a
 * validator runs as a {@link ValidationStep}.
 */
@FunctionalInterface
public interface RecordValidator<V> {

    /** What a record without a value violates. */
    Violation MISSING_VALUE = new Violation("value", "missing_value", "the record has no value");

    List<Violation> violations(V value);

    /** Every violation of {@code value}; a missing value is one. */
    default List<Violation> check(V value) {
        return value == null ? List.of(MISSING_VALUE) : violations(value);
    }

    /**
     * The value itself if valid, else {@link InvalidRecordException} with every violation: for a
     * check deep inside a processor, where the processing handler dead-letters the source record.
     */
    default V requireValid(V value) {
        List<Violation> violations = check(value);
        if (violations.isEmpty()) {
            return value;
        }
        throw new InvalidRecordException(Violation.reasonOf(violations), Violation.describe(violations));
    }
}
