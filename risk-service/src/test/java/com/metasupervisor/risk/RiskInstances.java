package com.metasupervisor.risk;

import static org.awaitility.Awaitility.await;

import com.metasupervisor.platform.LocalPlatform;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/** risk-service instances (the Micronaut application, in this JVM) on a platform, for the integration tests. */
final class RiskInstances {

    private RiskInstances() {
    }

    /**
     * Starts an instance of application {@code applicationId} with its own state directory; {@code more} adds or
     * overrides configuration (a random HTTP port unless it sets one). Does not wait for its streams.
     */
    static EmbeddedServer start(LocalPlatform platform, String applicationId, String stateName, Map<String, Object> more) {
        Map<String, Object> config = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", platform.bootstrapServers(),
                "registry.url", platform.registry().url(),
                "kafka.streams.default.application.id", applicationId,
                "kafka.streams.default.state.dir", "target/it-state/" + stateName,
                "micronaut.server.port", -1));
        config.putAll(more);
        return ApplicationContext.run(EmbeddedServer.class, config);
    }

    /** Waits until the instance's streams are RUNNING (joined, restored). */
    static void awaitRunning(EmbeddedServer server) {
        KafkaStreams streams = server.getApplicationContext().getBean(KafkaStreams.class);
        await().atMost(Duration.ofSeconds(90)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
    }
}
