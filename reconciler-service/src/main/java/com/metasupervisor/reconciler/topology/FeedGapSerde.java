package com.metasupervisor.reconciler.topology;

import com.metasupervisor.reconciler.domain.FeedGap;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** State format of a symbol's newest feed gap: the layout {@link FeedGap#toBytes()} writes. */
final class FeedGapSerde implements Serde<FeedGap> {

    @Override
    public Serializer<FeedGap> serializer() {
        return (topic, gap) -> gap == null ? null : gap.toBytes();
    }

    @Override
    public Deserializer<FeedGap> deserializer() {
        return (topic, bytes) -> bytes == null ? null : FeedGap.fromBytes(bytes);
    }
}
