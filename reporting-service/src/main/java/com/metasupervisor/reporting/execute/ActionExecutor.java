package com.metasupervisor.reporting.execute;

import static com.metasupervisor.schemas.Topics.REPORTING_LEDGER;

import com.metasupervisor.avro.ReportingAction;
import com.metasupervisor.avro.ReportingKind;
import com.metasupervisor.avro.ReportingStatus;
import com.metasupervisor.reporting.config.ExecutorSettings;
import com.metasupervisor.streams.connection.KafkaConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's "execute" half (SPEC §7 ledger topic): one daemon thread follows {@code reporting.ledger} (its single
 * partition assigned, from the beginning, read_committed, no consumer group) into a {@link LedgerExecution}, and once
 * it has read to the end performs the oldest due STARTED action and writes what that gave (follow-up STARTED records,
 * then DONE or FAILED) through an idempotent producer, waiting for each acknowledgement. It then reads its own records
 * back before performing anything else, so it never acts on a view older than what it wrote. One instance executes
 * (deploy runs one replica): a second would perform actions twice.
 */
public final class ActionExecutor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ActionExecutor.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final LedgerExecution execution;
    private final ExecutorSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Object> consumerConfig;
    private final Map<String, Object> producerConfig;
    private final Deserializer<ReportingAction> deserializer;
    private final Serializer<ReportingAction> serializer;
    private volatile boolean running;
    private volatile KafkaConsumer<String, ReportingAction> consumer;
    private volatile boolean caughtUpOnce;
    private Thread thread;
    /** Counted down by {@link #close()}: ends the test-only pause without interrupting Kafka's clients. */
    private final CountDownLatch closing = new CountDownLatch(1);

    /** {@code meters} may be null (no counters). */
    public ActionExecutor(LedgerExecution execution, ExecutorSettings settings, Clock clock, MeterRegistry meters,
                          KafkaConnection kafka, String clientId, Deserializer<ReportingAction> deserializer,
                          Serializer<ReportingAction> serializer) {
        this.execution = Objects.requireNonNull(execution, "execution");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.meters = meters;
        this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.consumerConfig = consumerConfig(kafka, clientId);
        this.producerConfig = producerConfig(kafka, clientId);
    }

    /** The service's connection (bootstrap servers, SASL), read_committed, no group: nothing is committed. */
    static Map<String, Object> consumerConfig(KafkaConnection kafka, String clientId) {
        return Map.copyOf(kafka.committedReaderConfig(clientId + "-ledger-reader"));
    }

    /** The service's connection, idempotent (not transactional: no transactional id to grant), acks=all. */
    static Map<String, Object> producerConfig(KafkaConnection kafka, String clientId) {
        Map<String, Object> producer = kafka.clientConfig();
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-ledger-writer");
        producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
        producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis() / 2);
        return Map.copyOf(producer);
    }

    public LedgerExecution execution() {
        return execution;
    }

    /** True once the ledger has been read to its end (what was pending at start is known). */
    public boolean caughtUp() {
        return caughtUpOnce;
    }

    /** Whether the executing thread runs (false before {@link #start()}, after {@link #close()} or if it died). */
    public synchronized boolean alive() {
        return thread != null && thread.isAlive();
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("reporting-executor").start(this::follow);
        if (!settings.pauseBeforeDone().isZero()) {
            LOG.warn("reporting.executor.pause-before-done = {}: a TEST-ONLY setting (the executor pauses before each pull request's DONE)",
                    settings.pauseBeforeDone());
        }
    }

    private void follow() {
        TopicPartition partition = new TopicPartition(REPORTING_LEDGER.name(), 0);
        try (KafkaConsumer<String, ReportingAction> c = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), deserializer);
             KafkaProducer<String, ReportingAction> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), serializer)) {
            consumer = c;
            c.assign(List.of(partition));
            c.seekToBeginning(List.of(partition));
            LOG.info("executing the STARTED actions of {} (read_committed, from the beginning)", REPORTING_LEDGER.name());
            while (running) {
                try {
                    ConsumerRecords<String, ReportingAction> records = c.poll(pollTimeout());
                    for (ConsumerRecord<String, ReportingAction> r : records) {
                        execution.read(r.key(), r.value(), r.offset());
                    }
                    // perform only once read to the end (this executor's own last records included): the view is
                    // the ledger's; before the first action the end is checked anyway, for the health indicator
                    if (records.isEmpty() && (due() || !caughtUpOnce) && atEnd(c, partition)) {
                        var step = execution.performNext(clock.instant());
                        if (step.isPresent()) {
                            write(producer, step.get());
                        }
                    }
                } catch (RecordDeserializationException e) {
                    LOG.error("{} offset {} does not deserialise, skipped: {}", REPORTING_LEDGER.name(), e.offset(), e.getMessage());
                    c.seek(partition, e.offset() + 1);
                } catch (WakeupException | org.apache.kafka.common.errors.InterruptException e) {
                    throw e;
                } catch (org.apache.kafka.common.KafkaException e) {
                    // e.g. the end offset not answered in time while the broker is away: the next poll tries again
                    LOG.warn("reading {} failed, trying again: {}", REPORTING_LEDGER.name(), e.toString());
                }
            }
        } catch (WakeupException | InterruptedException | org.apache.kafka.common.errors.InterruptException e) {
            // close() stopped it
        } catch (RuntimeException e) {
            LOG.error("the reporting executor stopped: {}", e.toString(), e);
        }
    }

    private boolean due() {
        return execution.nextDue().map(at -> !at.isAfter(clock.instant())).orElse(false);
    }

    private Duration pollTimeout() {
        Instant now = clock.instant();
        return execution.nextDue().map(at -> Duration.between(now, at))
                .filter(wait -> wait.compareTo(POLL) < 0)
                .map(wait -> wait.isNegative() ? Duration.ZERO : wait)
                .orElse(POLL);
    }

    private boolean atEnd(KafkaConsumer<String, ReportingAction> c, TopicPartition partition) {
        // read_committed: the end is the last stable offset, so an open planner transaction is waited for
        boolean atEnd = c.position(partition) >= c.endOffsets(List.of(partition)).get(partition);
        if (atEnd && !caughtUpOnce) {
            caughtUpOnce = true;
            LOG.info("{} read to its end: {} action(s) pending", REPORTING_LEDGER.name(), execution.pendingCount());
        }
        return atEnd;
    }

    private void write(KafkaProducer<String, ReportingAction> producer, LedgerExecution.Step step) throws InterruptedException {
        ReportingAction outcome = step.outcome();
        if (outcome.getStatus() == ReportingStatus.DONE && outcome.getKind() == ReportingKind.PULL_REQUEST
                && !settings.pauseBeforeDone().isZero()) {
            LOG.warn("TEST ONLY: pausing {} before writing DONE of {}", settings.pauseBeforeDone(), outcome.getActionKey());
            if (closing.await(settings.pauseBeforeDone().toMillis(), TimeUnit.MILLISECONDS)) {
                return; // stopping: the action stays STARTED and is performed again on the next start
            }
        }
        try {
            for (ReportingAction record : step.writes()) {
                producer.send(new ProducerRecord<>(REPORTING_LEDGER.name(), record.getActionKey(), record))
                        .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                count(record);
            }
        } catch (ExecutionException | TimeoutException e) {
            // not written: the action stays STARTED and is performed again (every performer is safe to repeat)
            LOG.error("could not write the outcome of {} to {}: {}; it is performed again", outcome.getActionKey(),
                    REPORTING_LEDGER.name(), e.getCause() == null ? e.toString() : e.getCause().toString());
            return;
        }
        LOG.info("{} {} {}{}", outcome.getKind(), outcome.getActionKey(), outcome.getStatus(),
                outcome.getReference() == null ? "" : " " + outcome.getReference());
    }

    private void count(ReportingAction record) {
        if (meters != null) {
            meters.counter("meta_supervisor_reporting_actions_total", "kind", record.getKind().name(),
                    "status", record.getStatus().name()).increment();
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        closing.countDown();
        KafkaConsumer<String, ReportingAction> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
