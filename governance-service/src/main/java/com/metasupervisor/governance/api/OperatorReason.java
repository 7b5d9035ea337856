package com.metasupervisor.governance.api;

import com.metasupervisor.streams.api.OperatorRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import java.util.Set;

/**
 * Why an operator acts, as the body of a {@code POST /ops/...} gives it: {@code {"reason": "..."}}, required, non-blank,
 * at most {@value #MAX_LENGTH} characters, the only member (streams-kit's {@link OperatorRequest}: who acts is the
 * token's subject, never the body).
 *
 * @param text the reason, without surrounding blanks
 */
public record OperatorReason(String text) {

    public static final String FIELD = "reason";
    public static final int MAX_LENGTH = 500;
    private static final String EXAMPLE = "{\"" + FIELD + "\": \"...\"}";

    public OperatorReason {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(FIELD + " must not be blank");
        }
        text = text.strip();
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(FIELD + " must be at most " + MAX_LENGTH + " characters, was " + text.length());
        }
    }

    /**
     * The reason a request body carries.
     *
     * @throws IllegalArgumentException saying what is wrong with the body and naming the field
     */
    public static OperatorReason fromJson(JsonMapper json, @Nullable String body) {
        return new OperatorReason(OperatorRequest.read(json, body, EXAMPLE, Set.of(FIELD)).requiredString(FIELD, MAX_LENGTH));
    }
}
