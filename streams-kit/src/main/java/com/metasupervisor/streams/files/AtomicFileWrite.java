package com.metasupervisor.streams.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Replaces a file by writing a sibling temp file and moving it over: a reader sees the old or the new file, never half.
 * For every file a service writes for others to read (the allocator's weights.json, governance's proposals and
 * live overrides).
 */
public final class AtomicFileWrite {

    private AtomicFileWrite() {
    }

    public static void replace(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // same directory: the move stays on one file system and can be atomic
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.write(temp, content);
            readableByOthers(temp, file);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A temp file is created owner-only (rw-------), but these files are written for others to read: the new file gets
     * the permissions of the one it replaces, or rw-r--r-- when there is none (where the file system has POSIX
     * permissions).
     */
    private static void readableByOthers(Path temp, Path file) throws IOException {
        if (!Files.getFileStore(temp).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
            return;
        }
        Files.setPosixFilePermissions(temp, Files.exists(file) ? Files.getPosixFilePermissions(file)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }
}
