package com.metasupervisor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durable broker as its own process: formatted once, and every acknowledged record kept over SIGTERM and SIGKILL. */
class BrokerProcessIT {

    private static final String TOPIC = "durable";
    private static final int PARTITIONS = 3;
    private static final int BATCH = 5_000;

    @TempDir
    Path tmp;

    /** Where an acknowledged record is: partition and offset. */
    record Position(int partition, long offset) {
    }

    @Test
    void formatsOnceAndKeepsEveryAcknowledgedRecordOverAStopAndAKill() throws Exception {
        BrokerConfig config = new BrokerConfig(tmp.resolve("broker"), freePort(), freePort());
        Path log = tmp.resolve("logs").resolve("kafka-broker.log");
        Map<String, Position> acknowledged = new HashMap<>();

        long t0 = System.nanoTime();
        String clusterId;
        try (BrokerProcess broker = BrokerProcess.start(config, log)) {
            long firstStart = millisSince(t0);
            assertThat(broker.formattedThisStart()).isTrue();
            clusterId = broker.clusterId();
            assertThat(config.logDirs().resolve("meta.properties")).exists();
            assertThat(config.dir().resolve("logs.formatting")).doesNotExist();
            assertThat(config.dir().resolve("format.properties")).doesNotExist();
            assertThat(readProperties(config.serverProperties())).isEqualTo(config.properties());
            assertRunsInASessionOfItsOwn(broker.processHandle());
            try (Admin admin = admin(broker)) {
                assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
                FinalizedVersionRange metadataVersion =
                        admin.describeFeatures().featureMetadata().get().finalizedFeatures().get("metadata.version");
                assertThat(metadataVersion.maxVersionLevel())
                        .isEqualTo(MetadataVersion.LATEST_PRODUCTION.featureLevel());
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
            }
            acknowledged.putAll(produceAll(broker, 0, BATCH));
            System.out.printf("BrokerProcessIT: first start %d ms (format %d ms)%n", firstStart,
                    broker.formatTook().toMillis());

            long stopping = System.nanoTime();
            broker.close();
            System.out.printf("BrokerProcessIT: SIGTERM stop %d ms%n", millisSince(stopping));
            assertThat(broker.processHandle().isAlive()).isFalse();
            assertThat(config.logDirs().resolve(".kafka_cleanshutdown"))
                    .as("the controlled shutdown marks the logs clean").exists();
        }

        long restarting = System.nanoTime();
        BrokerProcess afterStop = BrokerProcess.start(config, log);
        try {
            System.out.printf("BrokerProcessIT: start after SIGTERM %d ms%n", millisSince(restarting));
            assertThat(afterStop.formattedThisStart()).isFalse();
            assertThat(afterStop.formatTook()).isZero();
            assertThat(afterStop.clusterId()).isEqualTo(clusterId);
            assertThat(readAll(afterStop)).as("every record after a SIGTERM restart").isEqualTo(acknowledged);

            acknowledged.putAll(produceAll(afterStop, BATCH, BATCH));
            // more records in flight while the broker dies: only those acknowledged before the kill must be kept
            acknowledged.putAll(produceThenKill(afterStop, 2 * BATCH, BATCH / 5));
            assertThat(afterStop.processHandle().isAlive()).isFalse();
        } finally {
            afterStop.kill();
        }

        restarting = System.nanoTime();
        try (BrokerProcess afterKill = BrokerProcess.start(config, log)) {
            System.out.printf("BrokerProcessIT: start after SIGKILL (log recovery) %d ms%n", millisSince(restarting));
            assertThat(afterKill.formattedThisStart()).isFalse();
            assertThat(afterKill.clusterId()).isEqualTo(clusterId);
            Map<String, Position> stored = readAll(afterKill);
            System.out.printf("BrokerProcessIT: %d acknowledged, %d stored after SIGKILL%n", acknowledged.size(),
                    stored.size());
            assertThat(acknowledged.size()).isGreaterThanOrEqualTo(2 * BATCH + BATCH / 5);
            assertThat(stored).as("every acknowledged record at its offset").containsAllEntriesOf(acknowledged);
            try (Admin admin = admin(afterKill)) {
                for (int p = 0; p < PARTITIONS; p++) {
                    int partition = p;
                    long lastAcknowledged = acknowledged.values().stream().filter(a -> a.partition() == partition)
                            .mapToLong(Position::offset).max().orElseThrow();
                    long end = admin.listOffsets(Map.of(new TopicPartition(TOPIC, p),
                                    OffsetSpec.latest()))
                            .partitionResult(new TopicPartition(TOPIC, p)).get().offset();
                    assertThat(end).as("end offset of partition %d", p).isGreaterThan(lastAcknowledged);
                }
            }
        }
        String logText = Files.readString(log);
        assertThat(logText.split("Meta-Supervisor formatted", -1)).as("formatted exactly once").hasSize(2);
        assertThat(logText.split("Meta-Supervisor starts kafka.Kafka", -1)).as("every start appended").hasSize(4);
        // broker-logback.xml took effect: INFO, without the configuration dumps
        assertThat(logText).contains("Kafka Server started").doesNotContain(" DEBUG ").doesNotContain("KafkaConfig values");
    }

