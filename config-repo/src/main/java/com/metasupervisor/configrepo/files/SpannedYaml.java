package com.metasupervisor.configrepo.files;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A YAML document's nodes with where they sit in the text (char offsets into the Java string), so an edit can replace
 * one scalar or insert after one node and leave every other byte as the person wrote it. Only read after the file's
 * own parser accepted the text, so malformed YAML here is a bug, not a user error.
 */
final class SpannedYaml {
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private SpannedYaml() {
    }

    /**
     * A node: {@code start} is where it begins (a flow collection's bracket, a block mapping's first key, a scalar's
     * first char or quote), {@code contentEnd} is just after its last character of content (for a block collection,
     * its last child's content end: a block collection's own end mark lies past trailing comments), {@code column}
     * is the 0-based column of {@code start} in code points.
     */
    sealed interface Node {
        int start();

        int contentEnd();

        int column();
    }

    record Mapping(int start, int contentEnd, int column, boolean flow, List<Entry> entries) implements Node {
        Mapping {
            entries = List.copyOf(entries);
        }

        Optional<Entry> entry(String key) {
            return entries.stream().filter(entry -> entry.key().equals(key)).findFirst();
        }
    }

    /** A mapping's key: its offset and 0-based column, and its value. */
    record Entry(String key, int keyStart, int keyColumn, Node value) {
    }

    record Sequence(int start, int contentEnd, int column, boolean flow, List<Node> items) implements Node {
        Sequence {
            items = List.copyOf(items);
        }
    }

    /** A scalar; {@code text} is null for a YAML null (then {@code start == contentEnd} when nothing was written). */
    record Scalar(int start, int contentEnd, int column, String text) implements Node {
    }

    /** The root node; empty for a document with no node (an empty file, only comments). */
    static Optional<Node> read(String content) {
        try (JsonParser parser = FACTORY.createParser(content)) {
            if (parser.nextToken() == null) {
                return Optional.empty();
            }
            return Optional.of(node(parser, content));
        } catch (IOException e) {
            throw new UncheckedIOException("YAML accepted by the file's parser could not be read again", e);
        }
    }

    private static Node node(JsonParser parser, String content) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        int start = charOffset(content, at);
        int column = at.getColumnNr() - 1;
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                boolean flow = start < content.length() && content.charAt(start) == '{';
                List<Entry> entries = new ArrayList<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    JsonLocation keyAt = parser.currentTokenLocation();
                    parser.nextToken();
                    entries.add(new Entry(key, charOffset(content, keyAt), keyAt.getColumnNr() - 1, node(parser, content)));
                }
                int end = flow || entries.isEmpty() ? charOffset(content, parser.currentLocation()) : entries.getLast().value().contentEnd();
                return new Mapping(start, end, column, flow, entries);
            }
            case START_ARRAY -> {
                boolean flow = start < content.length() && content.charAt(start) == '[';
                List<Node> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(node(parser, content));
                }
                int end = flow || items.isEmpty() ? charOffset(content, parser.currentLocation()) : items.getLast().contentEnd();
                return new Sequence(start, end, column, flow, items);
            }
            case VALUE_NULL -> {
                return new Scalar(start, charOffset(content, parser.currentLocation()), column, null);
            }
            default -> {
                int end = charOffset(content, parser.currentLocation());
                while (end > start && (content.charAt(end - 1) == '\n' || content.charAt(end - 1) == '\r')) {
                    end--; // a block scalar (| or >) ends after its line break; its content ends before
                }
                return new Scalar(start, end, column, parser.getText());
            }
        }
    }

    /** SnakeYAML counts code points; a Java string counts chars (a character outside the BMP is two). */
    private static int charOffset(String content, JsonLocation location) {
        long codePoints = location.getCharOffset();
        if (codePoints < 0) {
            throw new IllegalStateException("the YAML parser gave no offset");
        }
        return content.offsetByCodePoints(0, (int) codePoints);
    }
}
