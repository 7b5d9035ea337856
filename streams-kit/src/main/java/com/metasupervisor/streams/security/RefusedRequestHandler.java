package com.metasupervisor.streams.security;

import com.metasupervisor.streams.api.Problem;
import com.metasupervisor.streams.security.AccessRefusals.Reason;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.security.token.reader.TokenResolver;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;

/**
 * The answer to a request Micronaut security refused, as a {@link Problem} that says what is missing (Micronaut's own
 * says only "Unauthorized"), counted by {@link AccessRefusals}:
 * <ul>
 *   <li>no bearer token: 401, {@code WWW-Authenticate: Bearer}, {@code no_credential};</li>
 *   <li>a token that was refused (malformed, another secret, expired, another issuer, revoked): 401,
 *   {@code WWW-Authenticate: Bearer error="invalid_token"} (RFC 6750), {@code bad_credential};</li>
 *   <li>a valid token without the role the path needs: 403 naming the role and the caller, {@code wrong_role}.</li>
 * </ul>
 * The token is never part of the answer, nor logged. The API has no login page, so nothing redirects.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
@Produces(Problem.MEDIA_TYPE)
public class RefusedRequestHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    static final String BEARER = "Bearer";
    static final String INVALID_TOKEN = BEARER + " error=\"invalid_token\"";

    private final AccessRefusals refusals;
    private final List<TokenResolver<HttpRequest<?>>> tokenResolvers;

    RefusedRequestHandler(AccessRefusals refusals, List<TokenResolver<HttpRequest<?>>> tokenResolvers) {
        this.refusals = refusals;
        this.tokenResolvers = tokenResolvers;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        String action = request.getMethodName() + " " + request.getPath();
        String role = requiredRole(request);
        Authentication caller = exception.getAuthentication();
        if (exception.isForbidden() && caller != null) {
            refusals.count(Reason.WRONG_ROLE);
            return problem(HttpStatus.FORBIDDEN, caller.getName() + " " + caller.getRoles() + " may not " + action
                    + ": it needs role " + role);
        }
        if (tokenCame(request)) {
            refusals.count(Reason.BAD_CREDENTIAL);
            return problem(HttpStatus.UNAUTHORIZED, "the bearer token was refused: malformed, not signed with this"
                    + " installation's token secret, expired or not yet valid, not issued by meta-supervisor, or revoked; " + action
                    + " needs a valid one with role " + role)
                    .header(HttpHeaders.WWW_AUTHENTICATE, INVALID_TOKEN);
        }
        refusals.count(Reason.NO_CREDENTIAL);
        return problem(HttpStatus.UNAUTHORIZED, action + " needs a bearer token (Authorization: Bearer <token>) with role " + role)
                .header(HttpHeaders.WWW_AUTHENTICATE, BEARER);
    }

    private boolean tokenCame(HttpRequest<?> request) {
        return tokenResolvers.stream().anyMatch(resolver -> resolver.resolveToken(request).isPresent());
    }

    /**
     * The role the matched route's {@code @Secured} names; {@value Roles#OPERATOR} for a management endpoint (see
     * {@link OperatorEndpointRule}) or when the route names none.
     */
    static String requiredRole(HttpRequest<?> request) {
        return RouteAttributes.getRouteMatch(request)
                .map(route -> route.getAnnotationMetadata().stringValues(Secured.class))
                .stream()
                .flatMap(Arrays::stream)
                .filter(value -> value.equals(Roles.AGENT) || value.equals(Roles.OPERATOR))
                .reduce((first, second) -> first + " or " + second)
                .orElse(Roles.OPERATOR);
    }

    private static MutableHttpResponse<Problem> problem(HttpStatus status, String detail) {
        return HttpResponse.<Problem>status(status).contentType(Problem.MEDIA).body(Problem.of(status, detail));
    }
}
