package com.metasupervisor.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateCheckpointsTest {

    @Test
    void deletesEveryCheckpointAndNothingElse(@TempDir Path state) throws IOException {
        Path a = Files.createDirectories(state.resolve("app/0_0")).resolve(".checkpoint");
        Path b = Files.createDirectories(state.resolve("app/1_2/rocksdb/store")).resolve(".checkpoint");
        Path data = state.resolve("app/0_0/000123.sst");
        Path metadata = state.resolve("app/kafka-streams-process-metadata");
        for (Path p : new Path[] {a, b, data, metadata}) {
            Files.writeString(p, "x");
        }

        assertThat(StateCheckpoints.delete(state)).isEqualTo(2);

        assertThat(a).doesNotExist();
        assertThat(b).doesNotExist();
        assertThat(data).exists();
        assertThat(metadata).exists();
    }
}
