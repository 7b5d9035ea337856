package com.metasupervisor.reconciler.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A JSON document read into Jackson's tree model, with every field name each object of it repeats.
 * Jackson keeps one value per name (here the first, as the name was first given); the repeats are
 * kept beside the tree, so every duplicate of every object can be reported, where
 * {@code STRICT_DUPLICATE_DETECTION} would stop at the first. {@code NaN}, {@code Infinity} and
 * {@code -Infinity} are read as numbers; other numbers with a fraction or exponent as exact decimals.
 *
 * @param root       the document, {@link MissingNode} when it has no content
 * @param duplicates per object (by identity), the names it gives more than once
 */
record JsonTree(JsonNode root, Map<JsonNode, Set<String>> duplicates) {

    private static final Object DUPLICATES = DuplicateRecordingDeserializer.class;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            // read as numbers, so the validator reports them as not_finite rather than the body as not JSON
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // exact: 1.772359200E12 is a whole number of milliseconds, 1.0 a whole direction
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .addModule(new SimpleModule("duplicate-fields").addDeserializer(JsonNode.class, new DuplicateRecordingDeserializer()))
            .build();

    JsonTree {
        Objects.requireNonNull(root, "root");
        // identity: two equal objects of one document are different items
        Map<JsonNode, Set<String>> copy = new IdentityHashMap<>();
        duplicates.forEach((object, names) -> copy.put(object, Collections.unmodifiableSet(new LinkedHashSet<>(names))));
        duplicates = Collections.unmodifiableMap(copy);
    }

    /**
     * Reads a whole document.
     *
     * @throws JsonProcessingException when it is not JSON, or has content after its first value
     */
    static JsonTree read(byte[] json) throws IOException {
        Map<JsonNode, Set<String>> duplicates = new IdentityHashMap<>();
        ObjectReader reader = MAPPER.reader().withAttribute(DUPLICATES, duplicates);
        try (JsonParser parser = reader.createParser(json)) {
            JsonNode root = reader.readTree(parser);
            if (root == null) {
                return new JsonTree(MissingNode.getInstance(), duplicates);
            }
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "unexpected content after the "
                        + (root.isArray() ? "array" : root.isObject() ? "object" : "value"));
            }
            return new JsonTree(root, duplicates);
        }
    }

    /** The names {@code object} gives more than once, in the order first repeated; empty for any other node. */
    Set<String> duplicatesOf(JsonNode object) {
        return duplicates.getOrDefault(object, Set.of());
    }

    /** Jackson's tree deserializer, told through its documented hook to keep the first value and note the name. */
    private static final class DuplicateRecordingDeserializer extends JsonNodeDeserializer {

        @Override
        @SuppressWarnings("unchecked")
        protected void _handleDuplicateField(JsonParser p, DeserializationContext ctxt, JsonNodeFactory nodeFactory,
                                             String fieldName, ObjectNode objectNode, JsonNode oldValue, JsonNode newValue) {
            ((Map<JsonNode, Set<String>>) ctxt.getAttribute(DUPLICATES))
                    .computeIfAbsent(objectNode, o -> new LinkedHashSet<>()).add(fieldName);
            objectNode.set(fieldName, oldValue);
        }
    }
}
