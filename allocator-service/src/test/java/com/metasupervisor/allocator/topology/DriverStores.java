package com.metasupervisor.allocator.topology;

import com.metasupervisor.allocator.config.AllocatorSettings;
import com.metasupervisor.streams.query.InteractiveQueries;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The allocator's stores answered by the allocator topology on an {@link AllocatorDriver}, so its REST API can be walked
 * without a broker (AllocatorRestContractTest). The service's own KafkaStreams exists but is never asked. Test-only,
 * enabled by {@value #ENABLED}.
 */
@Singleton
@Requires(property = DriverStores.ENABLED)
@Replaces(InteractiveQueries.class)
public class DriverStores extends InteractiveQueries {

    public static final String ENABLED = "test.allocator.driver-stores";

    private final AllocatorDriver allocator;

    DriverStores(KafkaStreams streams, AllocatorSettings settings) {
        super(streams, ""); // no application.server: one instance
        this.allocator = new AllocatorDriver(settings);
    }

    /** The topology whose stores the service answers from: send it inputs. */
    public AllocatorDriver allocator() {
        return allocator;
    }

    @Override
    public <V> ReadOnlyKeyValueStore<String, V> localStore(String name) {
        return allocator.store(name);
    }

    @PreDestroy
    void close() {
        allocator.close();
    }
}
