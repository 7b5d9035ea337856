package com.metasupervisor.demo;

import com.metasupervisor.platform.FileTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where {@code ./ms demo} leaves its results ({@code MS_DEMO_DIR}, default {@code target/demo}): the config repository,
 * saved e-mails and webhooks, reports, the truth, the final allocation, and the logs. Each demo starts from an empty
 * directory: it deletes what a previous demo left, and refuses a non-empty directory that is not a demo's (no marker).
 */
public record DemoDirectory(Path root) {

    /** Marks a directory as a demo's, so a fresh start may empty it. */
    static final String MARKER = ".ms-demo";

    public DemoDirectory {
        root = root.toAbsolutePath().normalize();
    }

    /** Empties {@code root} (created if missing) and lays it out; fails naming it when it holds something not a demo's. */
    public static DemoDirectory fresh(Path root) throws IOException {
        DemoDirectory dir = new DemoDirectory(root);
        Files.createDirectories(dir.root);
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir.root)) {
            entries = list.toList();
        }
        // ./ms demo creates tmp/ (java.io.tmpdir) before the JVM starts
        boolean onlyTmp = entries.stream().allMatch(e -> e.equals(dir.tmp()));
        if (!onlyTmp && !Files.exists(dir.root.resolve(MARKER))) {
            throw new IOException(dir.root + " is not empty and not a demo's directory (no " + MARKER + "): choose another with MS_DEMO_DIR");
        }
        for (Path entry : entries) {
            FileTree.delete(entry);
        }
        Files.createFile(dir.root.resolve(MARKER));
        for (Path sub : List.of(dir.mail(), dir.webhooks(), dir.reports(), dir.logs(), dir.services(), dir.tmp())) {
            Files.createDirectories(sub);
        }
        return dir;
    }

    public Path configRepo() {
        return root.resolve("config-repo");
    }

    public Path mail() {
        return root.resolve("mail");
    }

    public Path webhooks() {
        return root.resolve("webhooks");
    }

    public Path reports() {
        return root.resolve("reports");
    }

    /** The demo's own log and the registry's. */
    public Path logs() {
        return root.resolve("logs");
    }

    /** The services' logs (kept) and state (deleted when the demo stops). */
    public Path services() {
        return root.resolve("services");
    }

    /** The JVM's temporary files, the broker's data among them (deleted when the demo stops). */
    public Path tmp() {
        return root.resolve("tmp");
    }

    /** The demo installation's token secret and operator token (InstallationCredentials, as {@code ./ms run}'s). */
    public Path credentials() {
        return root.resolve("credentials");
    }

    public Path truth() {
        return root.resolve("truth.json");
    }

    public Path allocation() {
        return root.resolve("allocation.json");
    }
}
