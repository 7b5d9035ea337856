package com.metasupervisor.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.platform.ServiceProcess;
import com.metasupervisor.reconciler.BackfillMarket.Expectation;
import com.metasupervisor.reconciler.BackfillMarket.Pair;
import com.metasupervisor.reconciler.config.ReconcilerSettings;
import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.schemas.UnreconcilableHeaders;
import com.metasupervisor.streams.deadletter.DeadLetter;
import com.metasupervisor.testkit.RestProbe;
import com.metasupervisor.testkit.TestCredentials;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 9, acceptance 1: a backfill and an outage lose nothing. Five days of one-minute ticks for six symbols
 * and the calls of eight agents (horizons 1, 4 and 24 h) are produced as fast as the clients go, in event-time
 * order per producer, the market feed and each agent a producer of its own (so their relative speed is not
 * controlled), keys spread by librdkafka's CRC32 partitioner, while the reconciler (a service process, default
 * settings) runs. Then the reconciler is stopped, two more days come in, and a new instance catches them up.
 * After each part: every (event, horizon) whose exit tick is final is reconciled exactly once with the PnL the
 * ticks give, those whose exit tick has not come yet are pending (nothing emitted), and nothing is dead-lettered.
 *
 * <p>It runs on a platform of its own: a market days in the past shares no stream time with other tests' calls
 * at today's time, and other reconciler tests would otherwise re-read its sixty thousand ticks.</p>
 */
class ReconcilerBackfillIT {

