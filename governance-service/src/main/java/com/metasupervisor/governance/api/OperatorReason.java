package com.metasupervisor.governance.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Why an operator acts, as the body of a {@code POST /ops/...} gives it: {@code {"reason": "..."}}, required, non-blank,
 * at most {@value #MAX_LENGTH} characters, the only member. Who acts is never taken from the body (the token says it),
 * so a body that names anything else is refused rather than silently ignored.
 *
 * @param text the reason, without surrounding blanks
 */
public record OperatorReason(String text) {

    public static final String FIELD = "reason";
    public static final int MAX_LENGTH = 500;
    private static final String EXPECTED = "the body must be a JSON object {\"" + FIELD + "\": \"...\"}";

    public OperatorReason {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(FIELD + " is required and must not be blank");
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
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException(FIELD + " is required: " + EXPECTED);
        }
        JsonNode tree;
        try {
            tree = json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the body is not valid JSON; " + EXPECTED);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException(EXPECTED);
        }
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : tree.entries()) {
            if (!member.getKey().equals(FIELD)) {
                unknown.add(member.getKey());
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown member(s) " + String.join(", ", unknown) + ": " + EXPECTED
                    + " (the operator is the token's subject)");
        }
        JsonNode reason = tree.get(FIELD);
        if (reason == null || reason.isNull()) {
            throw new IllegalArgumentException(FIELD + " is required: " + EXPECTED);
        }
        if (!reason.isString()) {
            throw new IllegalArgumentException(FIELD + " must be a JSON string");
        }
        return new OperatorReason(reason.getStringValue());
    }
}
