package com.metasupervisor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.metasupervisor.schemas.Topic;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * One record of a topic as one line of an export: {@code {"key": ..., "timestamp": "<ISO-8601>", "value": {...}}}, the
 * value in {@link RecordJson}'s mapping, {@code null} for a tombstone. Key, value and timestamp are what a round trip
 * keeps; headers, partition and offset are not (an import writes new ones).
 *
 * @param key       the record's key (null when the record had none)
 * @param timestamp the record's timestamp, epoch millis
 * @param value     the value, null for a tombstone
 */
record TopicRecordLine(String key, long timestamp, SpecificRecord value) {

    private static final Set<String> MEMBERS = Set.of("key", "timestamp", "value");

    ObjectNode toJson() {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("key", key);
        line.put("timestamp", Instant.ofEpochMilli(timestamp).toString());
        line.set("value", value == null ? JsonNodeFactory.instance.nullNode() : RecordJson.toJson(value));
        return line;
    }

    /** The record a line of {@code topic}'s export holds; a problem names its member ({@code value.confidence}). */
    static TopicRecordLine parse(Topic<?> topic, JsonNode line) throws JsonFieldException {
        if (line == null || !line.isObject()) {
            throw new JsonFieldException("", "expected {\"key\": ..., \"timestamp\": ..., \"value\": {...}}, found " + RecordJson.kind(line));
        }
        for (Iterator<String> names = line.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw new JsonFieldException(name, "unknown member (expected key, timestamp, value)");
            }
        }
        JsonNode key = line.get("key");
        if (key == null || !(key.isTextual() || key.isNull())) {
            throw new JsonFieldException("key", key == null ? "missing" : "expected a string or null, found " + RecordJson.kind(key));
        }
        JsonNode timestamp = line.get("timestamp");
        if (timestamp == null) {
            throw new JsonFieldException("timestamp", "missing");
        }
        long millis = RecordJson.epochMillis(timestamp, "timestamp");
        JsonNode value = line.get("value");
        if (value == null) {
            throw new JsonFieldException("value", "missing (null for a tombstone)");
        }
        SpecificRecord record = null;
        if (!value.isNull()) {
            try {
                record = RecordJson.fromJson(topic.valueType(), value);
            } catch (JsonFieldException e) {
                throw e.under("value");
            }
        }
        return new TopicRecordLine(key.isNull() ? null : key.textValue(), millis, record);
    }
}
