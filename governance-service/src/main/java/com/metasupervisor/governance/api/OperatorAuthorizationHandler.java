package com.metasupervisor.governance.api;

import com.metasupervisor.streams.api.Problem;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * The answer to a request the security rules refused, as a {@link Problem} that says what is missing (Micronaut's own
 * says only "Unauthorized"): 401 when the operator secret is not set, 401 with {@code WWW-Authenticate: Bearer} when
 * no valid token came, 403 when the token lacks role {@value OperatorController#ROLE}. The API has no login page, so
 * nothing redirects.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
@Produces(Problem.MEDIA_TYPE)
public final class OperatorAuthorizationHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    private final OperatorSecret secret;

    OperatorAuthorizationHandler(OperatorSecret secret) {
        this.secret = secret;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        boolean operatorPath = OperatorController.guards(request.getPath());
        if (operatorPath && !secret.isUsable()) {
            return problem(HttpStatus.UNAUTHORIZED, secret.unusableDetail().orElseThrow());
        }
        if (exception.isForbidden()) {
            String who = exception.getAuthentication() == null ? "the token" : "operator " + exception.getAuthentication().getName();
            return problem(HttpStatus.FORBIDDEN, operatorPath
                    ? who + " lacks role " + OperatorController.ROLE + ", which operator endpoints need"
                    : who + " may not do this");
        }
        return problem(HttpStatus.UNAUTHORIZED, operatorPath
                ? "operator endpoints need a valid bearer token (JWT signed with " + OperatorSecret.ENV + ") with role "
                  + OperatorController.ROLE + "; none came, or it was malformed, badly signed or expired"
                : "this needs a valid bearer token")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    private static MutableHttpResponse<Problem> problem(HttpStatus status, String detail) {
        return HttpResponse.<Problem>status(status).contentType(Problem.MEDIA).body(Problem.of(status, detail));
    }
}
