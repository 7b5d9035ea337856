package com.metasupervisor.streams;

import com.metasupervisor.streams.security.TestSecret;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A bad or missing setting stops the service at start-up with an error that names the key. */
class StartupValidationTest {

    @Test
    void aMissingRegistryUrlStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> ApplicationContext.run(serviceConfig(null)).close())
                .hasStackTraceContaining("registry.url is not set (env REGISTRY_URL)");
    }

    @Test
    void aMalformedRegistryUrlStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> ApplicationContext.run(serviceConfig("registry:8080")).close())
                .hasStackTraceContaining("registry.url: registry url must be http(s)://host[:port]");
    }

    private static Map<String, Object> serviceConfig(String registryUrl) {
        Map<String, Object> config = new HashMap<>();
        config.put(PriceGateTopology.ENABLED, true);
        config.put("kafka.bootstrap.servers", "localhost:1");
        config.put("kafka.streams.default.application.id", "startup-validation");
        if (registryUrl != null) {
            config.put("registry.url", registryUrl);
        }
        return TestSecret.in(config);
    }
}
