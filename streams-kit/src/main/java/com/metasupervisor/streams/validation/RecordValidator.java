package com.metasupervisor.streams.validation;

import com.metasupervisor.streams.deadletter.InvalidRecordException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Checks a value against the contract of its topic. Every violation is reported, not only the
 * first, so an agent fixing its producer sees all of them at once (REST returns the list; a
 * dead-letter record carries the first as its reason and all of them as detail).
 */
@FunctionalInterface
public interface RecordValidator<V> {

    List<Violation> violations(V value);

    /** Passes valid values through; invalid ones go to the source topic's dead-letter topic. */
    default <K> KStream<K, V> filterValid(KStream<K, V> stream) {
        return stream.mapValues(this::requireValid);
    }

    /** The value itself if valid, else {@link InvalidRecordException} with every violation. */
    default V requireValid(V value) {
        List<Violation> violations = value == null
                ? List.of(new Violation("value", "missing_value", "the record has no value"))
                : violations(value);
        if (violations.isEmpty()) {
            return value;
        }
        throw new InvalidRecordException(violations.getFirst().reason(),
                violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
    }
}
