package com.metasupervisor.streams.state;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Caps the off-heap memory of every RocksDB store of a service at one shared budget (Kafka Streams' documented
 * recipe): one LRU block cache holds the index and filter blocks and the data blocks of every store, and the
 * memtables are charged to it through one {@link WriteBufferManager}. Without it each store instance (a windowed
 * store has several segments, one per task) takes its own 50 MB cache and up to 48 MB of memtables, so memory
 * grows with partitions and retention rather than with what the service needs.
 *
 * <p>The budget comes from the streams config: {@value #TOTAL_BYTES} (default {@value #DEFAULT_TOTAL_BYTES}),
 * of which memtables may take {@value #MEMTABLE_BYTES} (default {@value #DEFAULT_MEMTABLE_BYTES}); in a
 * service, {@code kafka.streams.default.meta-supervisor.rocksdb.total-bytes}. One budget per JVM, sized by the
 * first store opened.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    public static final String TOTAL_BYTES = "meta-supervisor.rocksdb.total-bytes";
    public static final String MEMTABLE_BYTES = "meta-supervisor.rocksdb.memtable-bytes";
    public static final long DEFAULT_TOTAL_BYTES = 128L << 20;
    public static final long DEFAULT_MEMTABLE_BYTES = 32L << 20;
    /** Share of the cache kept for index and filter blocks, so a scan of data blocks cannot evict them. */
    private static final double INDEX_FILTER_RATIO = 0.2;
    private static final long BLOCK_SIZE = 16L << 10;

    private static Budget budget;

    /** The shared cache and write-buffer manager (never closed: every store of the JVM uses them). */
    private record Budget(Cache cache, WriteBufferManager writeBuffers, long totalBytes, long memtableBytes) {
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Budget shared = budget(configs);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(BLOCK_SIZE);
        options.setWriteBufferManager(shared.writeBuffers());
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write-buffer manager are shared by every store of the JVM: not closed here
    }

    /** The budget in force (sized from the first store's configs). */
    static synchronized long[] budgetBytes(Map<String, Object> configs) {
        Budget b = budget(configs);
        return new long[] {b.totalBytes(), b.memtableBytes()};
    }

    private static synchronized Budget budget(Map<String, Object> configs) {
        if (budget == null) {
            long total = bytes(configs, TOTAL_BYTES, DEFAULT_TOTAL_BYTES);
            long memtables = bytes(configs, MEMTABLE_BYTES, DEFAULT_MEMTABLE_BYTES);
            if (memtables >= total) {
                throw new IllegalArgumentException(MEMTABLE_BYTES + " (" + memtables + ") must be < " + TOTAL_BYTES + " (" + total + ")");
            }
            Cache cache = new LRUCache(total, -1, false, INDEX_FILTER_RATIO);
            budget = new Budget(cache, new WriteBufferManager(memtables, cache), total, memtables);
        }
        return budget;
    }

    private static long bytes(Map<String, Object> configs, String key, long fallback) {
        Object value = configs.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            long bytes = Long.parseLong(value.toString().trim());
            if (bytes < (1L << 20)) {
                throw new IllegalArgumentException(key + " must be at least 1 MiB (1048576 bytes), was " + bytes);
            }
            return bytes;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number of bytes, was '" + value + "'", e);
        }
    }
}
