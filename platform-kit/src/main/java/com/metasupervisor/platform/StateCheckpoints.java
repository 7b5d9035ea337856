package com.metasupervisor.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Kafka Streams' {@code .checkpoint} files in a state directory: the offsets up to which each local store is said to
 * hold its changelog. Deleting them makes Streams under exactly-once wipe each store and restore it from its
 * changelog (committed data only) at the next start.
 */
final class StateCheckpoints {

    static final String CHECKPOINT = ".checkpoint";

    private StateCheckpoints() {
    }

    /** Deletes every checkpoint file under {@code stateDir}; returns how many there were. */
    static int delete(Path stateDir) throws IOException {
        List<Path> checkpoints;
        try (Stream<Path> files = Files.walk(stateDir)) {
            checkpoints = files.filter(p -> p.getFileName().toString().equals(CHECKPOINT)).toList();
        }
        for (Path checkpoint : checkpoints) {
            Files.deleteIfExists(checkpoint);
        }
        return checkpoints.size();
    }
}
