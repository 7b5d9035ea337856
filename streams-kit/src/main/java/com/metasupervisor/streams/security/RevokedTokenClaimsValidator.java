package com.metasupervisor.streams.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a token whose id ({@code jti}) the installation revoked ({@link RevokedTokens}), beside Micronaut's own
 * claims validators (issuer, expiry, not-before): the request is then a 401 {@code bad_credential} like any refused
 * token ({@link RefusedRequestHandler}). A token without a {@code jti} passes: every token {@code AccessTokens} issues
 * has one, so such a token was not issued by {@code ./ms token}, and it is valid only if signed with the installation's
 * secret anyway; it just cannot be revoked one by one.
 */
@Singleton
@Requires(notEnv = Environment.CLI)
public class RevokedTokenClaimsValidator<T> implements GenericJwtClaimsValidator<T> {

    private static final Logger LOG = LoggerFactory.getLogger(RevokedTokenClaimsValidator.class);

    private final RevokedTokens revoked;

    public RevokedTokenClaimsValidator(RevokedTokens revoked) {
        this.revoked = revoked;
    }

    @Override
    public boolean validate(Claims claims, @Nullable T request) {
        Object id = claims.get(Claims.TOKEN_ID);
        if (id != null && revoked.isRevoked(id.toString())) {
            // the id and the subject name the token without being it
            LOG.debug("refused revoked token {} of {}", id, claims.get(Claims.SUBJECT));
            return false;
        }
        return true;
    }
}
