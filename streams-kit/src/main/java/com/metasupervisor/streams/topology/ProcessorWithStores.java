package com.metasupervisor.streams.topology;

import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Processor suppliers that carry their own state stores, so {@code stream.process(...)} connects the stores
 * and no topology has to call {@code addStateStore} and repeat the store names.
 */
public final class ProcessorWithStores {

    private ProcessorWithStores() {
    }

    /** A supplier of {@code processor} that connects {@code stores} to it. */
    public static <KI, VI, KO, VO> ProcessorSupplier<KI, VI, KO, VO> of(Supplier<Processor<KI, VI, KO, VO>> processor,
                                                                       StoreBuilder<?>... stores) {
        Objects.requireNonNull(processor, "processor");
        Set<StoreBuilder<?>> storeSet = Set.of(stores);
        return new ProcessorSupplier<>() {
            @Override
            public Processor<KI, VI, KO, VO> get() {
                return processor.get();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return storeSet;
            }
        };
    }

    /** The same for a key-preserving processor ({@code stream.processValues(...)}: no repartition downstream). */
    public static <K, VI, VO> FixedKeyProcessorSupplier<K, VI, VO> ofFixedKey(Supplier<FixedKeyProcessor<K, VI, VO>> processor,
                                                                             StoreBuilder<?>... stores) {
        Objects.requireNonNull(processor, "processor");
        Set<StoreBuilder<?>> storeSet = Set.of(stores);
        return new FixedKeyProcessorSupplier<>() {
            @Override
            public FixedKeyProcessor<K, VI, VO> get() {
                return processor.get();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return storeSet;
            }
        };
    }

    /**
     * An in-memory key-value store with String keys (changelogged, as every store by default): fits state of one
     * small entry per key; call {@code withCachingEnabled()} on it to coalesce a key's changelog writes per commit.
     */
    public static <V> StoreBuilder<KeyValueStore<String, V>> inMemoryKeyValue(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values);
    }
}
