package com.metasupervisor.reconciler.api;

import com.metasupervisor.streams.publish.CatalogPublisher;
import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.TopicSerdes;
import com.metasupervisor.schemas.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.streams.state.PlainAvroSerde;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code POST /alpha-events} end to end without a broker or registry, when {@value #ENABLED} is
 * true: the publisher sends through a {@link MockProducer} (a bean, so a test reads what was
 * produced) and encodes plain Avro binary (so a test decodes it with {@link PlainAvroSerde}). Events
 * of agent {@value #REFUSED_AGENT} are refused by the "registry" as an incompatible schema would be.
 */
@Factory
@Requires(property = MockKafkaPublisherFactory.ENABLED, value = "true")
class MockKafkaPublisherFactory {

    static final String ENABLED = "alpha-events-test.mock-kafka";
    static final String REFUSED_AGENT = "refused-by-registry";

    @Singleton
    MockProducer<String, byte[]> producer() {
        return new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    }

    @Singleton
    @Replaces(CatalogPublisher.class)
    CatalogPublisher publisher(MockProducer<String, byte[]> producer) {
        PlainAvroSerde<AlphaEvent> avro = new PlainAvroSerde<>(AlphaEvent.class);
        Serializer<AlphaEvent> registry = (topic, event) -> {
            if (REFUSED_AGENT.equals(event.getAgent())) {
                throw new SerializationException("the registry refuses the schema as incompatible");
            }
            return avro.encode(event);
        };
        Serde<AlphaEvent> alphaEvents = Serdes.serdeFrom(registry, avro.deserializer());
        TopicSerdes serdes = new TopicSerdes() {
            @Override
            @SuppressWarnings("unchecked")
            public <V extends SpecificRecord> Serde<V> value(Topic<V> topic) {
                if (!topic.equals(Topics.ALPHA_EVENTS)) {
                    throw new IllegalArgumentException("the reconciler's API publishes only alpha.events, not " + topic.name());
                }
                return (Serde<V>) alphaEvents;
            }
        };
        return new CatalogPublisher(producer, serdes, Duration.ofSeconds(5));
    }
}
