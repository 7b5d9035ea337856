package com.metasupervisor.allocator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SortedArrayMapTest {

    private static final TreeMap<String, Integer> TREE = new TreeMap<>(Map.of("b", 2, "d", 4, "a", 1, "c", 3));

    @Test
    void behavesLikeTheTreeMapItCopies() {
        SortedArrayMap<Integer> m = SortedArrayMap.copyOf(new HashMap<>(TREE));
        assertThat(m).isEqualTo(TREE).hasSameHashCodeAs(TREE);
        assertThat(m.keySet()).containsExactly("a", "b", "c", "d");
        assertThat(m.get("c")).isEqualTo(3);
        assertThat(m.get("x")).isNull();
        assertThat(m.get(7)).isNull();
        assertThat(m.containsKey("a")).isTrue();
        assertThat(m.firstKey()).isEqualTo("a");
        assertThat(m.lastKey()).isEqualTo("d");
        assertThat(m.subMap("b", "d")).isEqualTo(TREE.subMap("b", "d"));
        assertThat(m.headMap("c")).isEqualTo(TREE.headMap("c"));
        assertThat(m.tailMap("bb")).isEqualTo(TREE.tailMap("bb"));
        assertThat(m.tailMap("bb").get("b")).isNull();
        assertThat(m.comparator()).isNull();
        assertThat(SortedArrayMap.copyOf(m)).isSameAs(m);
    }

    @Test
    void isImmutableAndRefusesNullsAndUnsortedKeys() {
        SortedArrayMap<Integer> m = SortedArrayMap.copyOf(TREE);
        assertThatThrownBy(() -> m.put("e", 5)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.entrySet().iterator().next().setValue(9)).isInstanceOf(UnsupportedOperationException.class);
        Map<String, Integer> withNull = new HashMap<>();
        withNull.put("a", null);
        assertThatThrownBy(() -> SortedArrayMap.copyOf(withNull)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SortedArrayMap.ofSorted(new String[] {"b", "a"}, new Object[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SortedArrayMap.copyOf(Map.of()).firstKey()).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void twoMapsOfTheSameFleetShareTheirKeys() {
        SortedArrayMap<Integer> m = SortedArrayMap.copyOf(TREE);
        SortedArrayMap<String> n = SortedArrayMap.withKeysOf(m, new Object[] {"1", "2", "3", "4"});
        assertThat(n.sameKeys(m)).isTrue();
        assertThat(n.get("d")).isEqualTo("4");
        assertThat(SortedArrayMap.copyOf(Map.of("a", 1)).sameKeys(m)).isFalse();
    }
}
