package com.metasupervisor.platform.credentials;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The credentials every service checks (SPEC §8): HS256 JWTs signed with the installation's token secret, {@code sub} =
 * the agent's or the operator's name, {@code roles} = [{@value #AGENT}] or [{@value #OPERATOR}]. Ops issue them
 * ({@code ./ms token}); {@code ./ms run} issues its local operator's. A token is a bearer credential: whoever holds
 * it acts as its subject until it expires, so it is printed once and never logged.
 */
public final class AccessTokens {

    /** The role of a trading agent: it may post alpha events as itself. */
    public static final String AGENT = "AGENT";
    /** The role of an operator: train, kill, disable, guardian, regime, log levels. */
    public static final String OPERATOR = "OPERATOR";
    /** The {@code iss} of every token. */
    public static final String ISSUER = "meta-supervisor";
    /** HS256 needs a key of at least 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;

    /** Agent and operator names: what the catalog's records allow in a key, no spaces or control characters. */
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private AccessTokens() {
    }

    /** A new token secret: 48 random bytes, base64url (64 characters). */
    public static String newSecret() {
        byte[] bytes = new byte[48];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Why {@code secret} cannot sign tokens, or null when it can (the secret itself is never part of the answer). */
    public static String whyUnusable(String secret) {
        if (secret == null || secret.isBlank()) {
            return "it is empty";
        }
        int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
        return bytes < MIN_SECRET_BYTES
                ? "it is " + bytes + " bytes long; HS256 needs at least " + MIN_SECRET_BYTES
                : null;
    }

    /**
     * A token for {@code subject} with {@code role}, issued at {@code now}, valid for {@code ttl}.
     *
     * @throws IllegalArgumentException for an unusable secret, a bad subject or role, or a ttl that is not positive
     */
    public static String issue(String secret, String subject, String role, Instant now, Duration ttl) {
        String unusable = whyUnusable(secret);
        if (unusable != null) {
            throw new IllegalArgumentException("the token secret cannot sign: " + unusable);
        }
        if (subject == null || !SUBJECT.matcher(subject).matches()) {
            throw new IllegalArgumentException("a token's subject is a name of 1 to 128 letters, digits and . _ @ : - (starting"
                    + " with a letter or digit), not " + (subject == null ? "null" : "'" + subject + "'"));
        }
        if (!AGENT.equals(role) && !OPERATOR.equals(role)) {
            throw new IllegalArgumentException("a token's role is " + AGENT + " or " + OPERATOR + ", not " + role);
        }
        Objects.requireNonNull(now, "now");
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a token's lifetime must be positive, not " + ttl);
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subject)
                .claim("roles", List.of(role))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the token secret cannot sign: " + e.getClass().getSimpleName(), e);
        }
        return jwt.serialize();
    }
}
