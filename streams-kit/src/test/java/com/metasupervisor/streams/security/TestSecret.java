package com.metasupervisor.streams.security;

import java.util.Map;

/** The token secret of the kit's test services (service-test-kit's TestCredentials is the services' own). */
public final class TestSecret {

    public static final String VALUE = "streams-kit-test-secret-of-at-least-32-bytes";

    private TestSecret() {
    }

    /** {@code config} with the secret set as {@value TokenSecretSettings#VALUE_KEY}. */
    public static Map<String, Object> in(Map<String, Object> config) {
        config.put(TokenSecretSettings.VALUE_KEY, VALUE);
        return config;
    }
}
