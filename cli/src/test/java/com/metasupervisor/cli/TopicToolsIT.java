package com.metasupervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.metasupervisor.avro.AlertSubjectKind;
import com.metasupervisor.avro.AlertTransition;
import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.avro.Severity;
import com.metasupervisor.configrepo.files.KillList;
import com.metasupervisor.configrepo.files.ManifestFile;
import com.metasupervisor.configrepo.localgit.LocalGitRepository;
import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.platform.SharedPlatformExtension;
import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.testkit.CatalogRecords;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * publish, tail, export, import and import-legacy against the real broker and registry (issue 14: "tail shows alerts as
 * they happen; export → import round-trips a topic; an import of a sample of the old system's JSONL lands as the same
 * rows"). Each test writes records of its own run (a random id in keys and names) and reads back only those.
 */
@ExtendWith(SharedPlatformExtension.class)
class TopicToolsIT {

    @Test
    void publishedLinesLandOnAlphaEventsKeyedByAgentAndABadFilePublishesNothing(LocalPlatform platform, @TempDir Path dir) throws Exception {
        String run = run();
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), eventLine("bad-" + run, "e0", "2026-11-30T08:00:00Z") + "\n"
                + "{\"event_id\":\"e1\",\"agent\":\"bad-" + run + "\"}\n");
        Path good = Files.writeString(dir.resolve("events.jsonl"), eventLine("alpha-" + run, "e1", "2026-11-30T09:00:00Z") + "\n"
                + eventLine("beta-" + run, "e2", "1764493200000") + "\n"
                + eventLine("alpha-" + run, "e3", "2026-11-30T09:05:00.250Z").replace("}", ",\"entry_price\":101.25,\"strategy_class\":\"arb\"}") + "\n");
        Map<TopicPartition, Long> before = ends(platform, Topics.ALPHA_EVENTS.name());

        CommandRun refused = CommandRun.of("publish", "--file", bad.toString(), "--bootstrap-servers", platform.bootstrapServers(),
                "--registry-url", platform.registry().url());
        CommandRun published = CommandRun.of("publish", "--file", good.toString(), "--bootstrap-servers", platform.bootstrapServers(),
                "--registry-url", platform.registry().url());

        assertThat(refused.exitCode()).isEqualTo(PublishCommand.FAILED);
        assertThat(refused.err()).contains(bad + " line 2: symbol: missing required field");
        assertThat(published.exitCode()).as(published.err()).isZero();
        assertThat(published.out()).contains("3 records from " + good + " published to alpha.events");
        List<ConsumerRecord<String, SpecificRecord>> written = decoded(platform, Topics.ALPHA_EVENTS, readFrom(platform, Topics.ALPHA_EVENTS.name(), before))
                .stream().filter(r -> r.key().endsWith(run)).toList();
        assertThat(written).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("alpha-" + run, "beta-" + run, "alpha-" + run);
        Map<String, AlphaEvent> byId = new LinkedHashMap<>();
        written.forEach(r -> byId.put(((AlphaEvent) r.value()).getEventId(), (AlphaEvent) r.value()));
        assertThat(byId.get("e2").getEmittedAt()).isEqualTo(Instant.ofEpochMilli(1764493200000L));
        assertThat(byId.get("e3").getEmittedAt()).isEqualTo(Instant.parse("2026-11-30T09:05:00.250Z"));
        assertThat(byId.get("e3").getEntryPrice()).isEqualTo(101.25);
        assertThat(byId.get("e3").getStrategyClass()).isEqualTo("arb");
        assertThat(byId.get("e1").getHorizonsHours()).containsExactly(1, 4, 24);
    }

    @Test
    void anExportImportedIntoAnotherTopicHoldsTheSameRecords(LocalPlatform platform, @TempDir Path dir) throws Exception {
        String run = run();
        Topic<ReconciledAlpha> topic = Topics.ALPHA_RECONCILED;
        // a window of time of this run's own, long past, so the export holds this run's records only
        Instant windowStart = Instant.parse("2001-01-01T00:00:00Z").plus(Duration.ofDays(Math.floorMod(run.hashCode(), 3_000)));
        RandomCatalogValues values = new RandomCatalogValues(run.hashCode());
        List<TopicRecordLine> originals = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ReconciledAlpha row = values.next(ReconciledAlpha.class);
            row.setAgent("agent-" + (i % 5) + "-" + run);
            // timestamps that go back within a key: the export must keep each partition's order, not sort it away
            originals.add(new TopicRecordLine(row.getAgent(), windowStart.toEpochMilli() + (i * 7_919L) % 60_000, row));
        }
        originals.add(new TopicRecordLine("agent-0-" + run, windowStart.toEpochMilli() + 61_000, null)); // a tombstone
        produce(platform, topic, originals);
        String copy = "copy-of-reconciled-" + run;
        try (var admin = platform.admin()) {
            admin.createTopics(List.of(new NewTopic(copy, topic.partitions(), (short) 1))).all().get();
        }
        Path file = dir.resolve("export.jsonl");

        CommandRun exported = CommandRun.of("export", topic.name(), "--output", file.toString(), "--from", windowStart.toString(),
                "--to", windowStart.plus(Duration.ofMinutes(2)).toString(),
                "--bootstrap-servers", platform.bootstrapServers(), "--registry-url", platform.registry().url());
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(exported.out()).contains("41 records of alpha.reconciled");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(41);
        CommandRun imported = CommandRun.of("import", topic.name(), "--input", file.toString(), "--to-topic", copy,
                "--bootstrap-servers", platform.bootstrapServers(), "--registry-url", platform.registry().url());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("41 records from " + file + " written to " + copy);

        List<ConsumerRecord<String, SpecificRecord>> copied = decoded(platform, topic, readFrom(platform, copy, Map.of()));
        assertThat(copied).hasSize(originals.size());
        // per key: the same records in the same order, each with its key, timestamp and value (compared as Avro bytes)
        assertThat(perKey(copied.stream().map(r -> new TopicRecordLine(r.key(), r.timestamp(), r.value())).toList()))
                .isEqualTo(perKey(originals));
    }

    @Test
    void tailShowsAnAlertProducedAfterItStartedThatMatchesItsWhere(LocalPlatform platform) throws Exception {
        String run = run();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MsCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> tail = inThreadOfItsOwn(() -> cli.execute("tail", "alerts", "--where", "subject=arb-" + run,
                "--where", "severity=HIGH", "--max", "1", "--bootstrap-servers", platform.bootstrapServers(),
                "--registry-url", platform.registry().url()));
        await().atMost(Duration.ofSeconds(60)).until(() -> err.toString().contains("tail: following alerts"));

        CatalogRecords.produce(platform, Topics.ALERTS, a -> a.getSubject().toString(), List.of(
                alert("other-" + run, Severity.HIGH, "not this subject"),
                alert("arb-" + run, Severity.LOW, "not this severity"),
                alert("arb-" + run, Severity.HIGH, "mean abs error \u001b[31m95 bps\u001b[0m over 80 rows")));

        await().atMost(Duration.ofSeconds(60)).until(tail::isDone);
        assertThat(tail.get()).as(err.toString()).isZero();
        List<String> shown = out.toString().lines().toList();
        assertThat(shown).hasSize(1);
        assertThat(shown.getFirst()).contains(" arb-" + run + " HIGH arb-" + run + " OPENED DIVERGENCE: mean abs error \\u001b[31m95 bps\\u001b[0m over 80 rows")
                .doesNotContain("\u001b");

        // the same record as --format json: export's line, which reads back as the alert produced
        CommandRun json = CommandRun.of("tail", "alerts", "--from-beginning", "--format", "json", "--where", "subject=arb-" + run,
                "--where", "severity=HIGH", "--max", "1", "--bootstrap-servers", platform.bootstrapServers(),
                "--registry-url", platform.registry().url());
        assertThat(json.exitCode()).as(json.err()).isZero();
        TopicRecordLine line = TopicRecordLine.parse(Topics.ALERTS, RecordJson.JSON.readTree(json.out().strip()));
        assertThat(line.key()).isEqualTo("arb-" + run);
        assertThat(((Alert) line.value()).getMessage()).isEqualTo("mean abs error \u001b[31m95 bps\u001b[0m over 80 rows");
    }

    /**
     * A follower on a thread of its own: on 2 cores the common pool has one worker, which a follower left running (or
     * anything else there) would hold, so a next command would wait behind it.
     */
    private static CompletableFuture<Integer> inThreadOfItsOwn(java.util.function.Supplier<Integer> command) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                done.complete(command.get());
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        }, "tail-under-test");
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    @Test
    void ctrlCEndsATailWithExitStatusZero(LocalPlatform platform) {
        StringWriter err = new StringWriter();
        CommandLine cli = MsCli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        boolean deliverable = sigintReachesThisProcess();
        CompletableFuture<Integer> tail = inThreadOfItsOwn(() -> cli.execute("tail", "alerts",
                "--bootstrap-servers", platform.bootstrapServers(), "--registry-url", platform.registry().url()));
        // the handler is installed before the tail says it follows: the signal cannot reach the JVM's own
        await().atMost(Duration.ofSeconds(60)).until(() -> err.toString().contains("tail: following alerts"));

        if (deliverable) {
            sun.misc.Signal.raise(new sun.misc.Signal("INT"));
        } else {
            // started in the background by a shell without job control (as a CI runner may be): SIGINT is ignored from
            // exec on and no Ctrl-C can reach this process; the handler's own call is what is left to check
            ((TailCommand) cli.getSubcommands().get("tail").getCommand()).stop();
        }

        await().atMost(Duration.ofSeconds(30)).until(tail::isDone);
        assertThat(tail.join()).isZero();
    }

    /** Whether SIGINT reaches this JVM: not when it was started with SIGINT ignored (nohup, a background job without job control). */
    private static boolean sigintReachesThisProcess() {
        sun.misc.Signal interrupt = new sun.misc.Signal("INT");
        sun.misc.SignalHandler previous = sun.misc.Signal.handle(interrupt, sun.misc.SignalHandler.SIG_DFL);
        sun.misc.Signal.handle(interrupt, previous);
        return previous != sun.misc.SignalHandler.SIG_IGN;
    }

    @Test
    void tailShowsADeadLetterWithItsHeadersAndBytes(LocalPlatform platform) throws Exception {
        String run = run();
        Properties props = platform.clientProperties();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            ProducerRecord<String, byte[]> letter = new ProducerRecord<>("alpha.events.dlq", "agent-" + run,
                    "not avro \u001b[2J".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            letter.headers().add("error.reason", ("not_wire_format_" + run).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .add("error.stage", "deserialize".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .add("error.at", "2026-11-30T09:00:00Z".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            producer.send(letter).get();
        }

        CommandRun shown = CommandRun.of("tail", "alpha.events.dlq", "--from-beginning", "--where", "error.reason=not_wire_format_" + run,
                "--max", "1", "--bootstrap-servers", platform.bootstrapServers(), "--registry-url", platform.registry().url());

        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out().lines().toList()).singleElement().asString()
                .contains(" agent-" + run + " error.reason=not_wire_format_" + run + " error.stage=deserialize error.at=2026-11-30T09:00:00Z")
                .contains("bytes=13B:" + java.util.Base64.getEncoder().encodeToString("not avro \u001b[2J".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void anOldSystemsSampleLandsAsTheSameRowsAndItsFilesInTheRepository(LocalPlatform platform, @TempDir Path dir) throws Exception {
        String run = run();
        String agent = "macro_rates_" + run;
        String withId = "{\"event_id\":\"old-1\",\"agent\":\"" + agent + "\",\"symbol\":\"ES\",\"regime\":\"TREND\",\"horizon_hours\":24,"
                + "\"ts\":\"2025-03-01T12:00:00+00:00\",\"direction\":-1,\"score_final\":0.8,\"confidence\":0.6,\"realized_pnl_bps\":100.0,"
                + "\"expected_pnl_bps\":12.5,\"expected_sigma_bps\":40.1,\"pnl_error_bps\":87.5,\"abs_error_bps\":87.5,\"sim_version\":\"ridge_h24\"}";
        String noId1 = "{\"agent\":\"" + agent + "\",\"symbol\":\"NQ\",\"horizon_hours\":1,\"ts\":1740830400.5,\"score_final\":0.3,"
                + "\"confidence\":0.5,\"pnl_bps\":-4.25}";
        String noId4 = noId1.replace("\"horizon_hours\":1", "\"horizon_hours\":4").replace("-4.25", "7.5");
        Path reconciled = Files.writeString(dir.resolve("reconciled.jsonl"), String.join("\n", withId, noId1, noId4, withId) + "\n");
        String manifestText = "# the old fleet\nagents:\n  - agent: " + agent + "\n    strategy_class: macro\n    status: LIVE\n    owner: desk-b\n";
        Path manifest = Files.writeString(dir.resolve("manifest.yaml"), manifestText);
        String killListText = "sentiment:\n  status: DISABLED\n  reason: structural alpha decay\n";
        Path killList = Files.writeString(dir.resolve("kill_list.yaml"), killListText);
        Path repo = dir.resolve("config-repo");
        Map<TopicPartition, Long> before = ends(platform, Topics.ALPHA_RECONCILED.name());

        CommandRun imported = CommandRun.of("import-legacy", "--reconciled", reconciled.toString(), "--manifest", manifest.toString(),
                "--kill-list", killList.toString(), "--config-repo", repo.toString(),
                "--bootstrap-servers", platform.bootstrapServers(), "--registry-url", platform.registry().url());

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("3 reconciled rows written to alpha.reconciled (skipped: 1 repeated in the file)")
                .contains("committed to a new config repository");
        List<ConsumerRecord<String, SpecificRecord>> rows = decoded(platform, Topics.ALPHA_RECONCILED,
                readFrom(platform, Topics.ALPHA_RECONCILED.name(), before)).stream().filter(r -> agent.equals(r.key())).toList();
        Map<String, String> classes = Map.of(agent, "macro");
        List<ReconciledAlpha> expected = List.of(
                LegacyReconciledRow.fromLegacy(RecordJson.JSON.readTree(withId), classes),
                LegacyReconciledRow.fromLegacy(RecordJson.JSON.readTree(noId1), classes),
                LegacyReconciledRow.fromLegacy(RecordJson.JSON.readTree(noId4), classes));
        assertThat(rows).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(rows).allSatisfy(r -> assertThat(r.timestamp()).isEqualTo(((ReconciledAlpha) r.value()).getMaturedAt().toEpochMilli()));
        ReconciledAlpha derived = expected.get(1);
        assertThat(derived.getStrategyClass()).isEqualTo("macro");
        assertThat(derived.getEventId()).startsWith("legacy-").isEqualTo(expected.get(2).getEventId());
        try (LocalGitRepository config = LocalGitRepository.open(repo, "main")) {
            assertThat(config.read(ManifestFile.PATH)).get().extracting(f -> f.content()).isEqualTo(manifestText);
            assertThat(config.read(KillList.PATH)).get().extracting(f -> f.content()).isEqualTo(killListText);
        }

        // a second import writes no row twice; the repository, now existing, gets the files on a branch; main is not written
        Files.writeString(manifest, manifestText.replace("LIVE", "RETIRED"));
        Map<TopicPartition, Long> beforeAgain = ends(platform, Topics.ALPHA_RECONCILED.name());
        CommandRun again = CommandRun.of("import-legacy", "--reconciled", reconciled.toString(), "--manifest", manifest.toString(),
                "--config-repo", repo.toString(), "--bootstrap-servers", platform.bootstrapServers(), "--registry-url", platform.registry().url());
        assertThat(again.out()).contains("0 reconciled rows written to alpha.reconciled (skipped: 1 repeated in the file, 3 already on alpha.reconciled)");
        assertThat(readFrom(platform, Topics.ALPHA_RECONCILED.name(), beforeAgain)).noneMatch(r -> agent.equals(r.key()));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("proposed on ");
        try (LocalGitRepository config = LocalGitRepository.open(repo, "main")) {
            assertThat(config.read(ManifestFile.PATH)).get().extracting(f -> f.content()).isEqualTo(manifestText);
            assertThat(config.openPullRequests("import/legacy-")).hasSize(1);
        }
    }

    // ---- helpers

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String eventLine(String agent, String id, String emittedAt) {
        String time = emittedAt.matches("\\d+") ? emittedAt : "\"" + emittedAt + "\"";
        return "{\"event_id\":\"" + id + "\",\"agent\":\"" + agent + "\",\"symbol\":\"BTC\",\"direction\":1,\"score_final\":0.7,"
                + "\"confidence\":0.55,\"regime\":\"TREND\",\"emitted_at\":" + time + "}";
    }

    private static Alert alert(String subject, Severity severity, String message) {
        Instant now = Instant.now();
        return Alert.newBuilder().setAlertId("al-" + subject).setSubject(subject).setSubjectKind(AlertSubjectKind.AGENT)
                .setKind("DIVERGENCE").setTransition(AlertTransition.OPENED).setSeverity(severity)
                .setAction("REDUCE_ALLOC_AND_BLOCK_PROMOTION").setOpenedAt(now).setAt(now).setMessage(message).build();
    }

    @SuppressWarnings("unchecked")
    private static void produce(LocalPlatform platform, Topic<?> topic, List<TopicRecordLine> lines) throws Exception {
        try (Serde<SpecificRecord> serde = (Serde<SpecificRecord>) (Serde<?>) topic.valueSerde(platform.registry());
             KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(platform.clientProperties(),
                     topic.keySerde().serializer(), serde.serializer())) {
            for (TopicRecordLine line : lines) {
                producer.send(new ProducerRecord<>(topic.name(), null, line.timestamp(), line.key(), line.value())).get();
            }
        }
    }

    private static Map<TopicPartition, Long> ends(LocalPlatform platform, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = rawConsumer(platform)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            return consumer.endOffsets(partitions);
        }
    }

    /** Every committed record of {@code topic} from {@code from} (the beginning where absent) to its end now. */
    private static List<ConsumerRecord<String, byte[]>> readFrom(LocalPlatform platform, String topic, Map<TopicPartition, Long> from) {
        try (KafkaConsumer<String, byte[]> consumer = rawConsumer(platform)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            consumer.seekToBeginning(partitions);
            from.forEach(consumer::seek);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static List<ConsumerRecord<String, SpecificRecord>> decoded(LocalPlatform platform, Topic<?> topic,
                                                                        List<ConsumerRecord<String, byte[]>> records) {
        try (Deserializer<? extends SpecificRecord> values = topic.valueSerde(platform.registry()).deserializer()) {
            return records.stream().map(r -> new ConsumerRecord<String, SpecificRecord>(r.topic(), r.partition(), r.offset(), r.timestamp(),
                    r.timestampType(), r.serializedKeySize(), r.serializedValueSize(), r.key(),
                    r.value() == null ? null : values.deserialize(r.topic(), r.value()), r.headers(), r.leaderEpoch())).toList();
        }
    }

    /** Per key, its records in order as (timestamp, value bytes) text: equal maps are the same records. */
    private static Map<String, List<String>> perKey(List<TopicRecordLine> lines) {
        Map<String, List<String>> byKey = new java.util.TreeMap<>();
        for (TopicRecordLine line : lines) {
            byKey.computeIfAbsent(line.key(), k -> new ArrayList<>()).add(line.timestamp() + ":"
                    + (line.value() == null ? "tombstone" : java.util.HexFormat.of().formatHex(RecordJsonTest.avroBytes(line.value()))));
        }
        return byKey;
    }

    private static KafkaConsumer<String, byte[]> rawConsumer(LocalPlatform platform) {
        Properties props = platform.clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }
}
