package com.metasupervisor.allocator.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable map of named multipliers (or components) in the order they apply, backed by two arrays: an
 * evaluation of 10 000 agents builds one per agent and policy, so no hash table nor boxed value is made until read.
 */
public final class Factors extends AbstractMap<String, Double> {

    private static final Factors EMPTY = new Factors(new String[0], new double[0]);

    private final String[] names;
    private final double[] values;

    private Factors(String[] names, double[] values) {
        this.names = names;
        this.values = values;
    }

    public static Factors of() {
        return EMPTY;
    }

    public static Factors of(String n1, double v1, String n2, double v2, String n3, double v3, String n4, double v4) {
        return new Factors(new String[] {n1, n2, n3, n4}, new double[] {v1, v2, v3, v4});
    }

    public static Factors of(String n1, double v1, String n2, double v2, String n3, double v3, String n4, double v4,
            String n5, double v5) {
        return new Factors(new String[] {n1, n2, n3, n4, n5}, new double[] {v1, v2, v3, v4, v5});
    }

    /** The same map when it already is one, else a copy in the map's iteration order (null values refused). */
    public static Factors copyOf(Map<String, Double> map) {
        ArgChecker.notNull(map, "multipliers");
        if (map instanceof Factors f) {
            return f;
        }
        String[] names = new String[map.size()];
        double[] values = new double[map.size()];
        int i = 0;
        for (Map.Entry<String, Double> e : map.entrySet()) {
            names[i] = ArgChecker.notNull(e.getKey(), "multiplier name");
            values[i++] = ArgChecker.notNull(e.getValue(), "multiplier " + e.getKey());
        }
        return new Factors(names, values);
    }

    /** These factors and then {@code name} = {@code value}, for a name the caller knows is not among them (no search). */
    Factors append(String name, double value) {
        String[] n = Arrays.copyOf(names, names.length + 1);
        double[] v = Arrays.copyOf(values, values.length + 1);
        n[names.length] = name;
        v[values.length] = value;
        return new Factors(n, v);
    }

    /** These factors and then two more, for names the caller knows are not among them. */
    Factors append(String name1, double value1, String name2, double value2) {
        int n = names.length;
        String[] names2 = Arrays.copyOf(names, n + 2);
        double[] values2 = Arrays.copyOf(values, n + 2);
        names2[n] = name1;
        values2[n] = value1;
        names2[n + 1] = name2;
        values2[n + 1] = value2;
        return new Factors(names2, values2);
    }

    public String name(int i) {
        return names[i];
    }

    public double value(int i) {
        return values[i];
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Double get(Object key) {
        int at = indexOf(key);
        return at < 0 ? null : values[at];
    }

    private int indexOf(Object key) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Entry<String, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Double>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Entry<String, Double> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return names.length;
            }
        };
    }
}
