package com.metasupervisor.risk.topology;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's byte store of windows, with each window kept decoded after its first read. Decoding a
 * window (thousands of rows, an error array to sort) on every row cost more than the rest of the
 * processing; the store still receives every change as bytes, so the changelog and exactly-once are
 * unchanged. The decoded copy is only valid while the processor owns the store: create it in the
 * processor's init and {@link #clear()} it in close, which Kafka Streams calls around every
 * (re)initialisation of the task, e.g. after its state was wiped and restored. A processor that fails
 * between changing a window and {@link #put} must {@link #forget} the key (the record is then
 * dead-lettered and the store never saw the change).
 */
final class DecodedWindows<W> {

    private final KeyValueStore<String, byte[]> store;
    private final Function<byte[], W> decode;
    private final Function<W, byte[]> encode;
    private final Supplier<W> empty;
    private final Map<String, W> decoded = new HashMap<>();

    DecodedWindows(KeyValueStore<String, byte[]> store, Function<byte[], W> decode, Function<W, byte[]> encode, Supplier<W> empty) {
        this.store = store;
        this.decode = decode;
        this.encode = encode;
        this.empty = empty;
    }

    /** The key's window (a new empty one when the store has none): mutate it, then {@link #put}. */
    W get(String key) {
        W window = decoded.get(key);
        if (window == null) {
            byte[] bytes = store.get(key);
            window = bytes == null ? empty.get() : decode.apply(bytes);
            decoded.put(key, window);
        }
        return window;
    }

    /** Writes the key's (changed) window to the store. */
    void put(String key, W window) {
        decoded.put(key, window);
        store.put(key, encode.apply(window));
    }

    /** Drops the decoded copy of the key: the next {@link #get} reads the store again. */
    void forget(String key) {
        decoded.remove(key);
    }

    void clear() {
        decoded.clear();
    }
}
