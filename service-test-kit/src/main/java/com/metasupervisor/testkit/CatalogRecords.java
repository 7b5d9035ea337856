package com.metasupervisor.testkit;

import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.schemas.Topic;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;

/** Records of a catalog topic produced to the real broker through the registry serde, as a producing service writes them. */
public final class CatalogRecords {

    private CatalogRecords() {
    }

    /** Writes {@code values} to {@code topic}, each keyed by {@code key}; returns when every one is acknowledged. */
    public static <V extends SpecificRecord> void produce(LocalPlatform platform, Topic<V> topic, Function<V, String> key,
                                                          List<V> values) throws Exception {
        try (Serde<V> serde = topic.valueSerde(platform.registry());
             KafkaProducer<String, V> producer = new KafkaProducer<>(platform.clientProperties(), topic.keySerde().serializer(),
                     serde.serializer())) {
            for (V value : values) {
                producer.send(new ProducerRecord<>(topic.name(), key.apply(value), value));
            }
            producer.flush();
        }
    }
}
