package com.metasupervisor.reconciler;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;

/**
 * librdkafka's default partitioner ({@code consistent_random}), so that a Java producer spreads keys over
 * partitions as the Confluent Python, Go or .NET clients do and not as Java's murmur2 default: a keyed
 * record goes to {@code (CRC32(key bytes) & 0xffffffff) % partitions}, a record without key to a random one.
 * Set it with {@code partitioner.class}.
 */
public final class Crc32Partitioner implements Partitioner {

    /** The partition librdkafka's default partitioner gives {@code keyBytes} among {@code partitions}. */
    public static int partitionOf(byte[] keyBytes, int partitions) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions must be > 0, was " + partitions);
        }
        CRC32 crc = new CRC32();
        crc.update(keyBytes);
        return (int) (crc.getValue() % partitions); // getValue() is the unsigned 32-bit CRC
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        int partitions = cluster.partitionCountForTopic(topic);
        return keyBytes == null ? ThreadLocalRandom.current().nextInt(partitions) : partitionOf(keyBytes, partitions);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }

    @Override
    public void close() {
        // nothing held
    }
}