    private static final Logger LOG = LoggerFactory.getLogger(ReconcilerBackfillIT.class);

    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "NVDA", "AMZN", "GOOG", "META");
    private static final int AGENTS = 8;
    private static final Duration CALL_PERIOD = Duration.ofMinutes(15);
    private static final Duration BACKFILL = Duration.ofDays(5);
    private static final Duration OUTAGE = Duration.ofDays(2);
    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(3);
    private static final Path LOGS = Path.of("target", "it-logs");

    @Test
    void aBackfillAndAnOutageCaughtUpReconcileEveryPairOnceWithItsPnl() throws Exception {
        try (LocalPlatform platform = LocalPlatform.start()) {
            run(platform);
        }
    }

    private void run(LocalPlatform platform) throws Exception {
        // the whole market in the past: emitted_at may not be ahead of the clock
        Instant start = Instant.now().minus(BACKFILL).minus(OUTAGE).minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        Instant outageStarts = start.plus(BACKFILL);
        Instant end = outageStarts.plus(OUTAGE);
        BackfillMarket market = BackfillMarket.generate(start, BACKFILL.plus(OUTAGE), SYMBOLS, AGENTS, CALL_PERIOD, 9);
        assertThat(SYMBOLS).as("the CRC32 partitioner spreads the symbols otherwise than Java's murmur2 would")
                .anyMatch(symbol -> crc32Partition(symbol, Topics.MARKET_PRICES) != murmur2Partition(symbol, Topics.MARKET_PRICES));

        String applicationId = "reconciler-backfill-it-" + UUID.randomUUID();
        Duration tickLateness = ReconcilerSettings.defaults().tickLateness();
        try (ReconcilerOutputs outputs = new ReconcilerOutputs(platform);
             StreamsProgress progress = new StreamsProgress(platform.clientProperties(), applicationId)) {
            int port = freePort();
            Map<String, Expectation> atOutage;
            try (ServiceProcess first = reconciler(platform, applicationId, port, "before-outage")) {
                await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                        .until(() -> RestProbe.get("http://localhost:" + port + "/health").body().contains("\"status\":\"UP\""));
                produce(platform, market, start, outageStarts);
                awaitCaughtUp(first, progress, outputs);
                atOutage = outputs.check(market, outageStarts, tickLateness, "after the 5-day backfill");
            }
            // the outage: no reconciler while two more days of ticks and calls come in; a new instance
            // (fresh state directory, its stores restored from their changelogs) catches them up
            produce(platform, market, outageStarts, end);
            try (ServiceProcess second = reconciler(platform, applicationId, freePort(), "after-outage")) {
                awaitCaughtUp(second, progress, outputs);
                Map<String, Expectation> atEnd = outputs.check(market, end, tickLateness, "after the 2-day outage");
                int callsADay = (int) (AGENTS * Duration.ofDays(1).dividedBy(CALL_PERIOD));
                assertThat(atOutage.entrySet()).as("pairs pending at the outage and priced after it (the 24 h ones of its last day)")
                        .filteredOn(e -> e.getValue() instanceof Expectation.Pending && atEnd.get(e.getKey()) instanceof Expectation.Priced)
                        .hasSizeGreaterThan(callsADay / 2);
            }
        }
    }

    /** Until the reconciler has processed everything produced (inputs, then its by-symbol repartition topic) and its outputs are read. */
    private static void awaitCaughtUp(ServiceProcess reconciler, StreamsProgress progress, ReconcilerOutputs outputs) {
        long started = System.nanoTime();
        List<String> topics = List.of(Topics.ALPHA_EVENTS.name(), Topics.MARKET_PRICES.name(), progress.repartitionTopic("by-symbol"));
        try {
            await().atMost(CATCH_UP_LIMIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
                assertThat(reconciler.isAlive()).as("the reconciler runs (log %s)", reconciler.log()).isTrue();
                outputs.poll();
                return progress.hasProcessed(topics);
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the reconciler did not catch up within " + CATCH_UP_LIMIT + " (log " + reconciler.log()
                    + "); so far " + outputs.summary(), e);
        }
        await().atMost(Duration.ofSeconds(30)).until(outputs::readToEnd);
        LOG.info("reconciler caught up {} ms after the last record was produced: {}", (System.nanoTime() - started) / 1_000_000, outputs.summary());
    }

    private static ServiceProcess reconciler(LocalPlatform platform, String applicationId, int port, String instance) {
        return ServiceProcess.start("com.metasupervisor.reconciler.Application", TestCredentials.in(new HashMap<>(Map.of(
                "kafka.bootstrap.servers", platform.bootstrapServers(),
                "registry.url", platform.registry().url(),
                "kafka.streams.default.application.id", applicationId,
                "kafka.streams.default.state.dir", Path.of("target", "it-state", "backfill-" + instance + "-" + UUID.randomUUID())
                        .toAbsolutePath().toString(),
                "micronaut.server.port", Integer.toString(port)))), LOGS.resolve("reconciler-backfill-" + instance + ".log"));
    }

    /**
     * The ticks and calls of [from, to) as a backfill sends them: the market feed and every agent a producer of
     * its own, each in event-time order as fast as it goes, all at once; record times are the producers' clocks,
     * as a client's default.
     */
    private static void produce(LocalPlatform platform, BackfillMarket market, Instant from, Instant to) throws Exception {
        long started = System.nanoTime();
        List<Callable<Void>> producers = new ArrayList<>();
        List<PriceTick> ticks = market.ticks(from, to);
        producers.add(() -> send(platform, Topics.MARKET_PRICES, ticks, PriceTick::getSymbol));
        market.calls(from, to).values().forEach(calls -> producers.add(() -> send(platform, Topics.ALPHA_EVENTS, calls, AlphaEvent::getAgent)));
        ExecutorService pool = Executors.newFixedThreadPool(producers.size());
        try {
            for (Future<Void> sent : pool.invokeAll(producers)) {
                sent.get();
            }
        } finally {
            pool.shutdownNow();
        }
        LOG.info("produced {} ticks and {} calls of [{}, {}) in {} ms", ticks.size(),
                market.calls(from, to).values().stream().mapToInt(List::size).sum(), from, to, (System.nanoTime() - started) / 1_000_000);
    }

    private static <V extends SpecificRecord> Void send(LocalPlatform platform, Topic<V> topic, List<V> values, Function<V, String> key) throws Exception {
        Properties props = platform.clientProperties();
        props.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, Crc32Partitioner.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (Serde<V> serde = topic.valueSerde(platform.registry());
             KafkaProducer<String, V> producer = new KafkaProducer<>(props, topic.keySerde().serializer(), serde.serializer())) {
            for (V value : values) {
                producer.send(new ProducerRecord<>(topic.name(), key.apply(value), value), (metadata, e) -> {
                    if (e != null) {
                        failed.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("producing to " + topic.name() + " failed", failed.get());
        }
        return null;
    }

    private static int crc32Partition(String key, Topic<?> topic) {
        return Crc32Partitioner.partitionOf(key.getBytes(StandardCharsets.UTF_8), topic.partitions());
    }

    /** Java's default for a keyed record (BuiltInPartitioner). */
    private static int murmur2Partition(String key, Topic<?> topic) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % topic.partitions();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A record of a dead-letter topic, by its headers. */
    private record DeadLetterSeen(String topic, String reason, String eventId, String horizonHours, String detail) {

        static DeadLetterSeen of(ConsumerRecord<byte[], byte[]> record) {
            return new DeadLetterSeen(record.topic(), header(record, DeadLetter.REASON), header(record, UnreconcilableHeaders.EVENT_ID),
                    header(record, UnreconcilableHeaders.HORIZON_HOURS), header(record, DeadLetter.DETAIL));
        }

        private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
            Header header = record.headers().lastHeader(name);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }

        String pairId() {
            return eventId == null || horizonHours == null ? null : Pair.id(eventId, Integer.parseInt(horizonHours));
        }
    }

    /**
     * What the reconciler wrote, read committed: the rows of {@code alpha.reconciled} per (event, horizon), and
     * every record of {@code alpha.events.dlq} and {@code market.prices.dlq}.
     */
    private static final class ReconcilerOutputs implements AutoCloseable {

        private final KafkaConsumer<String, ReconciledAlpha> rowConsumer;
        private final KafkaConsumer<byte[], byte[]> deadLetterConsumer;
        private final Map<String, List<ReconciledAlpha>> rows = new HashMap<>();
        private final List<DeadLetterSeen> deadLetters = new ArrayList<>();

        ReconcilerOutputs(LocalPlatform platform) {
            rowConsumer = platform.committedFromNow(Topics.ALPHA_RECONCILED); // a fresh platform: from the start
            Properties props = platform.clientProperties();
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            deadLetterConsumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.ALPHA_EVENTS.deadLetterTopic(), Topics.MARKET_PRICES.deadLetterTopic())) {
                deadLetterConsumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            deadLetterConsumer.assign(partitions);
            deadLetterConsumer.seekToBeginning(partitions);
        }

        void poll() {
            rowConsumer.poll(Duration.ofMillis(100)).forEach(record -> rows
                    .computeIfAbsent(Pair.id(record.value().getEventId(), record.value().getHorizonHours()), id -> new ArrayList<>())
                    .add(record.value()));
            deadLetterConsumer.poll(Duration.ofMillis(100)).forEach(record -> deadLetters.add(DeadLetterSeen.of(record)));
        }

        /** Polls once more; true once both consumers are at the end of what is committed. */
        boolean readToEnd() {
            poll();
            return atEnd(rowConsumer) && atEnd(deadLetterConsumer);
        }

        private static boolean atEnd(KafkaConsumer<?, ?> consumer) {
            // read_committed: endOffsets are the last stable offsets
            return consumer.endOffsets(consumer.assignment()).entrySet().stream()
                    .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
        }

        String summary() {
            return rows.values().stream().mapToInt(List::size).sum() + " rows of " + rows.size() + " pairs, " + deadLetters.size()
                    + " dead letters " + deadLetters.stream().collect(Collectors.groupingBy(DeadLetterSeen::reason, TreeMap::new,
                    Collectors.counting()));
        }

        /**
         * Checks every pair of the calls emitted before {@code until} against what the ticks before it say, and that
         * nothing else was written; returns each pair's expectation by pair id.
         */
        Map<String, Expectation> check(BackfillMarket market, Instant until, Duration tickLateness, String when) {
            Map<String, Expectation> expected = new HashMap<>();
            Map<String, List<DeadLetterSeen>> deadLettersByPair = deadLetters.stream().filter(d -> d.pairId() != null)
                    .collect(Collectors.groupingBy(DeadLetterSeen::pairId));
            Map<String, Long> countsByKind = new TreeMap<>();
            List<String> problems = new ArrayList<>();
            int priced = 0;
            for (Pair pair : market.pairs(until)) {
                Expectation expectation = market.expectation(pair, until, tickLateness);
                expected.put(pair.id(), expectation);
                if (expectation instanceof Expectation.Priced) {
                    priced++;
                }
                List<DeadLetterSeen> lettered = deadLettersByPair.getOrDefault(pair.id(), List.of());
                Finding finding = finding(pair, expectation, rows.getOrDefault(pair.id(), List.of()), lettered);
                if (finding != null) {
                    countsByKind.merge(finding.kind() + " " + pair.call().getSymbol() + " " + pair.horizonHours() + "h", 1L, Long::sum);
                    problems.add(pair.id() + " (" + pair.call().getSymbol() + ", emitted " + pair.call().getEmittedAt() + ", expected "
                            + expectation + "): " + finding.detail());
                }
            }
            rows.keySet().stream().filter(id -> !expected.containsKey(id)).forEach(id -> problems.add(id + ": a row for no call made"));
            deadLetters.stream().filter(d -> d.pairId() == null || !expected.containsKey(d.pairId()))
                    .forEach(d -> problems.add("a dead letter for no pair of this test: " + d));
            assertThat(problems).as("%s: %d pairs, %d of them priced; problems by kind, symbol and horizon %s; the first ones:%n%s",
                    when, expected.size(), priced, countsByKind, String.join("\n", problems.subList(0, Math.min(30, problems.size()))))
                    .isEmpty();
            assertThat(priced).as("%s: most pairs have their exit tick", when).isGreaterThan(expected.size() * 3 / 4);
            return expected;
        }

        /** What is wrong with a pair's rows and dead letters, or null when nothing is. */
        private static Finding finding(Pair pair, Expectation expectation, List<ReconciledAlpha> got, List<DeadLetterSeen> lettered) {
            String reasons = lettered.stream().map(DeadLetterSeen::reason).distinct().sorted().collect(Collectors.joining("+"));
            String letters = lettered.stream().map(d -> "dead letter " + d.reason() + ": " + d.detail()).collect(Collectors.joining("; "));
            if (got.size() > 1) {
                return new Finding(got.size() + " rows", got.toString());
            }
            Expectation.Priced priced = switch (expectation) {
                case Expectation.Priced p -> p;
                case Expectation.Settling s -> s.ifPriced();
                case Expectation.Pending p -> null;
            };
            if (got.isEmpty()) {
                if (expectation instanceof Expectation.Priced) {
                    return new Finding("not reconciled" + (reasons.isEmpty() ? "" : ", dead-lettered " + reasons), letters);
                }
                return lettered.isEmpty() ? null : new Finding("dead-lettered " + reasons, letters);
            }
            if (priced == null) {
                return new Finding("emitted while its exit tick had not come", got.getFirst().toString());
            }
            String mismatch = mismatch(pair, got.getFirst(), priced);
            if (mismatch != null) {
                return new Finding("mispriced", mismatch + " in " + got.getFirst());
            }
            return lettered.isEmpty() ? null : new Finding("reconciled and dead-lettered " + reasons, letters);
        }

        /** Why the row does not say what the ticks say, or null when it does. */
        private static String mismatch(Pair pair, ReconciledAlpha row, Expectation.Priced expected) {
            if (!row.getAgent().equals(pair.call().getAgent()) || !row.getSymbol().equals(pair.call().getSymbol())) {
                return "agent/symbol " + row.getAgent() + "/" + row.getSymbol();
            }
            if (!row.getMaturedAt().equals(expected.maturedAt())) {
                return "matured_at " + row.getMaturedAt();
            }
            if (Math.abs(row.getEntryPrice() - expected.entryPrice()) > 1e-9) {
                return "entry_price " + row.getEntryPrice();
            }
            if (Math.abs(row.getExitPrice() - expected.exitPrice()) > 1e-9) {
                return "exit_price " + row.getExitPrice();
            }
            if (Math.abs(row.getRealizedPnlBps() - expected.realizedPnlBps()) > 1e-6) {
                return "realized_pnl_bps " + row.getRealizedPnlBps();
            }
            return null;
        }

        /** One pair's problem: its kind (counted by symbol and horizon) and what was seen. */
        private record Finding(String kind, String detail) {
        }

        @Override
        public void close() {
            rowConsumer.close();
            deadLetterConsumer.close();
        }
    }
}
