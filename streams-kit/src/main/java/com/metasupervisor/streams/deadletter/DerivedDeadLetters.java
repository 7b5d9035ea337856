package com.metasupervisor.streams.deadletter;

import java.time.Instant;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The step before a dead-letter sink for what a processor derived (e.g. an (event, horizon) pair that
 * could not be priced): each value becomes a {@link DeadLetter#ofDerived} letter, whose headers go on
 * the record, and the value to write; each is counted in {@code meta_supervisor_dead_letters_total}.
 * <pre>{@code
 * unpriced.processValues(DerivedDeadLetters.of(metrics, (pair, at) -> DeadLetter.ofDerived(...), Pair::event), Named.as(...))
 *         .to(ALPHA_EVENTS.deadLetterTopic(), Produced.with(keys, events));
 * }</pre>
 */
public final class DerivedDeadLetters<K, V, VOut> implements FixedKeyProcessor<K, V, VOut> {

    private final DeadLetterMetrics metrics;
    private final BiFunction<V, Instant, DeadLetter> letter;
    private final Function<V, VOut> written;
    private FixedKeyProcessorContext<K, VOut> context;

    private DerivedDeadLetters(DeadLetterMetrics metrics, BiFunction<V, Instant, DeadLetter> letter, Function<V, VOut> written) {
        this.metrics = metrics;
        this.letter = letter;
        this.written = written;
    }

    /**
     * @param letter  the letter of a value, given the record's timestamp (the letter's {@code error.at})
     * @param written what the dead-letter topic gets as the record's value
     */
    public static <K, V, VOut> FixedKeyProcessorSupplier<K, V, VOut> of(
            DeadLetterMetrics metrics, BiFunction<V, Instant, DeadLetter> letter, Function<V, VOut> written) {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(letter, "letter");
        Objects.requireNonNull(written, "written");
        return () -> new DerivedDeadLetters<>(metrics, letter, written);
    }

    @Override
    public void init(FixedKeyProcessorContext<K, VOut> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<K, V> record) {
        DeadLetter dead = letter.apply(record.value(), Instant.ofEpochMilli(record.timestamp()));
        metrics.record(dead);
        context.forward(record.withValue(written.apply(record.value())).withHeaders(dead.headers()));
    }
}
