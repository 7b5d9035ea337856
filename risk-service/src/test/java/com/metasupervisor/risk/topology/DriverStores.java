package com.metasupervisor.risk.topology;

import com.metasupervisor.risk.config.RiskSettings;
import com.metasupervisor.streams.query.InteractiveQueries;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The risk service's stores answered by the risk topology on a {@link RiskDriver}, so its REST API can be walked
 * without a broker (RiskRestContractTest). The service's own KafkaStreams exists but is never asked. Test-only,
 * enabled by {@value #ENABLED}.
 */
@Singleton
@Requires(property = DriverStores.ENABLED)
@Replaces(InteractiveQueries.class)
public class DriverStores extends InteractiveQueries {

    public static final String ENABLED = "test.risk.driver-stores";

    private final RiskDriver risk;

    DriverStores(KafkaStreams streams, RiskSettings settings) {
        super(streams, ""); // no application.server: one instance
        this.risk = new RiskDriver(settings);
    }

    /** The topology whose stores the service answers from: send it rows. */
    public RiskDriver risk() {
        return risk;
    }

    @Override
    public <V> ReadOnlyKeyValueStore<String, V> localStore(String name) {
        return risk.store(name);
    }

    @PreDestroy
    void close() {
        risk.close();
    }
}
