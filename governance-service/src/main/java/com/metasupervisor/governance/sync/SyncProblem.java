package com.metasupervisor.governance.sync;

import com.metasupervisor.configrepo.files.ConfigFileProblem;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * Why the sync could not take the base branch's head: a problem of a file (file, line, key, as config-repo located it)
 * or of the repository itself (file {@value #REPOSITORY}, line 0, no key).
 *
 * @param file    repository path of the file, or {@value #REPOSITORY}
 * @param line    1-based line; 0 when not known
 * @param key     path of the key, e.g. {@code agents[1].status}; empty for the file or repository as a whole
 * @param message what is wrong
 */
@Serdeable
public record SyncProblem(String file, int line, String key, String message) {

    /** The {@code file} of a problem of the repository rather than of one of its files. */
    public static final String REPOSITORY = "(repository)";

    public SyncProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0, was " + line);
        }
    }

    public static SyncProblem of(ConfigFileProblem problem) {
        return new SyncProblem(problem.file(), problem.line(), problem.key(), problem.message());
    }

    public static SyncProblem repository(String message) {
        return new SyncProblem(REPOSITORY, 0, "", message);
    }

    /** {@code agents/manifest.yaml line 8: agents[1].status: unknown status 'LIVEE' (...)}, as config-repo words it. */
    @Override
    public String toString() {
        if (file.equals(REPOSITORY)) {
            return "config repository: " + message;
        }
        return new ConfigFileProblem(file, line, key, message).toString();
    }
}
