package com.metasupervisor.streams.deadletter;

import com.metasupervisor.schemas.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * A record that cannot be processed, on its way to {@code <topic>.dlq}: the original key and value
 * bytes and headers, plus {@code error.reason} (a short code, e.g. {@code malformed},
 * {@code confidence_out_of_range}), {@code error.stage} ({@code deserialize}, {@code validate}, or
 * the processor that failed), {@code error.at} (ISO-8601 UTC), {@code error.detail} (text for a
 * human), {@code error.source} (where the record was consumed) and any extra {@code error.*} headers
 * a contract adds (e.g. {@code UnreconcilableHeaders}).
 *
 * <p>Built through the factories, never field by field: {@link #ofRecord} for a consumed record (its
 * bytes travel as they came), {@link #ofDerived} for something a processor derived (no source
 * bytes or offset: the value is whatever the topology writes with it), {@link #withHeader} for the
 * extra headers.
 */
public record DeadLetter(
        String sourceTopic,
        int sourcePartition,
        long sourceOffset,
        byte[] key,
        byte[] value,
        Headers originalHeaders,
        String stage,
        String reason,
        String detail,
        Instant at,
        SequencedMap<String, String> extraHeaders) {

    public static final String REASON = "error.reason";
    public static final String STAGE = "error.stage";
    public static final String AT = "error.at";
    public static final String DETAIL = "error.detail";
    public static final String SOURCE = "error.source";

    public static final String STAGE_DESERIALIZE = "deserialize";
    public static final String STAGE_VALIDATE = "validate";

    /** Prefix of every dead-letter header: stale ones on a record that is dead-lettered again are dropped. */
    private static final String ERROR_PREFIX = "error.";
    private static final Set<String> STANDARD = Set.of(REASON, STAGE, AT, DETAIL, SOURCE);
    private static final int NO_PARTITION = -1;
    private static final Pattern REASON_CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final int MAX_DETAIL = 1_000;

    public DeadLetter {
        Objects.requireNonNull(sourceTopic, "sourceTopic");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        if (!REASON_CODE.matcher(reason).matches()) {
            // reasons label a metric: a small fixed vocabulary, never free text
            throw new IllegalArgumentException("reason must be a snake_case code, was '" + reason + "'");
        }
        detail = detail == null ? "" : truncate(detail);
        extraHeaders = copyOfExtra(extraHeaders == null ? Map.of() : extraHeaders);
    }

    /** A record that failed to deserialise, as the consumer handed it over. */
    public static DeadLetter ofRecord(ConsumerRecord<byte[], byte[]> record, String stage, String reason, String detail, Instant at) {
        return new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                record.headers(), stage, reason, detail, at, null);
    }

    /** The source record of a processing step that failed, as the error handler sees it. */
    public static DeadLetter ofRecord(ErrorHandlerContext context, String stage, String reason, String detail, Instant at) {
        return new DeadLetter(context.topic(), context.partition(), context.offset(), context.sourceRawKey(),
                context.sourceRawValue(), context.headers(), stage, reason, detail, at, null);
    }

    /** A consumed record inside a processor: where it was read ({@code source}) and its key, value and headers as bytes. */
    public static DeadLetter ofRecord(RecordMetadata source, Record<byte[], byte[]> record, String stage, String reason,
                                      String detail, Instant at) {
        return new DeadLetter(source.topic(), source.partition(), source.offset(), record.key(), record.value(),
                record.headers(), stage, reason, detail, at, null);
    }

    /**
     * Something a processor derived from records of {@code sourceTopic} (e.g. an (event, horizon) pair that
     * could not be priced): no source bytes, offset or {@code error.source}; the topology writes the value.
     */
    public static DeadLetter ofDerived(String sourceTopic, String stage, String reason, String detail, Instant at) {
        return new DeadLetter(sourceTopic, NO_PARTITION, NO_PARTITION, null, null, null, stage, reason, detail, at, null);
    }

    /** The same letter with one more {@code error.*} header (a contract's own, never one of the standard five). */
    public DeadLetter withHeader(String name, String text) {
        SequencedMap<String, String> extra = new LinkedHashMap<>(extraHeaders);
        if (extra.putIfAbsent(name, Objects.requireNonNull(text, "value of " + name)) != null) {
            throw new IllegalArgumentException("header " + name + " is already set");
        }
        return new DeadLetter(sourceTopic, sourcePartition, sourceOffset, key, value, originalHeaders, stage, reason,
                detail, at, extra);
    }

    public String deadLetterTopic() {
        return sourceTopic + Topic.DEAD_LETTER_SUFFIX;
    }

    /**
     * The record to produce: same key (so same partitioning), original bytes, original headers plus ours, stamped with
     * its source record's timestamp (a negative one: the producer's clock). A dead letter belongs to its source's event
     * time ({@code error.at} says when it was refused): a consumer in event time, such as risk's error rate, is not
     * moved to the wall clock by a replayed or backfilled record that was refused.
     */
    public ProducerRecord<byte[], byte[]> toProducerRecord(long sourceTimestamp) {
        return new ProducerRecord<>(deadLetterTopic(), null, sourceTimestamp < 0 ? null : sourceTimestamp, key, value, headers());
    }

    /** The original headers (stale {@code error.*} ones dropped) plus the dead-letter headers. */
    public Headers headers() {
        Headers headers = new RecordHeaders();
        if (originalHeaders != null) {
            for (Header h : originalHeaders) {
                if (!h.key().startsWith(ERROR_PREFIX)) {
                    headers.add(h);
                }
            }
        }
        headers.add(REASON, utf8(reason));
        headers.add(STAGE, utf8(stage));
        headers.add(AT, utf8(at.toString()));
        headers.add(DETAIL, utf8(detail));
        if (sourcePartition >= 0) {
            headers.add(SOURCE, utf8(sourceTopic + "-" + sourcePartition + "@" + sourceOffset));
        }
        extraHeaders.forEach((k, v) -> headers.add(k, utf8(v)));
        return headers;
    }

    /** The newest value of a header as text, or null. */
    public static String header(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static SequencedMap<String, String> copyOfExtra(Map<String, String> extra) {
        SequencedMap<String, String> copy = new LinkedHashMap<>();
        extra.forEach((k, v) -> {
            if (k == null || !k.startsWith(ERROR_PREFIX) || k.length() == ERROR_PREFIX.length() || STANDARD.contains(k)) {
                throw new IllegalArgumentException("an extra dead-letter header is error.<name> and not one of " + STANDARD
                        + ", was " + k);
            }
            copy.put(k, Objects.requireNonNull(v, "value of " + k));
        });
        return Collections.unmodifiableSequencedMap(copy);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String truncate(String s) {
        return s.length() <= MAX_DETAIL ? s : s.substring(0, MAX_DETAIL) + "…";
    }
}
