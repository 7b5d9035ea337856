package com.metasupervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.platform.SharedPlatformExtension;
import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ms simulate} against the real broker and registry: one simulated day at max speed lands as many records on
 * market.prices and alpha.events as the command says, stamped with the events' own times, and the truth and manifest
 * files are written.
 */
@ExtendWith(SharedPlatformExtension.class)
class SimulateCommandIT {

    private static final Pattern DONE = Pattern.compile(
            "simulate: done: (\\d+) price ticks to market.prices, (\\d+) alpha events to alpha.events \\((\\d+) bad\\) in ([\\d.]+) s");

    @Test
    void oneDayAtMaxSpeedLandsEveryEventItPrints(LocalPlatform platform, @TempDir Path dir) throws Exception {
        Path truth = dir.resolve("truth.json");
        Path manifest = dir.resolve("manifest.yaml");
        Map<TopicPartition, Long> pricesBefore = endOffsets(platform, Topics.MARKET_PRICES);
        Map<TopicPartition, Long> eventsBefore = endOffsets(platform, Topics.ALPHA_EVENTS);
        Instant startedAt = Instant.now();

        CommandRun result = CommandRun.of("simulate", "--days", "1", "--agents", "24", "--speed", "max", "--truth", truth.toString(),
                "--manifest-out", manifest.toString(), "--bootstrap-servers", platform.bootstrapServers(),
                "--registry-url", platform.registry().url());

        assertThat(result.exitCode()).as(result.err()).isZero();
        Matcher done = DONE.matcher(result.out());
        assertThat(done.find()).as(result.out()).isTrue();
        long ticks = Long.parseLong(done.group(1));
        long events = Long.parseLong(done.group(2));
        long bad = Long.parseLong(done.group(3));
        assertThat(ticks).isEqualTo(8 * 288);
        assertThat(events).isGreaterThan(24 * 12);
        assertThat(written(platform, Topics.MARKET_PRICES, pricesBefore)).isEqualTo(ticks);
        assertThat(written(platform, Topics.ALPHA_EVENTS, eventsBefore)).isEqualTo(events);
        assertThat(result.out()).contains("truth: " + truth.toAbsolutePath().normalize()).contains("day 1.0 of 1");

        // record timestamps are the events' own times, all in the simulated day before the run
        List<ConsumerRecord<String, PriceTick>> prices = readFrom(platform, Topics.MARKET_PRICES, pricesBefore);
        assertThat(prices).hasSize((int) ticks).allSatisfy(r -> {
            assertThat(r.timestamp()).isEqualTo(r.value().getTs().toEpochMilli());
            assertThat(r.key()).isEqualTo(r.value().getSymbol());
            assertThat(r.value().getTs()).isBefore(startedAt).isAfter(startedAt.minus(Duration.ofDays(1).plusMinutes(5)));
        });
        List<ConsumerRecord<String, AlphaEvent>> calls = readFrom(platform, Topics.ALPHA_EVENTS, eventsBefore);
        assertThat(calls).hasSize((int) events).allSatisfy(r -> {
            assertThat(r.timestamp()).isEqualTo(r.value().getEmittedAt().toEpochMilli());
            assertThat(r.key()).isEqualTo(r.value().getAgent());
        });
        assertThat(calls.stream().map(ConsumerRecord::value).filter(e -> e.getConfidence() > 1 || Double.isNaN(e.getScoreFinal())
                || e.getSymbol().equals("UNLISTED-USD")).count()).isEqualTo(bad);

        JsonNode json = new ObjectMapper().readTree(Files.readString(truth));
        assertThat(json.get("counts").get("price_ticks").asLong()).isEqualTo(ticks);
        assertThat(json.get("counts").get("alpha_events").asLong()).isEqualTo(events);
        assertThat(json.get("counts").get("bad_events").asLong()).isEqualTo(bad);
        assertThat(new YAMLMapper().readTree(Files.readString(manifest)).get("agents")).hasSize(24);
        System.out.println("SimulateCommandIT: --days 1 --speed max: " + (ticks + events) + " records in " + done.group(4) + " s");
    }

    private static Map<TopicPartition, Long> endOffsets(LocalPlatform platform, Topic<?> topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(platform.clientProperties(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic.name()).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }

    /** Records written since {@code before} (a non-transactional producer writes no markers: offsets count records). */
    private static long written(LocalPlatform platform, Topic<?> topic, Map<TopicPartition, Long> before) {
        Map<TopicPartition, Long> after = endOffsets(platform, topic);
        return after.entrySet().stream().mapToLong(e -> e.getValue() - before.get(e.getKey())).sum();
    }

    /** The records from {@code before} to the current end of every partition. */
    private static <V extends SpecificRecord> List<ConsumerRecord<String, V>> readFrom(LocalPlatform platform, Topic<V> topic,
                                                                                       Map<TopicPartition, Long> before) {
        Map<TopicPartition, Long> ends = endOffsets(platform, topic);
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(platform.clientProperties(), topic.keySerde().deserializer(),
                topic.valueSerde(platform.registry()).deserializer())) {
            consumer.assign(before.keySet());
            before.forEach(consumer::seek);
            List<ConsumerRecord<String, V>> read = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(60);
            while (before.keySet().stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        read.add(r);
                    }
                });
            }
            return read;
        }
    }
}
