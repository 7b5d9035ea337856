package com.metasupervisor.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.product.InstallationProbe.LoggedRecord;
import com.metasupervisor.product.InstallationProbe.PartitionLog;
import com.metasupervisor.product.InstallationProbe.SchemaVersion;
import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.schemas.ServiceCatalog;
import com.metasupervisor.schemas.ServiceDefinition;
import com.metasupervisor.schemas.Topics;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 1 of issue 15: {@code ./ms run} is an installation that a restart keeps whole. Run it on a data
 * directory of its own (ports 0), feed it calls and ticks until the reconciler has rows at every horizon, the sim
 * models are trained and risk has figures, wait until it stands still, snapshot it; stop it (SIGTERM); run it again
 * on the same directory and wait until it stands still. Then, exactly:
 * <ul>
 *   <li>every subject's schema id and version, {@code GET /models} and risk's REST figures are equal;</li>
 *   <li>every record of every topic (internal ones included) is still there at its offset, byte for byte, unless the
 *   broker removed it by design, checked record by record (a consumed repartition record purged by Kafka Streams,
 *   retention, compaction by a newer record of its key);</li>
 *   <li>what the restart added before any input is the registry's journal and events, and otherwise only repeats of a
 *   key's latest value (same key and value bytes); every other end offset grew by transaction markers at most;</li>
 *   <li>every committed offset of the five applications is equal, or moved past transaction markers only;</li>
 * </ul>
 * a second {@code ./ms run} on that directory is refused naming the holder's pid; and a new call whose entry and exit
 * ticks were sent before the restart is reconciled from them, with the model trained before the restart.
 * Its data and logs stay under {@code target/it/MsRunRestartIT} for a look after a failure.
 */
class MsRunRestartIT {

    private static final List<String> SYMBOLS = List.of("RSTA", "RSTB", "RSTC");
    private static final List<String> AGENTS = List.of("restart-agent-0", "restart-agent-1", "restart-agent-2", "restart-agent-3");
    private static final List<String> CLASSES = List.of("momentum", "trend");
    /** Enough rows at every horizon for a sim model (reconciler.model.min-rows 250). */
    private static final int CALLS = 300;
    private static final Duration TICK_EVERY = Duration.ofMinutes(5);
    /** Calls over the first 10 h, ticks for 48 h: every call matures at 24 h with ticks to spare. */
    private static final Duration CALL_PERIOD = Duration.ofHours(10);
    private static final Duration MARKET_SPAN = Duration.ofHours(48);
    /** The new call after the restart: its entry (20 h) and every exit (up to 44 h) are ticks sent in the first run. */
    private static final Duration NEW_CALL_AT = Duration.ofHours(20);
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(4);

    /**
     * The registry's own topics: Apicurio writes to its journal and its events topic on every start (the catalog's
     * registration, idempotent at the API: the ids stay, checked above). Every other topic a restart writes to
     * before any new input may only get repeats (checked exactly: same key, same value bytes as that key's latest
     * record): governance's manifest sync publishes the config repository's kill list again on every start, its
     * stores record it again, and Kafka Streams' stream-time punctuations (not kept across a restart) fire once
     * more at the restored stream time, writing risk's windows unchanged.
     */
    private static final Set<String> REGISTRY_TOPICS = Set.of("kafkasql-journal", "registry-events");

    /** What a restart must keep, read from outside. */
    record Snapshot(Map<TopicPartition, Long> endOffsets, Map<String, Map<TopicPartition, Long>> committed,
                    Map<String, SchemaVersion> schemas, JsonNode models, Map<String, JsonNode> risk) {
    }

