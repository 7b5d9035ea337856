package com.metasupervisor.streams.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.security.rules.SensitiveEndpointRule;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * A sensitive management endpoint ({@code /loggers}; {@code /prometheus} when {@code endpoints.prometheus.sensitive} is
 * true; any other left sensitive) is for role {@value Roles#OPERATOR} only: Micronaut's own rule lets any authenticated
 * caller in, so an agent's token could change log levels. Endpoints that are not sensitive ({@code /health}) stay open.
 */
@Singleton
@Replaces(SensitiveEndpointRule.class)
public class OperatorEndpointRule extends SensitiveEndpointRule {

    public OperatorEndpointRule(EndpointSensitivityProcessor endpointSensitivityProcessor) {
        super(endpointSensitivityProcessor);
    }

    @Override
    protected Publisher<SecurityRuleResult> checkSensitiveAuthenticated(HttpRequest<?> request, Authentication authentication,
                                                                      ExecutableMethod<?, ?> method) {
        return Publishers.just(authentication.getRoles().contains(Roles.OPERATOR) ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }
}
