package com.metasupervisor.streams.security;

import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The one signature Micronaut security checks bearer tokens against: HS256 with the installation's token secret
 * ({@link TokenSecretSettings}), in place of {@code micronaut.security.token.jwt.signatures.secret.*}, whose value
 * would have to be the secret itself. Declared as a {@link SignatureConfiguration} only: a service checks tokens, it
 * mints none.
 */
@Factory
@Requires(beans = TokenSecretSettings.class)
class TokenSignatureFactory {

    static final String NAME = "meta-supervisor";

    @Singleton
    @Named(NAME)
    SignatureConfiguration tokenSignature(TokenSecretSettings settings) {
        SecretSignatureConfiguration configuration = new SecretSignatureConfiguration(NAME);
        configuration.setJwsAlgorithm(JWSAlgorithm.HS256);
        configuration.setSecret(settings.tokenSecret());
        return new SecretSignature(configuration);
    }
}
