package com.metasupervisor.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A directory and everything below it (or a single file), as the run directory and the demo delete their data. */
public final class FileTree {

    private FileTree() {
    }

    /** Deletes {@code root} and everything below it, deepest first; nothing there is nothing to do. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
