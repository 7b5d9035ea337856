package com.metasupervisor.configrepo.files;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads YAML text into {@link YamlNode}s that keep their lines (Jackson's streaming parser and its
 * {@link JsonLocation}s; a databind tree would lose them). Keys are kept in file order, duplicates included, so the
 * file's reader can report them.
 */
final class LocatedYamlReader {
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private LocatedYamlReader() {
    }

    /** The document's root node; empty for an empty document or when the YAML is malformed (then reported). */
    static Optional<YamlNode> read(String content, FileProblems problems) {
        try (JsonParser parser = FACTORY.createParser(content)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Optional.empty();
            }
            YamlNode root = node(parser, "", problems);
            if (parser.nextToken() != null) {
                problems.add(line(parser.currentTokenLocation()), "", "more than one YAML document; expected one");
                return Optional.empty();
            }
            return Optional.of(root);
        } catch (JacksonException e) {
            // SnakeYAML's message goes on with a snippet over several lines; one line with the column reads better in a log
            String message = e.getOriginalMessage().strip().lines().findFirst().orElse("malformed");
            JsonLocation at = e.getLocation();
            problems.add(line(at), "", "invalid YAML: " + message + (at != null && at.getColumnNr() > 0 ? " (column " + at.getColumnNr() + ")" : ""));
            return Optional.empty();
        } catch (IOException e) {
            problems.add(0, "", "cannot read: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static YamlNode node(JsonParser parser, String path, FileProblems problems) throws IOException {
        int line = line(parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            // Jackson reads an alias (*name) as the plain string "name": that would be wrong data, silently
            problems.add(line, path, "aliases (*" + parser.getText() + ") are not supported; write the value out");
        }
        switch (token) {
            case START_OBJECT -> {
                List<YamlNode.Entry> entries = new ArrayList<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = line(parser.currentTokenLocation());
                    parser.nextToken();
                    entries.add(new YamlNode.Entry(key, keyLine, node(parser, MappingFields.child(path, key), problems)));
                }
                return new YamlNode.Mapping(line, entries);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(node(parser, path + "[" + items.size() + "]", problems));
                }
                return new YamlNode.Sequence(line, items);
            }
            case VALUE_NULL -> {
                return new YamlNode.Scalar(line, token, null);
            }
            default -> {
                return new YamlNode.Scalar(line, token, parser.getText());
            }
        }
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : Math.max(location.getLineNr(), 0);
    }
}
