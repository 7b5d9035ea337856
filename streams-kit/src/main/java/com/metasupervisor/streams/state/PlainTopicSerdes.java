package com.metasupervisor.streams.state;

import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.TopicSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** Registry-free serdes for every catalog topic: for TopologyTestDriver tests and benchmarks of topology logic. */
public final class PlainTopicSerdes implements TopicSerdes {

    @Override
    public <V extends SpecificRecord> Serde<V> value(Topic<V> topic) {
        return new PlainAvroSerde<>(topic.valueType());
    }
}
