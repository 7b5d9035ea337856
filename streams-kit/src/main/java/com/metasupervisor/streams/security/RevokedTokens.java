package com.metasupervisor.streams.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token ids ({@code jti}) the installation revoked, from the file of {@link RevokedTokensSettings}: one id a line,
 * everything from a {@code #} on is a comment, blank lines are skipped. The file is looked at again at most once every
 * {@link #CHECK_INTERVAL} and read again only when its modification time, size or identity (a rename over it)
 * changed, so a revocation takes effect within a second without a restart and a busy service does not read a file per
 * request. A configured file that does not exist means nothing is revoked yet (WARN once, with its path); one that
 * cannot be read keeps the last list read (WARN once until it can be read again). Only paths and exception kinds are
 * logged, never the file's lines.
 */
@Singleton
@Requires(notEnv = Environment.CLI)
public class RevokedTokens {

    /** How long a look at the file holds. */
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(RevokedTokens.class);

    private final Optional<Path> file;
    private final Clock clock;
    /** Read without the lock on every request: only a request that finds it passed takes the lock. */
    private volatile Instant nextCheck = Instant.MIN;
    /** The attributes of the file as last read; null before the first read or while it is missing. */
    private Version read;
    private volatile Set<String> ids = Set.of();
    private boolean warnedMissing;
    private boolean warnedUnreadable;

    public RevokedTokens(RevokedTokensSettings settings, Clock clock) {
        this.file = settings.file();
        this.clock = clock;
    }

    /** Whether {@code tokenId} is listed (the file looked at again first when {@link #CHECK_INTERVAL} has passed). */
    public boolean isRevoked(String tokenId) {
        if (file.isEmpty() || tokenId == null) {
            return false;
        }
        if (!clock.instant().isBefore(nextCheck)) {
            refreshIfDue();
        }
        return ids.contains(tokenId);
    }

    private synchronized void refreshIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextCheck)) {
            return;
        }
        nextCheck = now.plus(CHECK_INTERVAL);
        Path path = file.orElseThrow();
        Version current;
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            current = new Version(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (NoSuchFileException e) {
            if (!warnedMissing) {
                LOG.warn("the revoked tokens file {} does not exist: no token is revoked until it does (./ms token revoke creates"
                        + " it)", path);
                warnedMissing = true;
            }
            ids = Set.of();
            read = null;
            return;
        } catch (IOException | RuntimeException e) {
            unreadable(path, e);
            return;
        }
        warnedMissing = false;
        if (current.equals(read)) {
            return;
        }
        try {
            ids = parse(Files.readString(path, StandardCharsets.UTF_8));
            read = current;
            warnedUnreadable = false;
            LOG.info("revoked tokens: {} listed in {}", ids.size(), path);
        } catch (IOException | RuntimeException e) {
            unreadable(path, e);
        }
    }

    private void unreadable(Path path, Exception e) {
        if (!warnedUnreadable) {
            // the exception's message could quote the file: only its kind is told
            LOG.warn("cannot read the revoked tokens file {} ({}): the {} token ids read before stay revoked", path,
                    e.getClass().getSimpleName(), ids.size());
            warnedUnreadable = true;
        }
    }

    /** The ids in {@code text}: one a line, {@code #} starts a comment, blank lines skipped. */
    static Set<String> parse(String text) {
        Set<String> parsed = new HashSet<>();
        for (String line : text.split("\\R")) {
            int comment = line.indexOf('#');
            String id = (comment < 0 ? line : line.substring(0, comment)).strip();
            if (!id.isEmpty()) {
                parsed.add(id);
            }
        }
        return Set.copyOf(parsed);
    }

    /** What tells one content of the file from the next without reading it. */
    private record Version(FileTime modified, long size, Object key) {
    }
}
