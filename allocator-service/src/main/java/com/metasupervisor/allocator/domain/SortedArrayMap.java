package com.metasupervisor.allocator.domain;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable map by agent name in natural order, backed by two arrays. Every evaluation builds one per policy for
 * 10 000 agents; in the key order of the fleet view it costs no comparison (a TreeMap costs log n string comparisons
 * per agent, for every put and get), and two maps of the same fleet share their key array, so the publish rule walks
 * held and target side by side by index.
 */
public final class SortedArrayMap<V> extends AbstractMap<String, V> implements SortedMap<String, V> {

    private static final SortedArrayMap<?> EMPTY = new SortedArrayMap<>(new String[0], new Object[0], 0, 0);

    private final String[] keys;
    private final Object[] values;
    private final int from;
    private final int to;

    private SortedArrayMap(String[] keys, Object[] values, int from, int to) {
        this.keys = keys;
        this.values = values;
        this.from = from;
        this.to = to;
    }

    /** The same map when it is one, else a copy (keys in natural order; null keys or values refused). */
    @SuppressWarnings("unchecked")
    public static <V> SortedArrayMap<V> copyOf(Map<String, ? extends V> map) {
        if (map == null) {
            throw new IllegalArgumentException("map must not be null");
        }
        if (map instanceof SortedArrayMap<?> s) {
            return (SortedArrayMap<V>) s;
        }
        Map<String, ? extends V> sorted = map instanceof SortedMap<String, ? extends V> s && s.comparator() == null ? map : new TreeMap<>(map);
        String[] keys = new String[sorted.size()];
        Object[] values = new Object[sorted.size()];
        int i = 0;
        for (Map.Entry<String, ? extends V> e : sorted.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("null key or value in " + e);
            }
            keys[i] = e.getKey();
            values[i++] = e.getValue();
        }
        return new SortedArrayMap<>(keys, values, 0, keys.length);
    }

    /** Values for the keys of {@code order} (same length, same order): shares its key array. */
    static <V> SortedArrayMap<V> withKeysOf(SortedArrayMap<?> order, Object[] values) {
        if (order.from != 0 || order.to != order.keys.length || values.length != order.keys.length) {
            throw new IllegalArgumentException("values must match the whole key array");
        }
        for (Object v : values) {
            if (v == null) {
                throw new IllegalArgumentException("null value");
            }
        }
        return new SortedArrayMap<>(order.keys, values, 0, values.length);
    }

    /** Keys already sorted and distinct (checked) and their values. */
    static <V> SortedArrayMap<V> ofSorted(String[] keys, Object[] values) {
        for (int i = 1; i < keys.length; i++) {
            if (keys[i - 1].compareTo(keys[i]) >= 0) {
                throw new IllegalArgumentException("keys not sorted and distinct at " + i);
            }
        }
        return withKeysOf(new SortedArrayMap<>(keys, new Object[keys.length], 0, keys.length), values);
    }

    /** Whether both maps have the same keys in the same places (O(1) when they share the key array). */
    boolean sameKeys(SortedArrayMap<?> other) {
        return size() == other.size() && (keys == other.keys && from == other.from
                || Arrays.equals(keys, from, to, other.keys, other.from, other.to));
    }

    /** The keys, in order (a copy unless this map is a whole array). */
    String[] keys() {
        return from == 0 && to == keys.length ? keys : Arrays.copyOfRange(keys, from, to);
    }

    String keyAt(int i) {
        return keys[from + i];
    }

    @SuppressWarnings("unchecked")
    V valueAt(int i) {
        return (V) values[from + i];
    }

    private int indexOf(Object key) {
        return key instanceof String s ? Arrays.binarySearch(keys, from, to, s) : -1;
    }

    @Override
    public int size() {
        return to - from;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        int at = indexOf(key);
        return at >= 0 ? (V) values[at] : null;
    }

    @Override
    public Comparator<? super String> comparator() {
        return null;
    }

    private int insertionPoint(String key) {
        int at = Arrays.binarySearch(keys, from, to, key);
        return at >= 0 ? at : -at - 1;
    }

    @Override
    public SortedMap<String, V> subMap(String fromKey, String toKey) {
        if (fromKey.compareTo(toKey) > 0) {
            throw new IllegalArgumentException("fromKey > toKey");
        }
        return new SortedArrayMap<>(keys, values, insertionPoint(fromKey), insertionPoint(toKey));
    }

    @Override
    public SortedMap<String, V> headMap(String toKey) {
        return new SortedArrayMap<>(keys, values, from, insertionPoint(toKey));
    }

    @Override
    public SortedMap<String, V> tailMap(String fromKey) {
        return new SortedArrayMap<>(keys, values, insertionPoint(fromKey), to);
    }

    @Override
    public String firstKey() {
        if (from == to) {
            throw new NoSuchElementException();
        }
        return keys[from];
    }

    @Override
    public String lastKey() {
        if (from == to) {
            throw new NoSuchElementException();
        }
        return keys[to - 1];
    }

    @Override
    public Set<Entry<String, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, V>> iterator() {
                return new Iterator<>() {
                    private int next = from;

                    @Override
                    public boolean hasNext() {
                        return next < to;
                    }

                    @Override
                    @SuppressWarnings("unchecked")
                    public Entry<String, V> next() {
                        if (next >= to) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys[i], (V) values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return to - from;
            }
        };
    }

    @SuppressWarnings("unchecked")
    static <V> SortedArrayMap<V> empty() {
        return (SortedArrayMap<V>) EMPTY;
    }
}
