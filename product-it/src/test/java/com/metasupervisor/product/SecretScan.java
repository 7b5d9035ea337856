package com.metasupervisor.product;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Everything a run left where someone could read it, scanned for {@link RecognisableSecrets}: files (each hit by file
 * and line), every record of every topic (key, value, each header; by topic-partition and offset), git objects
 * (by object id), texts (HTTP answers, mails, requests received). Counts what it read, so that a scan of nothing shows.
 */
final class SecretScan {

    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private final RecognisableSecrets secrets;
    private final List<RecognisableSecrets.Hit> hits = new ArrayList<>();
    private final Map<String, Long> scanned = new LinkedHashMap<>();

    SecretScan(RecognisableSecrets secrets) {
        this.secrets = secrets;
    }

    /** A text: an HTTP answer, a mail, a request body. */
    void text(String kind, String where, String text) {
        count(kind, 1);
        hits.addAll(secrets.scan(text, where, true));
    }

    void bytes(String kind, String where, byte[] bytes) {
        count(kind, 1);
        hits.addAll(secrets.scan(bytes, where, false));
    }

    /** Every regular file under {@code root} but those {@code skipped}; each hit named by file and line. */
    void files(String kind, Path root, Predicate<Path> skipped) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path file : paths.filter(Files::isRegularFile).filter(skipped.negate()).sorted().toList()) {
                byte[] content;
                try {
                    content = Files.readAllBytes(file);
                } catch (IOException gone) {
                    continue; // a temporary file removed while we walked
                }
                count(kind, 1);
                hits.addAll(secrets.scan(content, root.relativize(file).toString(), true));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("walking " + root, e);
        }
    }

    /**
     * Every record of every topic, the broker's internal ones too, read_uncommitted (an aborted record was written
     * all the same): key, value and each header's key and value.
     */
    void broker(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        List<TopicPartition> partitions = new ArrayList<>();
        try (Admin admin = Admin.create(props)) {
            Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            for (TopicDescription topic : admin.describeTopics(names).allTopicNames().get().values()) {
                topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("listing the broker's topics: " + e, e);
        }
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker's topics not read to their ends in " + READ_TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    record(record);
                }
            }
        }
    }

    /** Every object of the git repository {@code repo}, decompressed ({@code git cat-file}: loose and packed alike). */
    void gitObjects(Path repo) {
        Process git;
        try {
            git = new ProcessBuilder("git", "-C", repo.toString(), "cat-file", "--batch-all-objects", "--batch")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("git cat-file in " + repo, e);
        }
        try (InputStream out = git.getInputStream()) {
            // each object: "<id> <type> <size>\n", its content, "\n"
            while (true) {
                String header = line(out);
                if (header == null) {
                    break;
                }
                String[] parts = header.split(" ");
                if (parts.length != 3) {
                    throw new IllegalStateException("git cat-file: unexpected line '" + header + "'");
                }
                byte[] content = out.readNBytes(Integer.parseInt(parts[2]));
                out.read();
                count("git objects of the config repository", 1);
                hits.addAll(secrets.scan(content, "config-repo object " + parts[0] + " (" + parts[1] + ")", true));
            }
            if (!git.waitFor(1, TimeUnit.MINUTES) || git.exitValue() != 0) {
                throw new IllegalStateException("git cat-file in " + repo + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("git cat-file in " + repo, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    List<RecognisableSecrets.Hit> hits() {
        return List.copyOf(hits);
    }

    /** How many of each kind of thing were scanned, e.g. "records of every topic" -> 1234. */
    Map<String, Long> scanned() {
        return Map.copyOf(scanned);
    }

    private void record(ConsumerRecord<byte[], byte[]> record) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        count("records of every topic", 1);
        if (record.key() != null) {
            hits.addAll(secrets.scan(record.key(), where + " key", false));
        }
        if (record.value() != null) {
            hits.addAll(secrets.scan(record.value(), where + " value", false));
        }
        for (Header header : record.headers()) {
            hits.addAll(secrets.scan(header.key(), where + " header name", false));
            if (header.value() != null) {
                hits.addAll(secrets.scan(header.value(), where + " header " + header.key(), false));
            }
        }
    }

    private void count(String kind, long n) {
        scanned.merge(kind, n, Long::sum);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.isEmpty() ? null : line.toString();
            }
            line.append((char) b);
        }
        return line.toString();
    }
}
