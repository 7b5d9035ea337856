package com.metasupervisor.streams.api;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/**
 * Errors the framework answers itself (no route: 404, a wrong method: 405, an unreadable parameter or body:
 * 400, an unsupported media type: 415, an uncaught exception: 500) as {@link Problem}s too, in place of
 * Micronaut's default error body, so every error of every service is {@code application/problem+json}.
 * A 5xx never carries the exception's message (internals): the log has it.
 */
@Singleton
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        int code = status.getCode() >= 400 && status.getCode() <= 599 ? status.getCode() : 500;
        Problem problem = new Problem(Problem.ABOUT_BLANK, HttpStatus.valueOf(code).getReason(), code, detail(context, code), null);
        return response.status(code).contentType(Problem.MEDIA).body(problem);
    }

    private static String detail(ErrorContext context, int code) {
        if (code >= 500 && context.getRootCause().isPresent()) {
            return "the request failed on the server; nothing about it can be said here (see the service log)";
        }
        String messages = context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        return messages.isBlank() ? null : messages;
    }
}
