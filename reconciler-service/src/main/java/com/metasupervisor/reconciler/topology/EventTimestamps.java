package com.metasupervisor.reconciler.topology;

import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.streams.validation.Sourced;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time: an alpha event's emitted_at and a tick's ts, not when they were produced, so windows,
 * grace and stream time follow the market. A time implausibly far ahead of the clock (bad input
 * that validation will reject) falls back to the record's own timestamp so it cannot drag stream
 * time into the future.
 */
final class EventTimestamps implements TimestampExtractor {

    private final Clock clock;
    private final Duration maxFutureSkew;

    EventTimestamps(Clock clock, Duration maxFutureSkew) {
        this.clock = clock;
        this.maxFutureSkew = maxFutureSkew;
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Long eventTime = switch (Sourced.valueOf(record.value())) {
            case AlphaEvent e when e.getEmittedAt() != null -> e.getEmittedAt().toEpochMilli();
            case PriceTick t when t.getTs() != null -> t.getTs().toEpochMilli();
            case null, default -> null;
        };
        long latestPlausible = clock.millis() + maxFutureSkew.toMillis();
        if (eventTime == null || eventTime > latestPlausible || eventTime < 0) {
            return record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
        }
        return eventTime;
    }
}
