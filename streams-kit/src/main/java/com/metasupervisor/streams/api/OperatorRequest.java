package com.metasupervisor.streams.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON object an operator posts to a service's {@code /ops/...} endpoint (governance's kill and disable, the
 * allocator's guardian and regime): only the members the endpoint names, each checked for its type, every problem an
 * IllegalArgumentException whose message names the member (the endpoint answers it as a 400 problem). Who acts is never
 * taken from the body (the token's subject is), so a body naming anything else is refused rather than ignored.
 *
 * @param members the body's members by name
 */
public record OperatorRequest(Map<String, JsonNode> members) {

    public OperatorRequest {
        members = Map.copyOf(members);
    }

    /**
     * The object {@code body} holds.
     *
     * @param expected what the body should look like, for messages, e.g. {@code {"paused": true, "reason": "..."}}
     * @param allowed  the members the endpoint takes
     * @throws IllegalArgumentException saying what is wrong and naming the member
     */
    public static OperatorRequest read(JsonMapper json, @Nullable String body, String expected, Set<String> allowed) {
        String shape = "the body must be a JSON object " + expected;
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("the body is empty: " + shape);
        }
        JsonNode tree;
        try {
            tree = json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the body is not valid JSON; " + shape);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException(shape);
        }
        Map<String, JsonNode> members = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> member : tree.entries()) {
            members.put(member.getKey(), member.getValue());
        }
        List<String> unknown = members.keySet().stream().filter(name -> !allowed.contains(name)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown member(s) " + String.join(", ", unknown) + ": " + shape
                    + " (the operator is the token's subject)");
        }
        return new OperatorRequest(members);
    }

    /** The string member {@code name}: required, not blank, at most {@code maxLength} characters once stripped. */
    public String requiredString(String name, int maxLength) {
        JsonNode value = members.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (!value.isString()) {
            throw new IllegalArgumentException(name + " must be a JSON string");
        }
        String text = value.getStringValue().strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        if (text.length() > maxLength) {
            throw new IllegalArgumentException(name + " must be at most " + maxLength + " characters, was " + text.length());
        }
        return text;
    }

    /** The boolean member {@code name}: required. */
    public boolean requiredBoolean(String name) {
        JsonNode value = members.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(name + " is required (true or false)");
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(name + " must be true or false");
        }
        return value.getBooleanValue();
    }

    /** The number member {@code name}, or null when absent or null. */
    @Nullable
    public Double optionalNumber(String name) {
        JsonNode value = members.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException(name + " must be a number");
        }
        return value.getNumberValue().doubleValue();
    }
}
