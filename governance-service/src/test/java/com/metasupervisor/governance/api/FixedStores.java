package com.metasupervisor.governance.api;

import com.metasupervisor.streams.query.InteractiveQueries;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The governor's stores as the REST API reads them, held in sorted maps a test fills with the records the governor
 * would write (same names, String keys in store order), so every GET can be walked without a broker. The service's
 * own KafkaStreams exists but is never asked. Test-only, enabled by {@value #ENABLED}.
 */
@Singleton
@Requires(property = FixedStores.ENABLED)
@Replaces(InteractiveQueries.class)
public class FixedStores extends InteractiveQueries {

    public static final String ENABLED = "test.governance.fixed-stores";

    private final Map<String, NavigableMap<String, Object>> stores = new ConcurrentHashMap<>();

    FixedStores(KafkaStreams streams) {
        super(streams, ""); // no application.server: one instance
    }

    /** Puts {@code value} under {@code key} in store {@code name}. */
    public void put(String name, String key, Object value) {
        stores.computeIfAbsent(name, n -> new TreeMap<>()).put(key, value);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> ReadOnlyKeyValueStore<String, V> localStore(String name) {
        return new SortedStore<>((NavigableMap<String, V>) (NavigableMap<String, ?>) stores.computeIfAbsent(name, n -> new TreeMap<>()));
    }

    private record SortedStore<V>(NavigableMap<String, V> map) implements ReadOnlyKeyValueStore<String, V> {

        @Override
        public V get(String key) {
            return map.get(key);
        }

        @Override
        public KeyValueIterator<String, V> range(String from, String to) {
            return iterator(map.subMap(from, true, to, true));
        }

        @Override
        public KeyValueIterator<String, V> reverseRange(String from, String to) {
            return iterator(map.subMap(from, true, to, true).descendingMap());
        }

        @Override
        public KeyValueIterator<String, V> all() {
            return iterator(map);
        }

        @Override
        public KeyValueIterator<String, V> reverseAll() {
            return iterator(map.descendingMap());
        }

        @Override
        public long approximateNumEntries() {
            return map.size();
        }

        private static <V> KeyValueIterator<String, V> iterator(NavigableMap<String, V> view) {
            List<Map.Entry<String, V>> snapshot = new ArrayList<>(view.entrySet()); // a store iterator does not see later writes
            return new KeyValueIterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < snapshot.size();
                }

                @Override
                public KeyValue<String, V> next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Map.Entry<String, V> e = snapshot.get(next++);
                    return KeyValue.pair(e.getKey(), e.getValue());
                }

                @Override
                public String peekNextKey() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return snapshot.get(next).getKey();
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
