package com.metasupervisor.governance.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecuredAnnotationRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * Refuses every {@code /ops} request while {@link OperatorSecret} is not usable, before any other rule is asked: no
 * token can be trusted then. The answer (401 naming the variable) is {@link OperatorAuthorizationHandler}'s.
 */
@Singleton
public final class OperatorSecretRule implements SecurityRule<HttpRequest<?>> {

    /** Before {@code @Secured}, so no role can let a request through. */
    public static final int ORDER = SecuredAnnotationRule.ORDER - 100;

    private final OperatorSecret secret;

    OperatorSecretRule(OperatorSecret secret) {
        this.secret = secret;
    }

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        boolean refused = request != null && OperatorController.guards(request.getPath()) && !secret.isUsable();
        return Publishers.just(refused ? SecurityRuleResult.REJECTED : SecurityRuleResult.UNKNOWN);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
