package com.metasupervisor.streams.state;

import com.metasupervisor.streams.check.ArgChecker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's byte store of windows (any mutable per-key state with a byte form), with each window kept
 * decoded after its first read. Decoding a window (thousands of rows, an array to sort) on every record
 * can cost more than the rest of the processing; the store still receives every change as bytes, so the
 * changelog and exactly-once are unchanged.
 *
 * <p>The decoded copy is only valid while the processor owns the store: create it in the processor's
 * {@code init} and {@link #clear()} it in {@code close}, which Kafka Streams calls around every
 * (re)initialisation of the task, e.g. after its state was wiped and restored. A change that fails before
 * its {@link #put} must not stay in the decoded copy (the record is then dead-lettered and the store never
 * saw the change): make changes inside {@link #changing}.
 *
 * @param <W> the decoded window (mutable: {@link #get}, change it, then {@link #put})
 */
public final class DecodedWindows<W> {

    private final KeyValueStore<String, byte[]> store;
    private final Function<byte[], W> decode;
    private final Function<W, byte[]> encode;
    private final Supplier<W> empty;
    private final Map<String, W> decoded = new HashMap<>();

    /**
     * @param store  the task's store of window bytes
     * @param decode bytes → window (the format's reader, e.g. {@code bytes -> Window.fromBytes(bytes, settings)})
     * @param encode window → bytes
     * @param empty  a new window for a key the store does not have
     */
    public DecodedWindows(KeyValueStore<String, byte[]> store, Function<byte[], W> decode, Function<W, byte[]> encode,
                          Supplier<W> empty) {
        this.store = ArgChecker.notNull(store, "store");
        this.decode = ArgChecker.notNull(decode, "decode");
        this.encode = ArgChecker.notNull(encode, "encode");
        this.empty = ArgChecker.notNull(empty, "empty");
    }

    /** The key's window (a new empty one when the store has none): mutate it, then {@link #put}. */
    public W get(String key) {
        W window = decoded.get(key);
        if (window == null) {
            byte[] bytes = store.get(key);
            window = bytes == null ? empty.get() : decode.apply(bytes);
            decoded.put(key, window);
        }
        return window;
    }

    /** Every key with a window in the store, read before the caller writes any (a refresh walks them all). */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    /** Writes the key's (changed) window to the store. */
    public void put(String key, W window) {
        decoded.put(key, window);
        store.put(key, encode.apply(window));
    }

    /** Removes the key's window from the store (it emptied). */
    public void delete(String key) {
        decoded.remove(key);
        store.delete(key);
    }

    /** Runs a change of the key's window; if it throws, the decoded copy is dropped (the store has the truth). */
    public void changing(String key, Runnable change) {
        try {
            change.run();
        } catch (RuntimeException e) {
            decoded.remove(key);
            throw e;
        }
    }

    /** Forgets every decoded copy (call from the processor's close). */
    public void clear() {
        decoded.clear();
    }
}
