package com.metasupervisor.configrepo;

import java.util.Objects;

/**
 * A file of the config repository as read at a commit.
 *
 * @param path    repository path, e.g. {@code agents/manifest.yaml}
 * @param content its text (UTF-8)
 * @param commit  the commit it was read at (40 hex digits)
 */
public record RepoFile(String path, String content, String commit) {
    public RepoFile {
        RepoPaths.check(path);
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(commit, "commit");
    }
}
