package com.metasupervisor.cli;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;

/**
 * Answers {@code POST /models/{horizon}/train} as the reconciler does, one kind of answer per horizon, to a caller with
 * {@code Authorization: Bearer} {@link #OPERATOR_TOKEN}; {@link #AGENT_TOKEN} is refused 403, anything else 401.
 */
@Controller("/models")
@Requires(property = StandInReconciler.ENABLED)
class StandInReconciler {

    static final String ENABLED = "stand-in-reconciler";

    static final String TRAINED = """
            {"horizon_hours":24,"status":"trained","version":"v1","coef_score_final":0.4,"n":300,"required_rows":null}""";
    static final String INSUFFICIENT = """
            {"horizon_hours":1,"status":"insufficient_rows","n":12,"required_rows":250}""";
    static final String UNAVAILABLE = """
            {"type":"about:blank","title":"Service Unavailable","status":503,"detail":"the window of h4 is on another instance"}""";
    static final String UNKNOWN_STATUS = """
            {"horizon_hours":168,"status":"something_new"}""";

    static final String OPERATOR_TOKEN = "operator.token.of-the-stand-in";
    static final String AGENT_TOKEN = "agent.token.of-the-stand-in";
    static final String NO_CREDENTIAL = "a bearer token is needed";
    static final String WRONG_ROLE = "this action needs the role OPERATOR";

    @Post("/{horizon}/train")
    HttpResponse<String> train(@PathVariable String horizon, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        if (("Bearer " + AGENT_TOKEN).equals(authorization)) {
            return problem(HttpStatus.FORBIDDEN, WRONG_ROLE);
        }
        if (!("Bearer " + OPERATOR_TOKEN).equals(authorization)) {
            return problem(HttpStatus.UNAUTHORIZED, NO_CREDENTIAL).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return switch (horizon) {
            case "24" -> json(HttpResponse.ok(), TRAINED);
            case "1" -> json(HttpResponse.ok(), INSUFFICIENT);
            case "168" -> json(HttpResponse.ok(), UNKNOWN_STATUS);
            case "4" -> HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE).body(UNAVAILABLE)
                    .contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE);
            default -> HttpResponse.ok("not json").contentType(MediaType.TEXT_PLAIN_TYPE);
        };
    }

    private static io.micronaut.http.MutableHttpResponse<String> problem(HttpStatus status, String detail) {
        return HttpResponse.<String>status(status).contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE)
                .body("{\"type\":\"about:blank\",\"title\":\"" + status.getReason() + "\",\"status\":" + status.getCode()
                        + ",\"detail\":\"" + detail + "\"}");
    }

    private static HttpResponse<String> json(io.micronaut.http.MutableHttpResponse<String> response, String body) {
        return response.body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
