package com.metasupervisor.schemas;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Where a topology gets the value serde of a catalog topic: the registry in a running service
 * ({@link #registry}), registry-free Avro in topology unit tests.
 */
@FunctionalInterface
public interface TopicSerdes {

    <V extends SpecificRecord> Serde<V> value(Topic<V> topic);

    static TopicSerdes registry(RegistrySettings registry) {
        return new TopicSerdes() {
            @Override
            public <V extends SpecificRecord> Serde<V> value(Topic<V> topic) {
                return topic.valueSerde(registry);
            }
        };
    }
}
