package com.metasupervisor.schemas;

import java.util.Objects;

/**
 * A topic as the service catalog names it: a catalog topic ({@link Topics}), or its dead-letter topic
 * ({@code <topic>.dlq}), which services read like any other input.
 *
 * @param topic      the catalog topic
 * @param deadLetter whether this is its dead-letter topic
 */
public record TopicRef(Topic<?> topic, boolean deadLetter) {

    public TopicRef {
        Objects.requireNonNull(topic, "topic");
    }

    /** The topic itself. */
    public static TopicRef of(Topic<?> topic) {
        return new TopicRef(topic, false);
    }

    /** The dead-letter topic of {@code topic}. */
    public static TopicRef deadLetterOf(Topic<?> topic) {
        return new TopicRef(topic, true);
    }

    /**
     * The reference called {@code name}: a catalog topic, or {@code <catalog topic>.dlq}.
     *
     * @throws IllegalArgumentException when {@code name} is neither
     */
    public static TopicRef parse(String name) {
        Objects.requireNonNull(name, "name");
        var topic = Topics.byName(name);
        if (topic.isPresent()) {
            return of(topic.get());
        }
        if (name.endsWith(Topic.DEAD_LETTER_SUFFIX)) {
            var source = Topics.byName(name.substring(0, name.length() - Topic.DEAD_LETTER_SUFFIX.length()));
            if (source.isPresent()) {
                return deadLetterOf(source.get());
            }
        }
        throw new IllegalArgumentException("'" + name + "' is neither a catalog topic (Topics) nor the dead-letter topic of one");
    }

    /** The Kafka topic name. */
    public String name() {
        return deadLetter ? topic.deadLetterTopic() : topic.name();
    }

    @Override
    public String toString() {
        return name();
    }
}
