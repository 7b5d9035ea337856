package com.metasupervisor.streams.deadletter;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Configurable;

/**
 * What both dead-letter handlers share: Kafka Streams builds them from the config map, where
 * {@link DeadLetterMetrics} travels; a letter is counted and sent inside the task's transaction.
 */
abstract class AbstractDeadLetterHandler implements Configurable {

    private DeadLetterMetrics metrics = DeadLetterMetrics.standalone();
    final Clock clock = Clock.systemUTC();

    @Override
    public void configure(Map<String, ?> configs) {
        metrics = DeadLetterMetrics.from(configs);
    }

    /** Counts {@code letter}; the records the handler's response sends, at its source record's timestamp. */
    List<ProducerRecord<byte[], byte[]>> send(DeadLetter letter, long sourceTimestamp) {
        metrics.record(letter);
        return List.of(letter.toProducerRecord(sourceTimestamp));
    }
}
