package com.metasupervisor.streams.config;

import com.metasupervisor.streams.security.TestSecret;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A context that starts with the kit's beans: the kit's test topology (a context needs one to build its streams),
 * unreachable Kafka and registry, streams not started; {@code settings} on top.
 */
final class KitContext {

    private KitContext() {
    }

    static ApplicationContext start(Map<String, Object> settings) {
        return ApplicationContext.builder().properties(config(settings)).start();
    }

    static ApplicationContext start(PropertySource settings) {
        return ApplicationContext.builder().properties(config(Map.of())).propertySources(settings).start();
    }

    private static Map<String, Object> config(Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>();
        config.put("test.price-gate.enabled", true);
        config.put("kafka.bootstrap.servers", "127.0.0.1:1");
        config.put("registry.url", "http://127.0.0.1:1");
        config.put("kafka.streams.default.application.id", "settings-test-" + UUID.randomUUID());
        config.put("kafka.streams.default.start-kafka-streams", false);
        TestSecret.in(config);
        config.putAll(settings);
        return config;
    }
}
