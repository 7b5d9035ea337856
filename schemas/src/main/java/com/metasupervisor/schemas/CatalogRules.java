package com.metasupervisor.schemas;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks the entries of the service catalog share; messages start with the entry's name. */
final class CatalogRules {

    private static final Pattern PARTY_NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private CatalogRules() {
    }

    /** A party's name: lower case words joined by hyphens (a service's is its module directory too). */
    static String name(String name) {
        if (name == null || !PARTY_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be lower case words joined by hyphens (e.g. risk-service), was "
                    + (name == null ? "missing" : "'" + name + "'"));
        }
        return name;
    }

    /** A value the entry {@code owner} must have. */
    static <T> T required(String owner, String key, T value) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new IllegalArgumentException(owner + ": " + key + " is required");
        }
        return value;
    }

    /** An immutable copy of {@code topics}, each named once ({@code key} is reads or writes). */
    static List<TopicRef> topics(String owner, String key, List<TopicRef> topics) {
        List<TopicRef> copy = List.copyOf(Objects.requireNonNullElse(topics, List.of()));
        Set<String> seen = new HashSet<>();
        for (TopicRef topic : copy) {
            if (!seen.add(topic.name())) {
                throw new IllegalArgumentException(owner + ": " + key + " names " + topic.name() + " twice");
            }
        }
        return copy;
    }

    /** A party in the catalog reads or writes something. */
    static void usesATopic(String owner, List<TopicRef> reads, List<TopicRef> writes) {
        if (reads.isEmpty() && writes.isEmpty()) {
            throw new IllegalArgumentException(owner + ": reads and writes no topic (nothing for the catalog to say about it)");
        }
    }
}
