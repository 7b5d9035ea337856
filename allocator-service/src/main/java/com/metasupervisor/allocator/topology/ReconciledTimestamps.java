package com.metasupervisor.allocator.topology;

import com.metasupervisor.avro.ReconciledAlpha;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/** A reconciled row's event time is its matured_at (the ledgers credit rows in that time); anything else keeps its own. */
final class ReconciledTimestamps implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof ReconciledAlpha row && row.getMaturedAt() != null && row.getMaturedAt().toEpochMilli() >= 0) {
            return row.getMaturedAt().toEpochMilli();
        }
        return record.timestamp() >= 0 ? record.timestamp() : Math.max(0, partitionTime);
    }
}
