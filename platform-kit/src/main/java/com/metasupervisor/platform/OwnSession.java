package com.metasupervisor.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts a child process in a session of its own ({@code setsid}, util-linux): a terminal's Ctrl-C sends SIGINT to
 * its whole foreground process group, which would stop the broker, the registry and every service at once; in their
 * own sessions only the launcher gets it, and it stops them in order (services, registry, broker). Where
 * {@code setsid} is missing the child is started directly.
 */
final class OwnSession {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private OwnSession() {
    }

    /** What goes before the child's command: {@code setsid}, or nothing. */
    static List<String> prefix() {
        return Files.isExecutable(SETSID) ? List.of(SETSID.toString()) : List.of();
    }
}
