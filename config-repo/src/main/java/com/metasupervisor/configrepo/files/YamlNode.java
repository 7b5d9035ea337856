package com.metasupervisor.configrepo.files;

import com.fasterxml.jackson.core.JsonToken;

import java.util.List;

/** A YAML node with the line it starts on, so every problem can name its line. */
sealed interface YamlNode {
    int line();

    /** What a person would call this node in a message. */
    String kind();

    record Mapping(int line, List<Entry> entries) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** A key of a mapping, with the key's own line. */
    record Entry(String key, int line, YamlNode value) {
    }

    record Sequence(int line, List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A scalar as the YAML parser typed it; {@code text} is null for a YAML null. */
    record Scalar(int line, JsonToken token, String text) implements YamlNode {
        @Override
        public String kind() {
            return switch (token) {
                case VALUE_NULL -> "null";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                default -> "a string";
            };
        }
    }
}
