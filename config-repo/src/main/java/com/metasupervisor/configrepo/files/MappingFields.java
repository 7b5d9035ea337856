package com.metasupervisor.configrepo.files;

import com.fasterxml.jackson.core.JsonToken;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The keys of one YAML mapping, read by name with their types checked; a duplicate or unknown key, a missing required
 * key and a wrong type each become a problem naming the key's path and line.
 */
final class MappingFields {
    private final String path;
    private final int line;
    private final Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
    private final FileProblems problems;

    private MappingFields(String path, int line, FileProblems problems) {
        this.path = path;
        this.line = line;
        this.problems = problems;
    }

    /** Reads {@code mapping} at {@code path}, reporting duplicate keys and keys not in {@code allowed} (null: any). */
    static MappingFields of(YamlNode.Mapping mapping, String path, Set<String> allowed, FileProblems problems) {
        return of(mapping, path, allowed, problems, mapping.line());
    }

    /**
     * As {@link #of(YamlNode.Mapping, String, Set, FileProblems)}, where a missing key is reported at {@code ownerLine}:
     * the line of the key holding this mapping (a block mapping itself starts at its first key's line).
     */
    static MappingFields of(YamlNode.Mapping mapping, String path, Set<String> allowed, FileProblems problems, int ownerLine) {
        MappingFields fields = new MappingFields(path, ownerLine, problems);
        for (YamlNode.Entry entry : mapping.entries()) {
            String keyPath = child(path, entry.key());
            YamlNode.Entry first = fields.entries.get(entry.key());
            if (first != null) {
                problems.add(entry.line(), keyPath, "duplicate key (first at line " + first.line() + ")");
            } else if (allowed != null && !allowed.contains(entry.key())) {
                problems.add(entry.line(), keyPath, "unknown key (expected one of " + String.join(", ", allowed) + ")");
            } else {
                fields.entries.put(entry.key(), entry);
            }
        }
        return fields;
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    String path() {
        return path;
    }

    int line() {
        return line;
    }

    Map<String, YamlNode.Entry> entries() {
        return entries;
    }

    /** The node under {@code key}; a missing required key is reported at the mapping's line. */
    Optional<YamlNode> node(String key, boolean required) {
        YamlNode.Entry entry = entries.get(key);
        if (entry == null) {
            if (required) {
                problems.add(line, child(path, key), "missing required key");
            }
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    /** A non-blank string. */
    Optional<String> string(String key, boolean required) {
        return node(key, required).flatMap(node -> {
            if (node instanceof YamlNode.Scalar scalar && scalar.token() == JsonToken.VALUE_STRING) {
                if (scalar.text().isBlank()) {
                    problems.add(node.line(), child(path, key), "must not be blank");
                    return Optional.empty();
                }
                return Optional.of(scalar.text());
            }
            problems.add(node.line(), child(path, key), "expected a string, found " + node.kind());
            return Optional.empty();
        });
    }

    /** A finite number (an int or a float in the YAML, not a quoted string). */
    OptionalDouble number(String key, boolean required) {
        Optional<YamlNode> found = node(key, required);
        if (found.isEmpty()) {
            return OptionalDouble.empty();
        }
        YamlNode node = found.get();
        if (node instanceof YamlNode.Scalar scalar
                && (scalar.token() == JsonToken.VALUE_NUMBER_INT || scalar.token() == JsonToken.VALUE_NUMBER_FLOAT)) {
            try {
                double value = Double.parseDouble(scalar.text());
                if (Double.isFinite(value)) {
                    return OptionalDouble.of(value);
                }
            } catch (NumberFormatException e) {
                // reported below with the others
            }
            problems.add(node.line(), child(path, key), "expected a finite number, found '" + scalar.text() + "'");
            return OptionalDouble.empty();
        }
        problems.add(node.line(), child(path, key), "expected a number, found " + node.kind());
        return OptionalDouble.empty();
    }

    /** One of {@code type}'s constants, spelled exactly. */
    <E extends Enum<E>> Optional<E> constant(String key, boolean required, Class<E> type, String what) {
        return node(key, required).flatMap(node -> {
            String names = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            if (!(node instanceof YamlNode.Scalar scalar) || scalar.token() != JsonToken.VALUE_STRING) {
                problems.add(node.line(), child(path, key), "expected a " + what + " (" + names + "), found " + node.kind());
                return Optional.empty();
            }
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(scalar.text())) {
                    return Optional.of(constant);
                }
            }
            problems.add(node.line(), child(path, key), "unknown " + what + " '" + scalar.text() + "' (" + names + ")");
            return Optional.empty();
        });
    }

    /** Reports {@code message} at {@code key}'s line. */
    void problem(String key, String message) {
        YamlNode.Entry entry = entries.get(key);
        problems.add(entry == null ? line : entry.value().line(), child(path, key), message);
    }
}
