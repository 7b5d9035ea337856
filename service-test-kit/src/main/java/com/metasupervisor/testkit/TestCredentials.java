package com.metasupervisor.testkit;

import com.metasupervisor.platform.credentials.AccessTokens;
import com.metasupervisor.streams.security.TokenSecretSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The credentials of in-process services under test: one fixed token secret, which {@link ServiceInstances} and
 * {@link IdleStreamsService} give every service they start, and tokens minted with it as {@code ./ms token} mints
 * them (valid from now for an hour). Send one as {@code Authorization: Bearer <token>} ({@link #bearer}).
 */
public final class TestCredentials {

    /** The token secret of every service a test starts (52 bytes; known to every test, so never a real one). */
    public static final String SECRET = "meta-supervisor-test-token-secret-not-for-production";
    /** How long a test token is valid. */
    public static final Duration TTL = Duration.ofHours(1);

    private TestCredentials() {
    }

    /** A token of agent {@code name} (role AGENT). */
    public static String agent(String name) {
        return AccessTokens.issue(SECRET, name, AccessTokens.AGENT, Instant.now(), TTL);
    }

    /** A token of operator {@code name} (role OPERATOR). */
    public static String operator(String name) {
        return AccessTokens.issue(SECRET, name, AccessTokens.OPERATOR, Instant.now(), TTL);
    }

    /** The value of an {@code Authorization} header carrying {@code token}. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /**
     * {@code config} with {@link #SECRET} as the service's token secret, the file key cleared (exactly one is set, whatever
     * the environment holds): for a context a test starts itself, or the system properties of a service process.
     */
    public static <M extends Map<String, ? super String>> M in(M config) {
        config.put(TokenSecretSettings.VALUE_KEY, SECRET);
        config.put(TokenSecretSettings.FILE_KEY, "");
        return config;
    }
}
