package com.metasupervisor.reconciler.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * A window store for a processor unit test under {@code MockProcessorContext}, whose context Kafka's own window
 * stores refuse ("requires internal features"): the price history as the matcher uses it, put and fetch by key
 * and time, no retention. Everything else is unsupported.
 */
final class SortedWindowStore<V> implements WindowStore<String, V> {

    private final String name;
    private final Map<String, TreeMap<Long, List<V>>> byKey = new TreeMap<>();

    SortedWindowStore(String name) {
        this.name = name;
    }

    @Override
    public void put(String key, V value, long windowStartTimestamp) {
        byKey.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(windowStartTimestamp, t -> new ArrayList<>()).add(value);
    }

    @Override
    public WindowStoreIterator<V> fetch(String key, long timeFrom, long timeTo) {
        List<KeyValue<Long, V>> found = new ArrayList<>();
        byKey.getOrDefault(key, new TreeMap<>()).subMap(timeFrom, true, timeTo, true)
                .forEach((at, values) -> values.forEach(v -> found.add(KeyValue.pair(at, v))));
        var it = found.iterator();
        return new WindowStoreIterator<>() {
            @Override
            public void close() {
            }

            @Override
            public Long peekNextKey() {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public KeyValue<Long, V> next() {
                return it.next();
            }
        };
    }

    @Override
    public WindowStoreIterator<V> fetch(String key, Instant timeFrom, Instant timeTo) {
        return fetch(key, timeFrom.toEpochMilli(), timeTo.toEpochMilli());
    }

    @Override
    public V fetch(String key, long time) {
        throw new UnsupportedOperationException();
    }

    @Override
    public KeyValueIterator<Windowed<String>, V> fetch(String keyFrom, String keyTo, long timeFrom, long timeTo) {
        throw new UnsupportedOperationException();
    }

    @Override
    public KeyValueIterator<Windowed<String>, V> fetch(String keyFrom, String keyTo, Instant timeFrom, Instant timeTo) {
        throw new UnsupportedOperationException();
    }

    @Override
    public KeyValueIterator<Windowed<String>, V> fetchAll(long timeFrom, long timeTo) {
        throw new UnsupportedOperationException();
    }

    @Override
    public KeyValueIterator<Windowed<String>, V> fetchAll(Instant timeFrom, Instant timeTo) {
        throw new UnsupportedOperationException();
    }

    @Override
    public KeyValueIterator<Windowed<String>, V> all() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return true;
    }
}
