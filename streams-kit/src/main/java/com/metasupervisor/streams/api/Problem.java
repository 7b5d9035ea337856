package com.metasupervisor.streams.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one error body of every service's REST API: RFC 9457 {@code application/problem+json}.
 * {@code title} is the status's reason phrase, {@code detail} what went wrong for this request (never
 * internals or secrets); {@code extensions} are further members (snake_case names), e.g. {@code invalid}
 * with every problem of every invalid item. Micronaut's problem-json module does not resolve on this
 * project's mirror, hence this record.
 *
 * @param type       a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title      short summary of the kind (the HTTP reason phrase for {@code about:blank})
 * @param status     the HTTP status code
 * @param detail     what went wrong with this request, for a human
 * @param extensions further members, written beside the standard ones
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, @Nullable String detail,
                      @Nullable @JsonAnyGetter Map<String, Object> extensions) {

    /** {@code application/problem+json}. */
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.of(MEDIA_TYPE);
    public static final String ABOUT_BLANK = "about:blank";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem's status is 4xx or 5xx, was " + status);
        }
        extensions = extensions == null || extensions.isEmpty() ? null : Map.copyOf(new LinkedHashMap<>(extensions));
    }

    public static Problem of(HttpStatus status, String detail) {
        return new Problem(ABOUT_BLANK, status.getReason(), status.getCode(), detail, null);
    }

    /** A problem with one extension member, e.g. {@code invalid} → the list of invalid items. */
    public static Problem of(HttpStatus status, String detail, String member, Object value) {
        return new Problem(ABOUT_BLANK, status.getReason(), status.getCode(), detail, Map.of(member, value));
    }

    /** The HTTP response carrying this problem, with its status and {@code application/problem+json}. */
    public HttpResponse<Problem> toResponse() {
        return HttpResponse.<Problem>status(HttpStatus.valueOf(status)).contentType(MEDIA).body(this);
    }

    /** Shorthand for {@code Problem.of(status, detail).toResponse()}. */
    public static HttpResponse<Problem> response(HttpStatus status, String detail) {
        return of(status, detail).toResponse();
    }
}