    @Test
    void aBusyPortIsNamedAndNothingIsWritten() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            BrokerConfig config = new BrokerConfig(tmp.resolve("broker"), taken.getLocalPort(), freePort());

            assertThatThrownBy(() -> BrokerProcess.start(config, tmp.resolve("kafka-broker.log")))
                    .isInstanceOf(PlatformException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " (Kafka listener)")
                    .hasMessageContaining("in use");
            assertThat(config.dir()).doesNotExist();
        }
    }

    @Test
    void aBrokerThatExitsWhileStartingFailsAtOnceWithItsExitCodeAndLog() throws IOException {
        BrokerConfig config = new BrokerConfig(tmp.resolve("broker"), freePort(), freePort());
        // formatted for another node: kafka.Kafka refuses it and exits
        Files.createDirectories(config.logDirs());
        Files.writeString(config.logDirs().resolve("meta.properties"),
                "version=1\ncluster.id=AAAAAAAAAAAAAAAAAAAAAA\nnode.id=7\ndirectory.id=BBBBBBBBBBBBBBBBBBBBBB\n");
        Path log = tmp.resolve("kafka-broker.log");

        long t0 = System.nanoTime();
        assertThatThrownBy(() -> BrokerProcess.start(config, log))
                .isInstanceOf(PlatformException.class)
                .hasMessageMatching("(?s)the Kafka broker exited during start with code [1-9]\\d*; log .*kafka-broker.log"
                        + " ends with:\n.*node.?id.*");
        long failedAfter = millisSince(t0);
        System.out.printf("BrokerProcessIT: a broker that cannot start reported in %d ms%n", failedAfter);
        assertThat(Duration.ofMillis(failedAfter)).isLessThan(BrokerProcess.START_TIMEOUT.dividedBy(2));
    }

    // ---- helpers ----

    private static Map<String, Position> produceAll(BrokerProcess broker, int first, int count) throws Exception {
        Map<String, Position> acknowledged = new HashMap<>();
        try (KafkaProducer<String, String> producer = producer(broker)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = first; i < first + count; i++) {
                sent.add(producer.send(new ProducerRecord<>(TOPIC, "k" + i, "v" + i)));
            }
            for (int i = 0; i < count; i++) {
                RecordMetadata m = sent.get(i).get();
                acknowledged.put("v" + (first + i), new Position(m.partition(), m.offset()));
            }
        }
        return acknowledged;
    }

    /**
     * Sends records without waiting until {@code killAfter} of them are acknowledged, then SIGKILLs the broker with
     * the records sent since still in flight; returns those acknowledged.
     */
    private static Map<String, Position> produceThenKill(BrokerProcess broker, int first, int killAfter) {
        Map<String, Position> acknowledged = new ConcurrentHashMap<>();
        CountDownLatch enoughAcknowledged = new CountDownLatch(killAfter);
        KafkaProducer<String, String> producer = producer(broker);
        int sent = 0;
        try {
            for (int i = first; enoughAcknowledged.getCount() > 0; i++) {
                assertThat(sent).as("records sent before %d were acknowledged", killAfter).isLessThan(1_000_000);
                String value = "v" + i;
                producer.send(new ProducerRecord<>(TOPIC, "k" + i, value), (m, e) -> {
                    if (e == null) {
                        acknowledged.put(value, new Position(m.partition(), m.offset()));
                        enoughAcknowledged.countDown();
                    }
                });
                sent++;
            }
            broker.kill();
        } finally {
            producer.close(Duration.ZERO); // what is not acknowledged now never will be
        }
        System.out.printf("BrokerProcessIT: SIGKILL with %d of %d records sent acknowledged%n", acknowledged.size(), sent);
        return Map.copyOf(acknowledged);
    }

    /** Every record of the topic, value -> position; fails on a duplicate value (idempotence). */
    private static Map<String, Position> readAll(BrokerProcess broker) {
        Map<String, Position> stored = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(TOPIC, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                assertThat(System.nanoTime()).as("read to the end offsets within 60 s").isLessThan(deadline);
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    Position previous = stored.put(r.value(), new Position(r.partition(), r.offset()));
                    assertThat(previous).as("%s stored once", r.value()).isNull();
                }
            }
        }
        return stored;
    }

    private static KafkaProducer<String, String> producer(BrokerProcess broker) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000),
                new StringSerializer(), new StringSerializer());
    }

    private static Admin admin(BrokerProcess broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    /** setsid made the broker JVM (same pid: setsid execs it) the leader of a session other than ours. */
    private static void assertRunsInASessionOfItsOwn(ProcessHandle broker) throws IOException {
        assumeThat(Path.of("/usr/bin/setsid")).exists();
        assumeThat(Path.of("/proc/self/stat")).exists();
        assertThat(broker.info().command().orElseThrow()).endsWith("/java");
        long session = sessionOf("/proc/" + broker.pid() + "/stat");
        assertThat(session).isEqualTo(broker.pid()).isNotEqualTo(sessionOf("/proc/self/stat"));
    }

    /** Field 6 of /proc/<pid>/stat (after the command name in parentheses): the session id. */
    private static long sessionOf(String statFile) throws IOException {
        String stat = Files.readString(Path.of(statFile));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[3]);
    }

    private static Map<String, String> readProperties(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        return map;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
