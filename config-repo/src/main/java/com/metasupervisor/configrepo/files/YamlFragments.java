package com.metasupervisor.configrepo.files;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * YAML text for the values an edit adds, written by Jackson (SnakeYAML's emitter), never by concatenating names: a
 * name with quotes, ": ", '#', line breaks or any Unicode character comes out quoted and escaped as YAML requires.
 * Lines are never split, so an added value is one line wherever it goes.
 */
final class YamlFragments {
    /** Quotes only what needs quoting: what a person would write in block style. */
    private static final ObjectMapper BLOCK = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());
    /** Double-quotes every string: safe inside a flow collection, where a plain ',' '{' or ']' would end the value. */
    private static final ObjectMapper QUOTED = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private YamlFragments() {
    }

    /**
     * A string as a one-line scalar for a block context: as Jackson minimises its quotes when that reads back the same
     * on one line (Jackson leaves some line breaks, such as U+2028, unquoted, or writes a literal block), double-quoted
     * otherwise.
     */
    static String blockScalar(String value) {
        String minimal = write(BLOCK, value).strip();
        if (minimal.chars().noneMatch(YamlFragments::isLineBreak) && value.equals(read(minimal))) {
            return minimal;
        }
        return quotedScalar(value);
    }

    /** {@code fields} as the lines of a block mapping, each key and value written by {@link #blockScalar}. */
    static List<String> blockMappingLines(Map<String, String> fields) {
        return fields.entrySet().stream().map(field -> blockScalar(field.getKey()) + ": " + blockScalar(field.getValue())).toList();
    }

    /** A YAML 1.1 line break (SnakeYAML's): a plain scalar holding one would go on over two lines. */
    private static boolean isLineBreak(int c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** The string a scalar reads back as; null when it is not one string (a number, a boolean, null, not YAML). */
    private static String read(String scalar) {
        try (JsonParser parser = BLOCK.getFactory().createParser(scalar)) {
            if (parser.nextToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            String text = parser.getText();
            return parser.nextToken() == null ? text : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A string as a double-quoted scalar, valid in flow and block context alike. */
    static String quotedScalar(String value) {
        String scalar = oneLine(write(QUOTED, value));
        if (!scalar.startsWith("\"")) {
            throw new IllegalStateException("Jackson did not double-quote a string");
        }
        return scalar;
    }

    /**
     * A status constant written the way the person quoted {@code original} (plain, 'single' or "double"); only for
     * constants such as LIVE or DISABLED, which read the same in all three.
     */
    static String inStyleOf(String original, String replacement) {
        if (!replacement.matches("[A-Z][A-Z_]*")) {
            throw new IllegalArgumentException("not a status constant: " + replacement);
        }
        if (original.startsWith("\"")) {
            return "\"" + replacement + "\"";
        }
        if (original.startsWith("'")) {
            return "'" + replacement + "'";
        }
        return replacement;
    }

    private static String oneLine(String yaml) {
        String scalar = yaml.strip();
        if (scalar.chars().anyMatch(YamlFragments::isLineBreak)) {
            throw new IllegalStateException("Jackson wrote a scalar over more than one line");
        }
        return scalar;
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
