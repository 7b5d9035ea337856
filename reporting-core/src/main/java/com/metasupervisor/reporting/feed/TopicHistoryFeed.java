package com.metasupervisor.reporting.feed;

import com.metasupervisor.reporting.domain.report.ReportHistory;
import com.metasupervisor.schemas.CleanupPolicy;
import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.TopicSerdes;
import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.connection.KafkaConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a {@link ReportHistory} from the report's input topics ({@link ReportFacts#TOPICS}): one consumer, no group,
 * read_committed (a record of an aborted transaction is never reported), every partition assigned and read from the
 * first record at or after a start time ({@code offsetsForTimes}; a partition without one starts at its end), except
 * the compacted topics, read from their beginning: the allocation or class status in force at the start may be older.
 * Values are read as bytes and decoded with the topic's serde, so a record that fails to decode (or that the report
 * model refuses) is counted in {@link #skipped()}, logged, and skipped: it never stops the feed.
 *
 * <p>Two uses: {@link #replay} (the cli) reads a span up to the end offsets present when it starts, then returns;
 * {@link #follow} (the service) keeps reading on a daemon thread until {@link #stop}, pruning the history to
 * {@code keep} once an hour, and, when the consumer fails (the broker unreachable), starting again after a pause from
 * the record after the last one applied. Every record is applied under a lock; {@link #snapshot} runs a function under it, so a
 * report is built from a consistent history. Record timestamps are the producers' times: a span's start reaches back
 * by the time its facts were written, which is at or after the times they carry.
 */
public final class TopicHistoryFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicHistoryFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);
    /** A replay that makes no progress for this long (broker gone) fails rather than hang the cli. */
    private static final Duration REPLAY_STALL = Duration.ofMinutes(2);
    private static final Duration RETRY_FIRST = Duration.ofSeconds(1);
    private static final Duration RETRY_MAX = Duration.ofMinutes(1);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Map<String, Deserializer<? extends SpecificRecord>> deserializers;
    private final ReportHistory history;
    private final Clock clock;
    private final Duration keep;
    private final Object lock = new Object();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final Object retryPause = new Object();
    /** The follow thread's next offset per partition (only that thread touches it). */
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile Consumer<String, byte[]> following;
    private Thread thread;

    /**
     * @param consumers    makes the consumer (a KafkaConsumer in the service; a MockConsumer in tests); the feed sets
     *                     nothing on it, so it must be read_committed without a group ({@link #consumerConfig})
     * @param serdes       the value serde of each topic (the registry's in the service)
     * @param history      the history fed; read it only through {@link #snapshot}
     * @param clock        "now" for {@link #follow}'s start and its pruning
     * @param keep         how much history {@link #follow} reads and keeps (from now − keep); the service passes
     *                     {@code LpReportSettings.feedKeep()} (the report's history + 2 days), not the history
     *                     itself, which would cut the first day of a report built after its week short
     */
    public TopicHistoryFeed(Supplier<Consumer<String, byte[]>> consumers, TopicSerdes serdes, ReportHistory history,
                            Clock clock, Duration keep) {
        this.consumers = ArgChecker.notNull(consumers, "consumers");
        ArgChecker.notNull(serdes, "serdes");
        this.history = ArgChecker.notNull(history, "history");
        this.clock = ArgChecker.notNull(clock, "clock");
        this.keep = ArgChecker.positive(keep, "keep");
        Map<String, Deserializer<? extends SpecificRecord>> byTopic = new HashMap<>();
        for (Topic<? extends SpecificRecord> topic : ReportFacts.TOPICS) {
            byTopic.put(topic.name(), serdes.value(topic).deserializer());
        }
        this.deserializers = Map.copyOf(byTopic);
    }

    /** A feed reading through {@code kafka} (a service's connection: bootstrap servers, SASL), values decoded through the registry. */
    public static TopicHistoryFeed of(KafkaConnection kafka, RegistrySettings registry, ReportHistory history, Clock clock,
                                      Duration keep) {
        Map<String, Object> config = consumerConfig(kafka);
        return new TopicHistoryFeed(() -> new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()),
                TopicSerdes.registry(registry), history, clock, keep);
    }

    /** A feed reading the broker at {@code bootstrapServers} in PLAINTEXT (the command line, the demo). */
    public static TopicHistoryFeed of(String bootstrapServers, RegistrySettings registry, ReportHistory history, Clock clock,
                                      Duration keep) {
        return of(KafkaConnection.plaintext(bootstrapServers), registry, history, clock, keep);
    }

    /** As {@link #consumerConfig(KafkaConnection)} in PLAINTEXT. */
    public static Map<String, Object> consumerConfig(String bootstrapServers) {
        return consumerConfig(KafkaConnection.plaintext(bootstrapServers));
    }

    /**
     * The connection's settings, read_committed, no group, no commits: each feed reads the topics on its own, from the
     * times it is given (and needs no group ACL).
     */
    public static Map<String, Object> consumerConfig(KafkaConnection kafka) {
        ArgChecker.notNull(kafka, "kafka");
        Map<String, Object> config = kafka.committedReaderConfig("reporting-history-feed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return Map.copyOf(config);
    }

    /**
     * Reads every input partition from the first record at or after {@code from} (a compacted topic: from its
     * beginning) up to the end offset present now or up to its first record after {@code until}, whichever comes
     * first, applying each record; returns how many facts were applied. Record times are the producers' (a row is
     * written after it matures): pass an {@code until} past the period's end by the lag to wait for. Fails
     * (IllegalStateException) when no progress is made for two minutes.
     */
    public long replay(Instant from, Instant until) {
        ArgChecker.notNull(from, "from");
        ArgChecker.notNull(until, "until");
        ArgChecker.isTrue(!until.isBefore(from), "until must not be before from");
        long before = applied.get();
        try (Consumer<String, byte[]> consumer = consumers.get()) {
            List<TopicPartition> partitions = assignAndSeek(consumer, from);
            Map<TopicPartition, Long> stops = new HashMap<>(consumer.endOffsets(partitions));
            Map<TopicPartition, OffsetAndTimestamp> after = consumer.offsetsForTimes(timestamps(partitions, until.plusMillis(1)));
            after.forEach((tp, ot) -> {
                if (ot != null) {
                    stops.merge(tp, ot.offset(), Math::min);
                }
            });
            Instant lastProgress = clock.instant();
            while (!reached(consumer, stops)) {
                int read = 0;
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    Long stop = stops.get(new TopicPartition(r.topic(), r.partition()));
                    if (stop != null && r.offset() < stop) {
                        apply(r);
                        read++;
                    }
                }
                pauseThoseAtTheirStop(consumer, stops); // what lies beyond a stop is not fetched again and again
                if (read > 0) {
                    lastProgress = clock.instant();
                } else if (clock.instant().isAfter(lastProgress.plus(REPLAY_STALL))) {
                    throw new IllegalStateException("the replay of the report topics made no progress for " + REPLAY_STALL);
                }
            }
        }
        return applied.get() - before;
    }

    /**
     * Starts following the topics on a daemon thread, from now − keep; {@link #caughtUp()} turns true once the end
     * offsets present at the start are read. Calling it twice is an error.
     */
    public synchronized void follow() {
        ArgChecker.isTrue(thread == null, "the feed is already following");
        running = true;
        thread = Thread.ofPlatform().daemon().name("reporting-history-feed").start(this::followLoop);
    }

    private void followLoop() {
        Duration backoff = RETRY_FIRST;
        while (running) {
            try {
                followOnce();
                return;
            } catch (WakeupException e) {
                return; // stop() woke the consumer up
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // e.g. the broker unreachable at start: try again, from where it was (no record applied twice)
                LOG.error("the report history feed failed, retrying in {}: {}", backoff, e.toString(), e);
                synchronized (retryPause) {
                    try {
                        retryPause.wait(backoff.toMillis());
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                backoff = backoff.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : backoff.multipliedBy(2);
            } finally {
                following = null;
            }
        }
    }

    private void followOnce() {
        try (Consumer<String, byte[]> consumer = consumers.get()) {
            following = consumer;
            if (!running) {
                return;
            }
            Instant start = clock.instant().minus(keep);
            List<TopicPartition> partitions = assignAndSeek(consumer, start);
            partitions.forEach(tp -> {
                Long next = nextOffsets.get(tp);
                if (next != null) {
                    consumer.seek(tp, next); // a retry resumes after the last record applied
                }
            });
            Map<TopicPartition, Long> startEnds = consumer.endOffsets(partitions);
            Instant nextPrune = clock.instant();
            LOG.info("following {} partitions of the report topics from {}", partitions.size(), start);
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    apply(r);
                    nextOffsets.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
                }
                if (!caughtUp && reached(consumer, startEnds)) {
                    caughtUp = true;
                    LOG.info("the report history caught up: {} facts applied, {} records skipped", applied.get(), skipped.get());
                }
                Instant now = clock.instant();
                if (!now.isBefore(nextPrune)) {
                    synchronized (lock) {
                        history.prune(now.minus(keep));
                    }
                    nextPrune = now.plus(PRUNE_EVERY);
                }
            }
        }
    }

    /** Stops following; the history keeps what was applied. */
    public synchronized void stop() {
        running = false;
        synchronized (retryPause) {
            retryPause.notifyAll();
        }
        Consumer<String, byte[]> c = following;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Runs {@code fn} on the history under the feed's lock (no record is applied meanwhile); returns its result. */
    public <T> T snapshot(Function<ReportHistory, T> fn) {
        ArgChecker.notNull(fn, "fn");
        synchronized (lock) {
            return fn.apply(history);
        }
    }

    /** Whether {@link #follow} has read what the topics held when it started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Facts applied to the history so far. */
    public long applied() {
        return applied.get();
    }

    /** Records that failed to decode or that the report model refused, so far (each logged once). */
    public long skipped() {
        return skipped.get();
    }

    /**
     * Assigns every partition of the input topics: a compacted topic (allocations, allocations.shadow, strategy status,
     * agent stats) from its beginning, since what is in force at {@code from} may have been written long before it
     * (compaction keeps it small); the others from their first record at or after {@code from}.
     */
    private List<TopicPartition> assignAndSeek(Consumer<String, byte[]> consumer, Instant from) {
        List<TopicPartition> partitions = new ArrayList<>();
        List<TopicPartition> compacted = new ArrayList<>();
        for (Topic<? extends SpecificRecord> topic : ReportFacts.TOPICS) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic.name());
            if (infos == null || infos.isEmpty()) {
                LOG.warn("topic {} has no partitions (not created yet?): the report reads nothing from it", topic.name());
                continue;
            }
            for (PartitionInfo p : infos) {
                TopicPartition tp = new TopicPartition(p.topic(), p.partition());
                partitions.add(tp);
                if (topic.cleanup() == CleanupPolicy.COMPACT) {
                    compacted.add(tp);
                }
            }
        }
        consumer.assign(partitions);
        List<TopicPartition> byTime = partitions.stream().filter(tp -> !compacted.contains(tp)).toList();
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(timestamps(byTime, from));
        List<TopicPartition> atEnd = new ArrayList<>();
        for (TopicPartition tp : byTime) {
            OffsetAndTimestamp start = starts.get(tp);
            if (start == null) {
                atEnd.add(tp); // nothing written since `from`
            } else {
                consumer.seek(tp, start.offset());
            }
        }
        if (!atEnd.isEmpty()) {
            consumer.seekToEnd(atEnd);
        }
        if (!compacted.isEmpty()) {
            consumer.seekToBeginning(compacted);
        }
        return partitions;
    }

    private static void pauseThoseAtTheirStop(Consumer<String, byte[]> consumer, Map<TopicPartition, Long> stops) {
        List<TopicPartition> done = new ArrayList<>();
        stops.forEach((tp, stop) -> {
            if (consumer.position(tp) >= stop) {
                done.add(tp);
            }
        });
        consumer.pause(done);
    }

    private static Map<TopicPartition, Long> timestamps(List<TopicPartition> partitions, Instant at) {
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(tp -> times.put(tp, Math.max(0, at.toEpochMilli())));
        return times;
    }

    private static boolean reached(Consumer<String, byte[]> consumer, Map<TopicPartition, Long> stops) {
        for (Map.Entry<TopicPartition, Long> e : stops.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return; // a tombstone of a compacted topic: nothing to report
        }
        try {
            Deserializer<? extends SpecificRecord> deserializer = deserializers.get(r.topic());
            if (deserializer == null) {
                return;
            }
            SpecificRecord value = deserializer.deserialize(r.topic(), r.headers(), r.value());
            ReportFacts.of(value).ifPresent(fact -> {
                synchronized (lock) {
                    history.apply(fact);
                }
                applied.incrementAndGet();
            });
        } catch (RuntimeException e) {
            skipped.incrementAndGet();
            LOG.warn("skipped the record of {}-{} at offset {}: {}", r.topic(), r.partition(), r.offset(), e.toString());
        }
    }
}
