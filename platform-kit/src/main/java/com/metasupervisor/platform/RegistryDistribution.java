package com.metasupervisor.platform;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The ready-built Apicurio Registry app ({@code io.apicurio:apicurio-registry-app:tar.gz:all}) that
 * Maven resolved for this module, unpacked once per machine into a cache directory.
 */
final class RegistryDistribution {

    /** Overrides the archive location (e.g. when running outside a Maven build). */
    static final String ARCHIVE_ENV = "MS_REGISTRY_ARCHIVE";

    private RegistryDistribution() {
    }

    /** The directory holding {@code quarkus-run.jar}, unpacking the archive on first use. */
    static Path unpacked() {
        Properties kit = kitProperties();
        String version = kit.getProperty("apicurio.registry.app.version");
        Path archive = Path.of(firstNonBlank(System.getenv(ARCHIVE_ENV), kit.getProperty("apicurio.registry.app.archive")));
        if (!Files.isRegularFile(archive)) {
            throw new PlatformException("Apicurio Registry archive not found at " + archive
                    + ": build with Maven (./ms) so it is resolved, or set " + ARCHIVE_ENV);
        }
        Path target = cacheRoot().resolve("apicurio-registry-" + version);
        if (Files.isRegularFile(target.resolve("quarkus-run.jar"))) {
            return target;
        }
        return unpack(archive, target);
    }

    private static Path unpack(Path archive, Path target) {
        try {
            Files.createDirectories(target.getParent());
            Path staging = Files.createTempDirectory(target.getParent(), target.getFileName() + ".unpacking-");
            try (InputStream in = new BufferedInputStream(Files.newInputStream(archive));
                 TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path out = staging.resolve(entry.getName()).normalize();
                    if (!out.startsWith(staging)) {
                        throw new PlatformException("archive entry escapes its directory: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                // another JVM unpacked it first: use theirs
                deleteTree(staging);
            }
            return target;
        } catch (IOException e) {
            throw new PlatformException("could not unpack " + archive + " to " + target + ": " + e.getMessage(), e);
        }
    }

    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("meta-supervisor");
    }

    private static Properties kitProperties() {
        Properties properties = new Properties();
        try (InputStream in = RegistryDistribution.class.getResourceAsStream("/platform-kit.properties")) {
            if (in == null) {
                throw new PlatformException("platform-kit.properties missing from the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
