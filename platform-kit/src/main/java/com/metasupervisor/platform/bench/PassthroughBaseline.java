package com.metasupervisor.platform.bench;

import com.metasupervisor.platform.LocalPlatform;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The limit a service's benchmark is compared with, on the same broker in the same run: a plain
 * consumer → producer copy of the service's input topics (bytes only: no deserialisation, no state,
 * no transactions). Its clock starts at the first poll that returns records (the group join is not
 * throughput).
 */
public final class PassthroughBaseline {

    private PassthroughBaseline() {
    }

    /** Copies {@code records} records of {@code topics} to a fresh topic; returns records/s. */
    public static double recordsPerSecond(LocalPlatform platform, List<String> topics, long records, int partitions) throws Exception {
        String out = "bench.passthrough-" + UUID.randomUUID();
        try (var admin = platform.admin()) {
            admin.createTopics(List.of(new NewTopic(out, partitions, (short) 1))).all().get();
        }
        Properties c = platform.clientProperties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-passthrough-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        Properties p = platform.clientProperties();
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        long copied = 0;
        long started = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            consumer.subscribe(topics);
            while (copied < records) {
                var polled = consumer.poll(Duration.ofMillis(200));
                if (started == 0 && !polled.isEmpty()) {
                    started = System.nanoTime();
                }
                for (ConsumerRecord<byte[], byte[]> r : polled) {
                    producer.send(new ProducerRecord<>(out, r.key(), r.value()));
                    copied++;
                }
                consumer.commitAsync();
            }
            producer.flush();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        System.out.printf("passthrough: %,d records in %.1f s%n", copied, elapsed);
        return copied / elapsed;
    }
}
