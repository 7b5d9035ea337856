package com.metasupervisor.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.streams.StreamsConventions;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/** Every RocksDB store of a service draws on one bounded budget. */
class BoundedRocksDbMemoryTest {

    static {
        RocksDB.loadLibrary();
    }

    @Test
    void everyServiceRunsItsRocksDbStoresOnTheBoundedBudget() {
        assertThat(StreamsConventions.forApplication("app", "localhost:9092", new DeadLetterMetrics(new SimpleMeterRegistry()))
                .get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo(BoundedRocksDbMemory.class);
    }

    @Test
    void storesShareOneWriteBufferManagerAndTheirTablesTheCache() {
        BoundedRocksDbMemory setter = new BoundedRocksDbMemory();
        try (Options first = new Options().setTableFormatConfig(new BlockBasedTableConfig());
             Options second = new Options().setTableFormatConfig(new BlockBasedTableConfig())) {
            setter.setConfig("price-history.1", first, Map.of());
            setter.setConfig("pending-matches", second, Map.of());

            assertThat(first.writeBufferManager()).isNotNull().isSameAs(second.writeBufferManager());
            BlockBasedTableConfig table = (BlockBasedTableConfig) first.tableFormatConfig();
            assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(table.blockSize()).isEqualTo(16L << 10);
        }
        long[] budget = BoundedRocksDbMemory.budgetBytes(Map.of());
        assertThat(budget[1]).isLessThan(budget[0]);
    }
}
