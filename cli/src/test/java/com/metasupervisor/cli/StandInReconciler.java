package com.metasupervisor.cli;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;

/** Answers {@code POST /models/{horizon}/train} as the reconciler does, one kind of answer per horizon. */
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

    @Post("/{horizon}/train")
    HttpResponse<String> train(@PathVariable String horizon) {
        return switch (horizon) {
            case "24" -> json(HttpResponse.ok(), TRAINED);
            case "1" -> json(HttpResponse.ok(), INSUFFICIENT);
            case "168" -> json(HttpResponse.ok(), UNKNOWN_STATUS);
            case "4" -> HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE).body(UNAVAILABLE)
                    .contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE);
            default -> HttpResponse.ok("not json").contentType(MediaType.TEXT_PLAIN_TYPE);
        };
    }

    private static HttpResponse<String> json(io.micronaut.http.MutableHttpResponse<String> response, String body) {
        return response.body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
