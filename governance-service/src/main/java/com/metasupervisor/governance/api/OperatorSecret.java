package com.metasupervisor.governance.api;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Whether operator tokens can be checked: the HMAC secret that signs them comes from {@value #ENV}
 * ({@value #PROPERTY} in application.yml). Without a usable one the service still runs (everything but {@code /ops}
 * needs no credential) and every {@code /ops} request is refused with a problem that names the variable. The secret
 * itself is never kept here, logged or answered: only its length is looked at.
 */
@Singleton
public final class OperatorSecret {

    public static final String ENV = "GOVERNANCE_OPERATOR_JWT_SECRET";
    public static final String PROPERTY = "micronaut.security.token.jwt.signatures.secret.generator.secret";
    /** HS256 needs a key of at least 256 bits. */
    public static final int MIN_BYTES = 32;

    private final Optional<String> unusable;

    OperatorSecret(@Value("${" + PROPERTY + ":}") String secret) {
        this.unusable = whyUnusable(secret);
    }

    /** Why no operator can be authenticated with {@code secret}, if none can. */
    static Optional<String> whyUnusable(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.of("operator endpoints need " + ENV + ": it is not set on this instance, so no operator token can be"
                    + " checked (set it to the HMAC secret, at least " + MIN_BYTES + " bytes, that signs the operators' JWTs)");
        }
        if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES) {
            return Optional.of("operator endpoints need " + ENV + " of at least " + MIN_BYTES + " bytes (HS256); the one set on this"
                    + " instance is shorter, so no operator token can be checked");
        }
        return Optional.empty();
    }

    /** Whether operator tokens can be checked. */
    public boolean isUsable() {
        return unusable.isEmpty();
    }

    /** What an operator is told when the secret is missing or too short; empty when it is usable. */
    public Optional<String> unusableDetail() {
        return unusable;
    }
}
