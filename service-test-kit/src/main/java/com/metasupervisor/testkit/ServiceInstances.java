package com.metasupervisor.testkit;

import static org.awaitility.Awaitility.await;

import com.metasupervisor.platform.LocalPlatform;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/** Instances of a service (its Micronaut application, in the test's JVM) on a running platform, for integration tests. */
public final class ServiceInstances {

    private ServiceInstances() {
    }

    /**
     * The configuration of an instance of application {@code applicationId} on {@code platform}: its broker and
     * registry, a state directory of its own ({@code target/it-state/<stateName>}), a random HTTP port and the test token
     * secret ({@link TestCredentials}).
     */
    public static Map<String, Object> config(LocalPlatform platform, String applicationId, String stateName) {
        Map<String, Object> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", platform.bootstrapServers());
        config.put("registry.url", platform.registry().url());
        config.put("kafka.streams.default.application.id", applicationId);
        config.put("kafka.streams.default.state.dir", "target/it-state/" + stateName);
        config.put("micronaut.server.port", -1);
        return TestCredentials.in(config);
    }

    /** Starts an instance with {@link #config} plus {@code more} (added or overriding); does not wait for its streams. */
    public static EmbeddedServer start(LocalPlatform platform, String applicationId, String stateName, Map<String, Object> more) {
        Map<String, Object> config = config(platform, applicationId, stateName);
        config.putAll(more);
        return ApplicationContext.run(EmbeddedServer.class, config);
    }

    /** Waits (up to 90 s) until the instance's streams are RUNNING: joined and restored. */
    public static void awaitRunning(EmbeddedServer server) {
        KafkaStreams streams = server.getApplicationContext().getBean(KafkaStreams.class);
        await().atMost(Duration.ofSeconds(90)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
    }

    /** The base URL of the instance's HTTP server. */
    public static String baseUrl(EmbeddedServer server) {
        return "http://localhost:" + server.getPort();
    }
}
