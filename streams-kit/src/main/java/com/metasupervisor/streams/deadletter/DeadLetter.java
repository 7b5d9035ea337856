package com.metasupervisor.streams.deadletter;

import com.metasupervisor.schemas.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record that cannot be processed, on its way to {@code <topic>.dlq}: the original key and value
 * bytes and headers, plus {@code error.reason} (a short code, e.g. {@code malformed},
 * {@code confidence_out_of_range}), {@code error.stage} ({@code deserialize}, {@code validate}, or
 * the processor that failed), {@code error.at} (ISO-8601 UTC), and {@code error.detail} (text for a
 * human) and where the record came from.
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
        Instant at) {

    public static final String REASON = "error.reason";
    public static final String STAGE = "error.stage";
    public static final String AT = "error.at";
    public static final String DETAIL = "error.detail";
    public static final String SOURCE = "error.source";

    public static final String STAGE_DESERIALIZE = "deserialize";
    public static final String STAGE_VALIDATE = "validate";

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
    }

    public String deadLetterTopic() {
        return sourceTopic + Topic.DEAD_LETTER_SUFFIX;
    }

    /** The record to produce: same key (so same partitioning), original bytes, original headers plus ours. */
    public ProducerRecord<byte[], byte[]> toProducerRecord() {
        return new ProducerRecord<>(deadLetterTopic(), null, null, key, value, headers());
    }

    /** The original headers (stale {@code error.*} ones dropped) plus the dead-letter headers. */
    public Headers headers() {
        Headers headers = new RecordHeaders();
        if (originalHeaders != null) {
            for (Header h : originalHeaders) {
                if (!h.key().startsWith("error.")) {
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
        return headers;
    }

    /** The newest value of a header as text, or null. */
    public static String header(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String truncate(String s) {
        return s.length() <= MAX_DETAIL ? s : s.substring(0, MAX_DETAIL) + "…";
    }
}
