package com.metasupervisor.configrepo.files;

import java.util.Objects;

/**
 * One thing wrong in a config file, located so a person can fix it.
 *
 * @param file    repository path of the file, e.g. {@code agents/manifest.yaml}
 * @param line    1-based line; 0 when the parser could not tell
 * @param key     path of the key, e.g. {@code agents[2].status}; empty for the document as a whole
 * @param message what is wrong, e.g. {@code unknown status 'LIVEE' (CANDIDATE, LIVE, RETIRED, KILLED)}
 */
public record ConfigFileProblem(String file, int line, String key, String message) {
    public ConfigFileProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0, was " + line);
        }
    }

    /** {@code agents/manifest.yaml line 7: agents[2].status: unknown status 'LIVEE' (...)}. */
    @Override
    public String toString() {
        return file + (line > 0 ? " line " + line : "") + ": " + (key.isEmpty() ? "" : key + ": ") + message;
    }
}
