package com.metasupervisor.streams.topology;

import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.streams.validation.Sourced;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of a reconciled row (read plain or {@link Sourced}): its matured_at, so every window runs on market time, not on when the
 * row was produced. A record without a usable matured_at (it will not deserialise, or is negative)
 * falls back to the record's own timestamp. Every service that reads alpha.reconciled in event time uses it (risk's
 * windows, the allocator's paper ledgers).
 */
public final class MaturedAtTimestamps implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (Sourced.valueOf(record.value()) instanceof ReconciledAlpha row && row.getMaturedAt() != null && row.getMaturedAt().toEpochMilli() >= 0) {
            return row.getMaturedAt().toEpochMilli();
        }
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
    }
}