    @Test
    void aRestartKeepsEveryRecordOffsetSchemaIdModelAndRiskFigureAndPricesANewCallFromTicksSentBefore() throws Exception {
        // under target, not a temporary directory: the data and the logs stay for a look after a failure
        Path work = Path.of("target", "it", "MsRunRestartIT").toAbsolutePath();
        deleteTree(work);
        Path data = work.resolve("data").toAbsolutePath().normalize();
        Path runDir = work.resolve("run").toAbsolutePath().normalize();
        Instant start = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        KnownMarket market = new KnownMarket(start, SYMBOLS, TICK_EVERY, MARKET_SPAN);
        List<AlphaEvent> calls = market.calls("restart-call-", CALLS, AGENTS, CLASSES, CALL_PERIOD, 15);
        Map<String, Duration> figures = new LinkedHashMap<>();

        Snapshot before;
        Map<TopicPartition, PartitionLog> logsBefore;
        String bootstrap;
        String registryUrl;
        String operatorToken;
        try (MsRunProcess first = MsRunProcess.start(data, runDir)) {
            figures.put("first start to HEALTHY (empty data directory: format, registry journal, topics, schemas)", first.awaitHealthy());
            bootstrap = first.kafkaBootstrap();
            registryUrl = first.registryUrl();
            operatorToken = first.operatorToken();
            assertThat(first.dataFile("installation.properties").getProperty("kafka.port"))
                    .as("the chosen Kafka port, kept in installation.properties").isEqualTo(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
            Map<String, String> services = first.serviceUrls();
            try (InstallationProbe probe = new InstallationProbe(bootstrap, registryUrl)) {
                feed(bootstrap, registryUrl, market.ticks(), calls);
                Map<String, ReconciledAlpha> rows = awaitRows(bootstrap, registryUrl, 3 * CALLS);
                assertThat(rows.keySet()).as("every call reconciled at every horizon")
                        .containsExactlyInAnyOrderElementsOf(calls.stream()
                                .flatMap(c -> KnownMarket.HORIZONS.stream().map(h -> c.getEventId() + "@" + h)).toList());
                trainModels(probe, services.get("reconciler-service"), operatorToken);
                awaitRiskFigures(probe, services.get("risk-service"));
                before = settle(probe, services);
                logsBefore = probe.read(before.endOffsets(), before.endOffsets());
            }
            assertThat(before.models()).as("three trained models").hasSize(3)
                    .allMatch(m -> m.get("status").asText().equals("trained"));
            assertThat(before.risk().get("/agents/" + AGENTS.get(0) + "/stats").get("n").asLong())
                    .as("risk's rows of an agent at the scoring horizon (24 h)").isEqualTo(CALLS / AGENTS.size());

            figures.put("stop (SIGTERM to exit)", first.stop());
            assertThat(first.exitValue()).as("exit status after SIGTERM").isEqualTo(128 + 15);
            MsRunIT.assertStopLines(first.consoleLines(), data);
        }

        try (MsRunProcess second = MsRunProcess.start(data, runDir)) {
            figures.put("restart to HEALTHY (same data directory)", second.awaitHealthy());
            assertThat(second.kafkaBootstrap()).as("the broker's address, kept").isEqualTo(bootstrap);
            assertThat(second.registryUrl()).as("the registry's address, kept").isEqualTo(registryUrl);
            assertThat(second.operatorToken()).as("the operator's token (30 days), kept").isEqualTo(operatorToken);
            Map<String, String> services = second.serviceUrls();

            try (MsRunProcess refused = MsRunProcess.start(data, work.resolve("run-refused").toAbsolutePath().normalize())) {
                assertThat(refused.awaitExit(Duration.ofMinutes(1))).as("a second ./ms run on the same data directory exits 1").isEqualTo(1);
                assertThat(refused.consoleLines()).as("what it says")
                        .anyMatch(l -> l.contains("another ./ms run is using " + data + " (pid " + second.pid() + ")"));
            }

            try (InstallationProbe probe = new InstallationProbe(bootstrap, registryUrl)) {
                Snapshot after = settle(probe, services);
                assertKept(probe, before, logsBefore, after);

                // a new call whose entry and exits are ticks sent before the restart: priced from the kept price history
                AlphaEvent late = market.call("restart-call-after", AGENTS.get(1), CLASSES.get(1), SYMBOLS.get(1),
                        start.plus(NEW_CALL_AT), 1, 0.4, 0.7, false);
                feed(bootstrap, registryUrl, List.of(), List.of(late));
                Map<String, ReconciledAlpha> rows = awaitRows(bootstrap, registryUrl, 3 * CALLS + 3);
                for (int h : KnownMarket.HORIZONS) {
                    assertPricedFromTheMarket(rows.get(late.getEventId() + "@" + h), market, h, modelVersion(before.models(), h));
                }
            }
            figures.put("stop after the restart", second.stop());
            assertThat(second.exitValue()).as("exit status after SIGTERM").isEqualTo(128 + 15);
            MsRunIT.assertStopLines(second.consoleLines(), data);
        }
        System.out.println("MsRunRestartIT figures (" + CALLS + " calls, " + market.ticks().size() + " ticks):");
        figures.forEach((what, took) -> System.out.printf("  %-95s %,d ms%n", what, took.toMillis()));
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (java.nio.file.Files.exists(dir)) {
            try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(path);
                }
            }
        }
    }

    /** Every part of the snapshot as before, and the records of every topic, exactly; what the restart added, exactly. */
    private static void assertKept(InstallationProbe probe, Snapshot before, Map<TopicPartition, PartitionLog> logsBefore, Snapshot after) {
        assertThat(after.schemas()).as("every subject and its schema id and version").isEqualTo(before.schemas());
        assertThat(after.models()).as("the reconciler's sim models (GET /models)").isEqualTo(before.models());
        assertThat(after.risk()).as("risk's figures over REST").isEqualTo(before.risk());
        assertThat(after.endOffsets().keySet()).as("every partition of every topic").containsAll(before.endOffsets().keySet());

        Map<TopicPartition, PartitionLog> logs = probe.read(after.endOffsets(), before.endOffsets());
        assertRecordsKept(probe, before, logsBefore, logs);

        Map<String, List<LoggedRecord>> added = new TreeMap<>();
        logs.forEach((p, log) -> {
            if (!log.above().isEmpty()) {
                added.computeIfAbsent(p.topic(), t -> new ArrayList<>()).addAll(log.above());
            }
        });
        System.out.println("MsRunRestartIT: records the restart added before any input: " + added.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().size()).collect(Collectors.joining(", ")));
        List<String> news = new ArrayList<>();
        logs.forEach((p, log) -> {
            if (log.above().isEmpty() || REGISTRY_TOPICS.contains(p.topic())) {
                return;
            }
            Map<String, LoggedRecord> latest = latestByKey(probe, p, before.endOffsets().get(p));
            log.above().stream().filter(r -> !(latest.containsKey(r.keyHex()) && latest.get(r.keyHex()).sameContent(r)))
                    .forEach(r -> news.add(p + "@" + r.offset() + " key " + r.keyText()));
        });
        assertThat(news).as("records a restart added (before any input) that are no repeat of their key's latest value").isEmpty();

        Set<String> grown = added.keySet();
        Predicate<TopicPartition> untouched = p -> !grown.contains(p.topic());
        // no record added there (the read above found none at or past the old end): what an end offset grew by is
        // transaction markers only (a task's commit after the restart may add its partitions to a transaction)
        Map<String, Long> markers = new TreeMap<>();
        after.endOffsets().forEach((p, end) -> {
            if (untouched.test(p) && before.endOffsets().containsKey(p)) {
                assertThat(end).as("end offset of %s", p).isGreaterThanOrEqualTo(before.endOffsets().get(p));
                if (end > before.endOffsets().get(p)) {
                    markers.merge(p.topic(), end - before.endOffsets().get(p), Long::sum);
                }
            }
        });
        System.out.println("MsRunRestartIT: end offsets equal on every other partition but for transaction markers: " + markers);

        // a consumer's committed offset may move past transaction markers only (a task that commits its position
        // after the restart, having read a marker it had not fetched before the stop): the same place in the records
        before.committed().forEach((app, offsets) -> {
            Map<TopicPartition, Long> now = after.committed().get(app);
            assertThat(now.keySet()).as("the partitions %s has committed offsets for", app).containsAll(offsets.keySet());
            offsets.forEach((p, was) -> {
                if (untouched.test(p)) {
                    long is = now.get(p);
                    assertThat(is >= was && !logsBefore.get(p).hasRecordBetween(was, is))
                            .as("%s's committed offset on %s: %d before, %d after (no record in between)", app, p, was, is).isTrue();
                }
            });
            System.out.println("MsRunRestartIT: " + app + " committed offsets " + (only(now, untouched).equals(only(offsets, untouched))
                    ? "equal" : "moved past markers only") + " on " + only(offsets, untouched).size() + " partitions");
        });
    }

    /**
     * Every record below the old end offsets is still there, at its offset, byte for byte, unless the broker removed it
     * by design, which is checked record by record: Kafka Streams purged a repartition topic's records its application
     * had consumed (committed offset past them), a delete topic's retention expired it (its timestamp is event time,
     * days old here), or compaction dropped it for a newer record of its key (or as a tombstone).
     */
    private static void assertRecordsKept(InstallationProbe probe, Snapshot before, Map<TopicPartition, PartitionLog> logsBefore,
                                          Map<TopicPartition, PartitionLog> logsAfter) {
        Map<TopicPartition, Long> starts = probe.startOffsets();
        Map<String, InstallationProbe.TopicCleanup> cleanups = probe.cleanups(
                before.endOffsets().keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet()));
        long now = System.currentTimeMillis();
        List<String> changed = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        Map<String, Integer> removedByDesign = new TreeMap<>();
        for (TopicPartition p : before.endOffsets().keySet()) {
            var was = logsBefore.get(p).below();
            var is = logsAfter.get(p).below();
            is.forEach((offset, print) -> {
                if (!print.equals(was.get(offset))) {
                    changed.add(p + "@" + offset);
                }
            });
            InstallationProbe.TopicCleanup cleanup = cleanups.get(p.topic());
            was.forEach((offset, print) -> {
                if (is.containsKey(offset)) {
                    return;
                }
                String why = null;
                if (p.topic().endsWith("-repartition") && offset < committedOffset(before, p)) {
                    why = "purged after its application consumed it";
                } else if (cleanup.deletes() && cleanup.retentionMs() > 0 && print.timestamp() < now - cleanup.retentionMs()
                        && offset < starts.get(p)) {
                    why = "expired (retention.ms " + cleanup.retentionMs() + ")";
                } else if (cleanup.compacts() && (print.tombstone() || logsAfter.get(p).hasLaterRecordOfKey(offset, print.keyDigest()))) {
                    why = "compacted";
                }
                if (why == null) {
                    lost.add(p + "@" + offset + " (timestamp " + Instant.ofEpochMilli(print.timestamp()) + ", " + cleanup + ", log start now "
                            + starts.get(p) + ")");
                } else {
                    removedByDesign.merge(p.topic() + ": " + why, 1, Integer::sum);
                }
            });
        }
        System.out.println("MsRunRestartIT: records the broker removed by design since the snapshot: " + removedByDesign);
        assertThat(changed).as("records whose offset now holds something else").isEmpty();
        assertThat(lost).as("records gone that no retention, compaction or repartition purge explains").isEmpty();
    }

    /** The offset committed on {@code p} by the application that owns it (internal topics are named {@code <application id>-...}). */
    private static long committedOffset(Snapshot snapshot, TopicPartition p) {
        return snapshot.committed().entrySet().stream().filter(e -> p.topic().startsWith(e.getKey() + "-"))
                .map(e -> e.getValue().getOrDefault(p, 0L)).findFirst().orElse(0L);
    }

    private static Map<TopicPartition, Long> only(Map<TopicPartition, Long> offsets, Predicate<TopicPartition> which) {
        Map<TopicPartition, Long> kept = new TreeMap<>(InstallationProbe.PARTITION_ORDER);
        offsets.forEach((p, o) -> {
            if (which.test(p)) {
                kept.put(p, o);
            }
        });
        return kept;
    }

    /** The newest record of each key in partition {@code p} below {@code end}. */
    private static Map<String, LoggedRecord> latestByKey(InstallationProbe probe, TopicPartition p, long end) {
        Map<String, LoggedRecord> latest = new HashMap<>();
        probe.read(Map.of(p, end), Map.of()).get(p).above().forEach(r -> latest.put(r.keyHex(), r));
        return latest;
    }

    /**
     * Waits until the installation stands still: two snapshots 5 s apart equal (no offset moves, no figure changes).
     * A snapshot that cannot be taken (a service still rebalancing after its start answers 503) is no rest yet.
     */
    private static Snapshot settle(InstallationProbe probe, Map<String, String> services) {
        List<Snapshot> seen = new ArrayList<>();
        await("the installation at rest").atMost(SETTLE_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(5))
                .ignoreExceptionsInstanceOf(IllegalStateException.class)
                .until(() -> {
                    seen.add(snapshot(probe, services));
                    return seen.size() >= 2 && seen.getLast().equals(seen.get(seen.size() - 2));
                });
        return seen.getLast();
    }

    private static Snapshot snapshot(InstallationProbe probe, Map<String, String> services) {
        Map<String, Map<TopicPartition, Long>> committed = new TreeMap<>();
        for (ServiceDefinition service : ServiceCatalog.standard().services()) {
            committed.put(service.applicationId(), probe.committedOffsets(service.applicationId()));
        }
        String risk = services.get("risk-service");
        Map<String, JsonNode> figures = new TreeMap<>();
        for (String path : riskPaths()) {
            figures.put(path, probe.getJson(risk + path));
        }
        return new Snapshot(probe.endOffsets(), committed, probe.schemaIds(),
                probe.getJson(services.get("reconciler-service") + "/models"), figures);
    }

    private static List<String> riskPaths() {
        List<String> paths = new ArrayList<>();
        AGENTS.forEach(a -> paths.add("/agents/" + a + "/stats"));
        CLASSES.forEach(c -> paths.add("/strategies/" + c + "/risk"));
        paths.add("/alerts/open");
        return paths;
    }

    /**
     * Trains every horizon's model on demand once its window holds every row (the schedule trains once a day), as the
     * local operator: with the token {@code ./ms run} wrote in the data directory; without it the call is refused.
     */
    private static void trainModels(InstallationProbe probe, String reconciler, String operatorToken) {
        for (int h : KnownMarket.HORIZONS) {
            await("the %d h training window holding every row".formatted(h)).atMost(SETTLE_TIMEOUT)
                    .ignoreExceptionsInstanceOf(IllegalStateException.class)
                    .until(() -> probe.getJson(reconciler + "/models/" + h + "/rows").get("rows").asLong() >= CALLS);
            HttpResponse<String> anonymous = probe.post(reconciler + "/models/" + h + "/train");
            assertThat(anonymous.statusCode()).as("POST /models/%d/train without a credential: %s", h, anonymous.body()).isEqualTo(401);
            HttpResponse<String> trained = probe.post(reconciler + "/models/" + h + "/train", operatorToken);
            assertThat(trained.statusCode()).as("POST /models/%d/train: %s", h, trained.body()).isEqualTo(200);
        }
        await("the trained models published and read back").atMost(SETTLE_TIMEOUT)
                .ignoreExceptionsInstanceOf(IllegalStateException.class).until(() -> {
            JsonNode models = probe.getJson(reconciler + "/models");
            return models.size() == KnownMarket.HORIZONS.size()
                    && java.util.stream.StreamSupport.stream(models.spliterator(), false).allMatch(m -> m.get("status").asText().equals("trained"));
        });
    }

    private static void awaitRiskFigures(InstallationProbe probe, String risk) {
        await("risk's figures for every agent and strategy class").atMost(SETTLE_TIMEOUT)
                .until(() -> riskPaths().stream().allMatch(path -> probe.getStatus(risk + path) == 200));
    }

    private static String modelVersion(JsonNode models, int horizon) {
        for (JsonNode model : models) {
            if (model.get("horizon_hours").asInt() == horizon) {
                return model.get("version").asText();
            }
        }
        throw new AssertionError("no model for " + horizon + " h in " + models);
    }

    /** A row priced from the market's ticks: entry the first tick at or after emission, exit the first at or after the horizon. */
    private static void assertPricedFromTheMarket(ReconciledAlpha row, KnownMarket market, int horizon, String modelVersion) {
        assertThat(row).as("the new call's row at %d h", horizon).isNotNull();
        Instant entryAt = market.firstTickAtOrAfter(row.getEmittedAt());
        Instant exitAt = market.firstTickAtOrAfter(row.getEmittedAt().plus(Duration.ofHours(horizon)));
        assertThat(row.getMaturedAt()).as("matured at the exit tick").isEqualTo(exitAt);
        assertThat(row.getEntryPrice()).as("entry price").isCloseTo(market.price(row.getSymbol(), entryAt), within(1e-9));
        assertThat(row.getExitPrice()).as("exit price").isCloseTo(market.price(row.getSymbol(), exitAt), within(1e-9));
        assertThat(row.getRealizedPnlBps()).as("realized PnL")
                .isCloseTo(row.getDirection() * (row.getExitPrice() / row.getEntryPrice() - 1) * 10_000, within(1e-6));
        assertThat(row.getSimVersion()).as("priced with the model trained before the restart").isEqualTo(modelVersion);
    }

    /** Ticks and calls in event-time order, each record stamped with its event time, through the catalog's serdes. */
    private static void feed(String bootstrap, String registryUrl, List<PriceTick> ticks, List<AlphaEvent> calls) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        RegistrySettings registry = new RegistrySettings(registryUrl, false); // the product registered the catalog
        record Timed(Instant at, ProducerRecord<String, ?> record) {
        }
        List<Timed> records = new ArrayList<>();
        ticks.forEach(t -> records.add(new Timed(t.getTs(),
                new ProducerRecord<>(Topics.MARKET_PRICES.name(), null, t.getTs().toEpochMilli(), t.getSymbol(), t))));
        calls.forEach(c -> records.add(new Timed(c.getEmittedAt(),
                new ProducerRecord<>(Topics.ALPHA_EVENTS.name(), null, c.getEmittedAt().toEpochMilli(), c.getAgent(), c))));
        records.sort(Comparator.comparing(Timed::at));
        try (Serde<PriceTick> tickSerde = Topics.MARKET_PRICES.valueSerde(registry);
             Serde<AlphaEvent> callSerde = Topics.ALPHA_EVENTS.valueSerde(registry);
             KafkaProducer<String, PriceTick> tickProducer = new KafkaProducer<>(props, Topics.MARKET_PRICES.keySerde().serializer(), tickSerde.serializer());
             KafkaProducer<String, AlphaEvent> callProducer = new KafkaProducer<>(props, Topics.ALPHA_EVENTS.keySerde().serializer(), callSerde.serializer())) {
            for (Timed timed : records) {
                @SuppressWarnings("unchecked")
                ProducerRecord<String, Object> record = (ProducerRecord<String, Object>) timed.record();
                if (record.value() instanceof PriceTick tick) {
                    tickProducer.send(new ProducerRecord<>(record.topic(), null, record.timestamp(), record.key(), tick));
                } else {
                    callProducer.send(new ProducerRecord<>(record.topic(), null, record.timestamp(), record.key(), (AlphaEvent) record.value()));
                }
            }
            tickProducer.flush();
            callProducer.flush();
        }
    }

    /**
     * Reads alpha.reconciled (read_committed) from the start until it holds {@code expected} rows, then for 3 s more
     * (a duplicate would show up); every (event_id, horizon) exactly once. The rows by {@code event_id@horizon}.
     */
    private static Map<String, ReconciledAlpha> awaitRows(String bootstrap, String registryUrl, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, ReconciledAlpha> rows = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        try (Serde<ReconciledAlpha> serde = Topics.ALPHA_RECONCILED.valueSerde(new RegistrySettings(registryUrl, false));
             KafkaConsumer<String, ReconciledAlpha> consumer = new KafkaConsumer<>(props, Topics.ALPHA_RECONCILED.keySerde().deserializer(), serde.deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALPHA_RECONCILED.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Runnable poll = () -> consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                String key = r.value().getEventId() + "@" + r.value().getHorizonHours();
                rows.put(key, r.value());
                counts.merge(key, 1, Integer::sum);
            });
            await("%d reconciled rows".formatted(expected)).atMost(SETTLE_TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        poll.run();
                        return counts.values().stream().mapToInt(Integer::intValue).sum() >= expected;
                    });
            long quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < quietUntil) {
                poll.run();
            }
        }
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).as("rows on alpha.reconciled").isEqualTo(expected);
        assertThat(new TreeSet<>(counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList()))
                .as("(event_id, horizon) pairs seen more than once").isEmpty();
        return rows;
    }
}
