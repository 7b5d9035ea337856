package com.metasupervisor.schemas;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How long a topic keeps its records: the Kafka topic configs the platform, compose and Kubernetes create it with.
 * Either delete-policy retention (records older than {@code retention} go, whole segments at a time; empty: kept for
 * ever), or compaction (only the newest record of each key is kept, once it is older than {@code minCompactionLag};
 * {@code segment} bounds how long a record waits in the active segment, which is never compacted).
 *
 * @param cleanup          Kafka's {@code cleanup.policy}
 * @param retention        DELETE: {@code retention.ms} (empty: unlimited, {@code -1} with {@code retention.bytes=-1});
 *                         COMPACT: empty (compacted topics keep the newest record of every key for ever)
 * @param minCompactionLag COMPACT: {@code min.compaction.lag.ms}, every record (not only the newest of its key) is kept
 *                         at least this long, may be zero; DELETE: zero
 * @param segment          COMPACT: {@code segment.ms}; DELETE: empty (the broker's default, 7 days)
 * @param deleteRetention  COMPACT: {@code delete.retention.ms}, how long a tombstone stays readable (empty: the broker's
 *                         default, 1 day); DELETE: empty
 */
public record TopicRetention(
        CleanupPolicy cleanup,
        Optional<Duration> retention,
        Duration minCompactionLag,
        Optional<Duration> segment,
        Optional<Duration> deleteRetention) {

    public TopicRetention {
        Objects.requireNonNull(cleanup, "cleanup");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(minCompactionLag, "minCompactionLag");
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(deleteRetention, "deleteRetention");
        retention.ifPresent(r -> positive(r, "retention"));
        segment.ifPresent(s -> positive(s, "segment"));
        deleteRetention.ifPresent(d -> positive(d, "deleteRetention"));
        if (minCompactionLag.isNegative()) {
            throw new IllegalArgumentException("minCompactionLag must be >= 0, was " + minCompactionLag);
        }
        wholeMillis(minCompactionLag, "minCompactionLag");
        if (cleanup == CleanupPolicy.DELETE) {
            if (!minCompactionLag.isZero() || segment.isPresent() || deleteRetention.isPresent()) {
                throw new IllegalArgumentException("a delete-policy topic has no compaction settings (min compaction lag "
                        + minCompactionLag + ", segment " + segment + ", delete retention " + deleteRetention + ")");
            }
        } else {
            if (retention.isPresent()) {
                throw new IllegalArgumentException("a compacted topic keeps every key's newest record: no retention ("
                        + retention.get() + ")");
            }
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("a compacted topic needs a segment.ms: records in the active segment are never compacted");
            }
        }
    }

    /** Delete policy: records older than {@code retention} are deleted. */
    public static TopicRetention deleteAfter(Duration retention) {
        Objects.requireNonNull(retention, "retention");
        return new TopicRetention(CleanupPolicy.DELETE, Optional.of(retention), Duration.ZERO, Optional.empty(), Optional.empty());
    }

    /** Delete policy, nothing ever deleted ({@code retention.ms=-1}, {@code retention.bytes=-1}): e.g. Apicurio's journal. */
    public static TopicRetention keepForever() {
        return new TopicRetention(CleanupPolicy.DELETE, Optional.empty(), Duration.ZERO, Optional.empty(), Optional.empty());
    }

    /** Compaction: each record kept at least {@code minCompactionLag}, then only the newest of its key; segments roll every {@code segment}. */
    public static TopicRetention compact(Duration minCompactionLag, Duration segment) {
        Objects.requireNonNull(segment, "segment");
        return new TopicRetention(CleanupPolicy.COMPACT, Optional.empty(), minCompactionLag, Optional.of(segment), Optional.empty());
    }

    /** This compaction with tombstones kept readable for {@code deleteRetention}. */
    public TopicRetention withDeleteRetention(Duration deleteRetention) {
        Objects.requireNonNull(deleteRetention, "deleteRetention");
        return new TopicRetention(cleanup, retention, minCompactionLag, segment, Optional.of(deleteRetention));
    }

    /** True for a delete-policy topic that never deletes. */
    public boolean unlimited() {
        return cleanup == CleanupPolicy.DELETE && retention.isEmpty();
    }

    /**
     * Exactly the topic configs to create (or alter) the topic with, {@code cleanup.policy} first; anything not listed
     * is the broker's default.
     */
    public Map<String, String> kafkaConfigs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanup.kafkaValue());
        if (cleanup == CleanupPolicy.DELETE) {
            if (retention.isPresent()) {
                configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.get().toMillis()));
            } else {
                configs.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
                configs.put(TopicConfig.RETENTION_BYTES_CONFIG, "-1");
            }
        } else {
            configs.put(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, Long.toString(minCompactionLag.toMillis()));
            configs.put(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(segment.orElseThrow().toMillis()));
            deleteRetention.ifPresent(d -> configs.put(TopicConfig.DELETE_RETENTION_MS_CONFIG, Long.toString(d.toMillis())));
        }
        return Collections.unmodifiableMap(configs);
    }

    private static void positive(Duration d, String name) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, was " + d);
        }
        wholeMillis(d, name);
    }

    private static void wholeMillis(Duration d, String name) {
        if (d.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException(name + " must be whole milliseconds (Kafka's unit), was " + d);
        }
    }
}
