package com.metasupervisor.schemas;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;

/**
 * Apicurio's datum provider keys its writer and reader caches by a schema fingerprint that it
 * recomputes (canonical form and all) on every record: the top frame of a reconciler profile. The
 * schemas it is handed are the same few objects each time (generated classes, the registry
 * client's cache), so this caches by object identity first and asks the default only on a miss.
 */
public class IdentityCachedDatumProvider<T> extends DefaultAvroDatumProvider<T> {

    private static final int MAX_SCHEMAS = 1_000;

    private final Map<IdentityKey, DatumWriter<T>> writers = new ConcurrentHashMap<>();
    private final Map<IdentityKey, DatumReader<T>> readers = new ConcurrentHashMap<>();

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        IdentityKey key = new IdentityKey(schema, data == null ? null : data.getClass());
        DatumWriter<T> writer = writers.get(key);
        if (writer == null) {
            writer = super.createDatumWriter(data, schema);
            if (writers.size() < MAX_SCHEMAS) {
                writers.put(key, writer);
            }
        }
        return writer;
    }

    @Override
    public DatumReader<T> createDatumReader(Schema schema) {
        IdentityKey key = new IdentityKey(schema, null);
        DatumReader<T> reader = readers.get(key);
        if (reader == null) {
            reader = super.createDatumReader(schema);
            if (readers.size() < MAX_SCHEMAS) {
                readers.put(key, reader);
            }
        }
        return reader;
    }

    /** A schema object (by identity) and the class of the data written with it. */
    private record IdentityKey(Schema schema, Class<?> dataType) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityKey other && other.schema == schema && other.dataType == dataType;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema) * 31 + System.identityHashCode(dataType);
        }
    }
}
