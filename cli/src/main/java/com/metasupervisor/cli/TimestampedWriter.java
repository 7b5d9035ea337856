package com.metasupervisor.cli;

import com.metasupervisor.schemas.Topic;
import com.metasupervisor.streams.publish.CatalogPublisher;
import com.metasupervisor.streams.publish.CatalogPublisher.Keyed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes records that carry their own timestamp (an import, the old system's rows) through streams-kit's
 * {@link CatalogPublisher}: idempotent, acks=all, bounded waits, every value encoded before anything is sent.
 */
final class TimestampedWriter {

    /** Why the records were not (all) written; the message says what happened. */
    static final class WriteException extends Exception {
        WriteException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private TimestampedWriter() {
    }

    /** {@code lines} to the topic called {@code target}, with {@code topic}'s schema, each with its own timestamp. */
    @SuppressWarnings("unchecked")
    static void write(BrokerOptions broker, Topic<?> topic, String target, List<TopicRecordLine> lines, Duration sendTimeout, String clientId)
            throws WriteException {
        Topic<SpecificRecord> typed = (Topic<SpecificRecord>) topic;
        List<Keyed<SpecificRecord>> batch = lines.stream()
                .map(line -> new Keyed<>(line.key(), line.value(), Instant.ofEpochMilli(line.timestamp())))
                .toList();
        try (CatalogPublisher publisher = CatalogPublisher.create(broker.connection(), broker.registry(), clientId, sendTimeout)) {
            publisher.publishTo(target, typed, batch);
        } catch (CatalogPublisher.PublishException e) {
            throw new WriteException(e.getMessage() + " (" + target + " at " + broker.bootstrapServers + ")", e);
        }
    }
}
