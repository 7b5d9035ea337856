package com.metasupervisor.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * An installation read from outside, as an agent or an operator sees it: the broker (every topic's end offsets and
 * records, consumer groups' committed offsets), the registry's subjects and ids, and the services' REST answers.
 */
final class InstallationProbe implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    private final String bootstrap;
    private final String registryUrl;
    private final Admin admin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();

    InstallationProbe(String bootstrap, String registryUrl) {
        this.bootstrap = bootstrap;
        this.registryUrl = registryUrl;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        this.admin = Admin.create(props);
    }

    /** One subject's newest schema: its global id and its version. */
    record SchemaVersion(int id, int version) {
    }

    /** Every partition of every topic but the broker's own (__consumer_offsets, __transaction_state, ...). */
    List<TopicPartition> partitions() {
        try {
            Set<String> names = admin.listTopics().names().get().stream().filter(n -> !n.startsWith("__")).collect(Collectors.toSet());
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get();
            List<TopicPartition> partitions = new ArrayList<>();
            topics.values().forEach(t -> t.partitions().forEach(p -> partitions.add(new TopicPartition(t.name(), p.partition()))));
            partitions.sort(PARTITION_ORDER);
            return partitions;
        } catch (InterruptedException | ExecutionException e) {
            throw failure("topics", e);
        }
    }

    /** The end offset (high watermark: records and transaction markers) of every partition, in topic order. */
    Map<TopicPartition, Long> endOffsets() {
        try {
            Map<TopicPartition, OffsetSpec> latest = partitions().stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answers = admin.listOffsets(latest).all().get();
            Map<TopicPartition, Long> ends = new TreeMap<>(PARTITION_ORDER);
            answers.forEach((p, info) -> ends.put(p, info.offset()));
            return ends;
        } catch (InterruptedException | ExecutionException e) {
            throw failure("end offsets", e);
        }
    }

    /** The offsets a consumer group (a Kafka Streams application id) has committed, in topic order; empty when none. */
    Map<TopicPartition, Long> committedOffsets(String groupId) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> offsets = new TreeMap<>(PARTITION_ORDER);
            committed.forEach((p, o) -> {
                if (o != null) {
                    offsets.put(p, o.offset());
                }
            });
            return offsets;
        } catch (InterruptedException | ExecutionException e) {
            throw failure("committed offsets of " + groupId, e);
        }
    }

    /** Every registry subject's newest schema (Confluent-compatible API), by subject. */
    Map<String, SchemaVersion> schemaIds() {
        Map<String, SchemaVersion> ids = new TreeMap<>();
        for (JsonNode subject : getJson(registryUrl + "/apis/ccompat/v7/subjects")) {
            String name = subject.asText();
            JsonNode latest = getJson(registryUrl + "/apis/ccompat/v7/subjects/" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "/versions/latest");
            ids.put(name, new SchemaVersion(latest.get("id").asInt(), latest.get("version").asInt()));
        }
        return ids;
    }

    /** The JSON a GET of {@code url} answers with 200; fails naming the status and body otherwise. */
    JsonNode getJson(String url) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).timeout(HTTP_TIMEOUT).GET().build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    /** The status of a GET of {@code url} (e.g. 404 while a figure does not exist yet). */
    int getStatus(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(HTTP_TIMEOUT).GET().build()).statusCode();
    }

    /** A POST without a body and without a credential; the answer's status and JSON. */
    HttpResponse<String> post(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** A POST without a body, as the holder of {@code bearerToken} ({@code Authorization: Bearer}). */
    HttpResponse<String> post(String url, String bearerToken) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1)).header("Authorization", "Bearer " + bearerToken)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every record of every partition up to its end offset in {@code ends}, read_uncommitted (aborted records
     * included, transaction markers are no records): per partition a print of each record below {@code boundary}'s
     * offset (none when the partition is not in it) and the records at or above it, whole. Reading the same boundary
     * before and after a restart tells whether every record is still there, at the same offset, byte for byte, and
     * what was added since.
     */
    Map<TopicPartition, PartitionLog> read(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> boundary) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        Map<TopicPartition, NavigableMap<Long, RecordPrint>> below = new HashMap<>();
        Map<TopicPartition, List<LoggedRecord>> above = new HashMap<>();
        ends.keySet().forEach(p -> {
            below.put(p, new TreeMap<>());
            above.put(p, new ArrayList<>());
        });
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> toRead = ends.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList();
            consumer.assign(toRead);
            consumer.seekToBeginning(toRead);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            List<TopicPartition> unread = new ArrayList<>(toRead);
            while (!unread.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read to the end of " + unread);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition p = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= ends.get(p)) {
                        continue;
                    }
                    if (record.offset() < boundary.getOrDefault(p, 0L)) {
                        below.get(p).put(record.offset(), RecordPrint.of(record));
                    } else {
                        above.get(p).add(new LoggedRecord(record.offset(), record.key(), record.value()));
                    }
                }
                unread.removeIf(p -> consumer.position(p) >= ends.get(p));
            }
        }
        Map<TopicPartition, PartitionLog> logs = new TreeMap<>(PARTITION_ORDER);
        ends.keySet().forEach(p -> logs.put(p, new PartitionLog(below.get(p), above.get(p))));
        return logs;
    }

    /**
     * A partition as {@link #read} saw it: a print of each record below the boundary by offset (transaction markers
     * take offsets but are no records), and the records at or above it, whole.
     */
    record PartitionLog(NavigableMap<Long, RecordPrint> below, List<LoggedRecord> above) {

        PartitionLog {
            below = java.util.Collections.unmodifiableNavigableMap(new TreeMap<>(below));
            above = List.copyOf(above);
        }

        /** Whether a record (not a marker) is in [from, to) below the boundary. */
        boolean hasRecordBetween(long from, long to) {
            return from < to && !below.subMap(from, true, to, false).isEmpty();
        }

        /** Whether a record with {@code keyDigest} is at an offset after {@code offset}, below the boundary or above it. */
        boolean hasLaterRecordOfKey(long offset, String keyDigest) {
            return below.tailMap(offset, false).values().stream().anyMatch(r -> r.keyDigest().equals(keyDigest))
                    || above.stream().anyMatch(r -> r.offset() > offset && hex(sha256(r.key())).equals(keyDigest));
        }
    }

    /**
     * One record as a print: a digest of all of it (offset, timestamp, key, value, headers), a digest of its key, its
     * timestamp, and whether it is a tombstone (null value).
     */
    record RecordPrint(String digest, String keyDigest, long timestamp, boolean tombstone) {

        static RecordPrint of(ConsumerRecord<byte[], byte[]> record) {
            MessageDigest digest = sha256();
            digest.update(ByteBuffer.allocate(16).putLong(record.offset()).putLong(record.timestamp()).array());
            field(digest, record.key());
            field(digest, record.value());
            for (Header header : record.headers()) {
                field(digest, header.key().getBytes(StandardCharsets.UTF_8));
                field(digest, header.value());
            }
            return new RecordPrint(hex(digest.digest()), hex(sha256(record.key())), record.timestamp(), record.value() == null);
        }
    }

    /** Where each partition begins now (records before it were deleted: retention, or Kafka Streams' purge of repartition topics). */
    Map<TopicPartition, Long> startOffsets() {
        try {
            Map<TopicPartition, OffsetSpec> earliest = partitions().stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest()));
            Map<TopicPartition, Long> starts = new TreeMap<>(PARTITION_ORDER);
            admin.listOffsets(earliest).all().get().forEach((p, info) -> starts.put(p, info.offset()));
            return starts;
        } catch (InterruptedException | ExecutionException e) {
            throw failure("start offsets", e);
        }
    }

    /** A topic's cleanup policy and time retention, as the broker applies them. */
    record TopicCleanup(String policy, long retentionMs) {

        boolean deletes() {
            return policy.contains("delete");
        }

        boolean compacts() {
            return policy.contains("compact");
        }
    }

    /** Every topic's cleanup policy and retention.ms. */
    Map<String, TopicCleanup> cleanups(Set<String> topics) {
        try {
            List<org.apache.kafka.common.config.ConfigResource> resources = topics.stream()
                    .map(t -> new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, t))
                    .toList();
            Map<String, TopicCleanup> cleanups = new TreeMap<>();
            admin.describeConfigs(resources).all().get().forEach((resource, config) -> cleanups.put(resource.name(),
                    new TopicCleanup(config.get("cleanup.policy").value(), Long.parseLong(config.get("retention.ms").value()))));
            return cleanups;
        } catch (InterruptedException | ExecutionException e) {
            throw failure("topic configs", e);
        }
    }

    /** One record as bytes, where it is. */
    record LoggedRecord(long offset, byte[] key, byte[] value) {

        String keyText() {
            return key == null ? "null" : new String(key, StandardCharsets.UTF_8);
        }

        /** The key's bytes as hex ("null" for none): a map key for binary keys too. */
        String keyHex() {
            return key == null ? "null" : hex(key);
        }

        /** Same key and value bytes, wherever it is. */
        boolean sameContent(LoggedRecord other) {
            return java.util.Arrays.equals(key, other.key) && java.util.Arrays.equals(value, other.value);
        }
    }

    private static void field(MessageDigest digest, byte[] bytes) {
        digest.update(ByteBuffer.allocate(4).putInt(bytes == null ? -1 : bytes.length).array());
        if (bytes != null) {
            digest.update(bytes);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] sha256(byte[] bytes) {
        MessageDigest digest = sha256();
        if (bytes != null) {
            digest.update(bytes);
        } else {
            digest.update((byte) 0x7f); // null differs from empty
        }
        return digest.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private RuntimeException failure(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new IllegalStateException("reading " + what + " from the broker at " + bootstrap + " failed: " + e, e);
    }

    static final java.util.Comparator<TopicPartition> PARTITION_ORDER =
            java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(10));
    }
}
