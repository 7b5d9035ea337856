package com.metasupervisor.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DecodedWindowsTest {

    private final AtomicInteger decodes = new AtomicInteger();
    private KeyValueStore<String, byte[]> store;
    private DecodedWindows<StringBuilder> windows;

    @BeforeEach
    void store() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("windows"), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        windows = new DecodedWindows<>(store, bytes -> {
            decodes.incrementAndGet();
            return new StringBuilder(new String(bytes, StandardCharsets.UTF_8));
        }, w -> w.toString().getBytes(StandardCharsets.UTF_8), StringBuilder::new);
    }

    @Test
    void aWindowIsDecodedOnceAndEveryChangeReachesTheStoreAsBytes() {
        store.put("k", bytes("ab"));

        windows.put("k", windows.get("k").append("c"));
        windows.put("k", windows.get("k").append("d"));

        assertThat(decodes).hasValue(1);
        assertThat(store.get("k")).isEqualTo(bytes("abcd"));
        assertThat(windows.get("new")).as("a key the store lacks starts empty").hasToString("");
        assertThat(windows.keys()).containsExactly("k");
    }

    @Test
    void aChangeThatFailsIsDroppedAndTheStoreIsReadAgain() {
        store.put("k", bytes("ab"));
        assertThatThrownBy(() -> windows.changing("k", () -> {
            windows.get("k").append("half-done");
            throw new IllegalStateException("bad record");
        })).hasMessage("bad record");

        assertThat(windows.get("k")).hasToString("ab");
        assertThat(decodes).hasValue(2);
    }

    @Test
    void deleteAndClear() {
        windows.put("k", new StringBuilder("x"));
        windows.delete("k");
        assertThat(store.get("k")).isNull();
        assertThat(windows.keys()).isEmpty();

        store.put("j", bytes("y"));
        windows.get("j");
        store.put("j", bytes("restored")); // e.g. the task's state was wiped and restored while closed
        windows.clear();
        assertThat(windows.get("j")).hasToString("restored");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
