package com.metasupervisor.streams.validation;

import com.metasupervisor.schemas.Topic;
import com.metasupervisor.streams.deadletter.DeadLetter;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bad-input routing as a step of the topology, not a side effect of a global handler: right after a
 * topic's source, valid values go on and invalid ones go to {@code <topic>.dlq}, where the topology
 * description shows them going. For a topic {@code alpha.events} the nodes are
 * {@code validate-alpha-events} (checks every value), its branches {@code validate-alpha-events-valid}
 * and {@code validate-alpha-events-invalid}, and the sink {@code validate-alpha-events-dlq}.
 *
 * <p>A dead-lettered value is the record as it came: its original key, bytes and headers (the source
 * reads {@link Sourced#serde}), plus {@code error.reason} (the first violation), {@code error.stage}
 * {@code validate}, {@code error.detail} (every violation), {@code error.at} and {@code error.source};
 * its timestamp is the source record's (its event time; {@code error.at} says when), as when a handler dead-letters. Each one counts in
 * {@code meta_supervisor_dead_letters_total}. Written by a sink, it is inside the task's transaction.
 * Bytes that do not deserialise never become values: the deserialisation handler dead-letters them;
 * the processing handler stays the safety net for defects.
 */
public final class ValidationStep {

    private static final Logger LOG = LoggerFactory.getLogger(ValidationStep.class);

    private final DeadLetterMetrics deadLetters;
    private final Clock clock;

    /** @param clock the service's clock: it stamps {@code error.at} */
    public ValidationStep(DeadLetterMetrics deadLetters, Clock clock) {
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The valid values of {@code source} (read from {@code topic} with {@link Sourced#serde}); the invalid
     * ones go to {@code topic}'s dead-letter topic.
     */
    public <V extends SpecificRecord> KStream<String, V> validate(KStream<String, Sourced<V>> source, Topic<V> topic,
                                                                  RecordValidator<V> validator) {
        Objects.requireNonNull(validator, "validator");
        String name = "validate-" + topic.name().replace('.', '-');
        KStream<String, Checked<V>> checked = source.processValues(() -> new Check<>(topic, validator, deadLetters, clock),
                Named.as(name));
        KStream<String, Checked<V>> valid = checked.split(Named.as(name + "-"))
                .branch((key, value) -> value instanceof Checked.Invalid<V>, Branched.withConsumer(invalid -> invalid
                        .mapValues(value -> ((Checked.Invalid<V>) value).bytes(), Named.as(name + "-as-read"))
                        .to(topic.deadLetterTopic(), Produced.with(topic.keySerde(), Serdes.ByteArray()).withName(name + "-dlq")),
                        "invalid"))
                .defaultBranch(Branched.as("valid"))
                .get(name + "-valid");
        return valid.mapValues(value -> ((Checked.Valid<V>) value).value(), Named.as(name + "-values"));
    }

    /** A value that passed, or the bytes of one that did not (its record carries the dead-letter headers). */
    private sealed interface Checked<V> {
        record Valid<V>(V value) implements Checked<V> {
        }

        record Invalid<V>(byte[] bytes) implements Checked<V> {
        }
    }

    private static final class Check<V extends SpecificRecord> implements FixedKeyProcessor<String, Sourced<V>, Checked<V>> {

        private final Topic<V> topic;
        private final RecordValidator<V> validator;
        private final DeadLetterMetrics deadLetters;
        private final Clock clock;
        private final Serializer<String> keys;
        private FixedKeyProcessorContext<String, Checked<V>> context;

        Check(Topic<V> topic, RecordValidator<V> validator, DeadLetterMetrics deadLetters, Clock clock) {
            this.topic = topic;
            this.validator = validator;
            this.deadLetters = deadLetters;
            this.clock = clock;
            this.keys = topic.keySerde().serializer();
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Checked<V>> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, Sourced<V>> record) {
            Sourced<V> sourced = record.value();
            List<Violation> violations = validator.check(sourced == null ? null : sourced.value());
            if (violations.isEmpty()) {
                context.forward(record.withValue(new Checked.Valid<>(sourced.value())));
                return;
            }
            byte[] bytes = sourced == null ? null : sourced.bytes();
            RecordMetadata source = context.recordMetadata()
                    .orElseThrow(() -> new IllegalStateException("validate-" + topic.name() + " must read a source topic"));
            Instant at = clock.instant();
            Record<byte[], byte[]> asRead = new Record<>(keys.serialize(topic.name(), record.key()),
                    bytes, record.timestamp(), record.headers());
            DeadLetter letter = DeadLetter.ofRecord(source, asRead, DeadLetter.STAGE_VALIDATE, Violation.reasonOf(violations),
                    Violation.describe(violations), at);
            deadLetters.record(letter);
            LOG.warn("dead-lettering {}-{}@{} to {}: {} ({})", source.topic(), source.partition(), source.offset(),
                    letter.deadLetterTopic(), letter.reason(), letter.detail());
            context.forward(record.withValue(new Checked.Invalid<V>(bytes)).withHeaders(letter.headers()));
        }
    }
}
