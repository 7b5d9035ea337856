package com.metasupervisor.streams.topology;

import com.metasupervisor.streams.check.ArgChecker;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Publish on change: keeps the record last published per key in a store and tells whether a new one differs
 * from it in anything but the fields that only say when it was made ({@code updated_at}). A refresh or a
 * replay that changes no figure then publishes nothing, and a compacted output topic gets one record per change.
 *
 * <pre>{@code
 * published = PublishOnChange.ignoringUpdatedAt(context.getStateStore(PUBLISHED), AgentStats.getClassSchema());
 * if (published.changed(agent, stats)) {
 *     context.forward(new Record<>(agent, stats, asOf));
 * }
 * }</pre>
 *
 * @param <V> an Avro record type
 */
public final class PublishOnChange<V extends SpecificRecord> {

    /** The field every published figure record carries to say when it was made (SPEC). */
    public static final String UPDATED_AT = "updated_at";

    private final KeyValueStore<String, V> published;
    private final int[] ignored;

    private PublishOnChange(KeyValueStore<String, V> published, Schema schema, String... ignoredFields) {
        this.published = ArgChecker.notNull(published, "published");
        ArgChecker.notNull(schema, "schema");
        this.ignored = Arrays.stream(ignoredFields).mapToInt(name -> {
            Schema.Field field = schema.getField(name);
            ArgChecker.isTrue(field != null, schema.getFullName() + " has no field " + name + " to ignore");
            return field.pos();
        }).toArray();
    }

    /** Changes of a record of {@code schema} (which must have {@code updated_at}), last ones kept in {@code published}. */
    public static <V extends SpecificRecord> PublishOnChange<V> ignoringUpdatedAt(KeyValueStore<String, V> published, Schema schema) {
        return new PublishOnChange<>(published, schema, UPDATED_AT);
    }

    /** The same, ignoring the given fields (each must be a field of {@code schema}). */
    public static <V extends SpecificRecord> PublishOnChange<V> ignoring(KeyValueStore<String, V> published, Schema schema,
                                                                        String... fields) {
        return new PublishOnChange<>(published, schema, fields);
    }

    /** The record last published for the key; null if none is (or it was withdrawn). */
    public V last(String key) {
        return published.get(key);
    }

    /**
     * Whether {@code value} differs from the key's last published record but for the ignored fields; if it
     * does, it is kept as the last one: publish it.
     */
    public boolean changed(String key, V value) {
        ArgChecker.notNull(value, "value");
        if (sameButIgnored(published.get(key), value)) {
            return false;
        }
        published.put(key, value);
        return true;
    }

    /** Forgets the key's last record; true when there was one, so a tombstone is to be published. */
    public boolean withdraw(String key) {
        if (published.get(key) == null) {
            return false;
        }
        published.delete(key);
        return true;
    }

    /** Equal in every field but the ignored ones; null (nothing published) differs from every record. */
    public boolean sameButIgnored(V before, V now) {
        if (before == null || now == null) {
            return before == now;
        }
        // a copy of before with now's ignored fields, compared with Avro's own record equality; the record
        // class's own model knows its logical-type conversions (an Instant timestamp)
        V copy = SpecificData.getForClass(before.getClass()).deepCopy(before.getSchema(), before);
        for (int pos : ignored) {
            copy.put(pos, now.get(pos));
        }
        return copy.equals(now);
    }
}
