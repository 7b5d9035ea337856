package com.metasupervisor.platform;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where {@code ./ms run} writes its logs ({@code *.log}), kept after it stops so what happened can be read, and its
 * temporary files, deleted when the next run starts. The installation's data is elsewhere ({@link DataDirectory}).
 * One run at a time: a lock, released by the OS however the process ends.
 */
final class RunDirectory {

    private static final String LOG_SUFFIX = ".log";
    private static final String LOCK = ".lock";

    private final Path dir;
    private final FileLock lock;

    private RunDirectory(Path dir, FileLock lock) {
        this.dir = dir;
        this.lock = lock;
    }

    /** Takes {@code dir} for this run (created if missing) and deletes what a previous run left but its logs. */
    static RunDirectory claim(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        FileLock lock;
        try {
            Files.createDirectories(absolute);
            FileChannel channel = FileChannel.open(absolute.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new PlatformException("another ./ms run is using " + absolute + ": stop it first");
            }
        } catch (IOException e) {
            throw new PlatformException("cannot use " + absolute + " for the run's logs: " + e.getMessage(), e);
        }
        RunDirectory run = new RunDirectory(absolute, lock);
        run.deleteAllButLogs();
        return run;
    }

    Path dir() {
        return dir;
    }

    /** A new, empty log of this run, written through as it comes. */
    PrintStream newLog(String name) {
        try {
            return new PrintStream(Files.newOutputStream(dir.resolve(name + LOG_SUFFIX)), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PlatformException("cannot write the log " + name + LOG_SUFFIX + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The logs in the directory, by name. */
    List<Path> logs() {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(RunDirectory::isLog).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Deletes everything but the logs and the lock; what cannot be deleted is left (and said). */
    private void deleteAllButLogs() {
        List<Path> data;
        try (Stream<Path> entries = Files.list(dir)) {
            data = entries.filter(p -> !isLog(p) && !p.getFileName().toString().equals(LOCK)).toList();
        } catch (IOException e) {
            throw new PlatformException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        for (Path entry : data) {
            try {
                FileTree.delete(entry);
            } catch (IOException e) {
                throw new PlatformException("cannot delete " + entry + ": " + e.getMessage(), e);
            }
        }
    }

    /** Lets the next run have the directory (the OS does this too when the process dies). */
    void release() {
        try {
            lock.release();
            lock.channel().close();
        } catch (IOException ignored) {
            // the process is ending: the OS releases it
        }
    }

    private static boolean isLog(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().endsWith(LOG_SUFFIX);
    }
}
