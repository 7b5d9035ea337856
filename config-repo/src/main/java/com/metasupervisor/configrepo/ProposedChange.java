package com.metasupervisor.configrepo;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A change to propose: the branch it goes on (derived from what it records, so a retry finds it), the pull request's
 * title and body, and every file it writes, by path.
 *
 * @param branch branch name (a valid git ref name, never the base branch)
 * @param title  pull request title (one line)
 * @param body   pull request body (Markdown)
 * @param files  path → new content (UTF-8), at least one
 */
public record ProposedChange(String branch, String title, String body, Map<String, String> files) {
    public ProposedChange {
        Objects.requireNonNull(branch, "branch");
        if (branch.isBlank()) {
            throw new IllegalArgumentException("branch must not be blank");
        }
        Objects.requireNonNull(title, "title");
        if (title.isBlank() || title.contains("\n")) {
            throw new IllegalArgumentException("title must be one non-blank line");
        }
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(files, "files");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a change writes at least one file");
        }
        files.forEach((path, content) -> {
            RepoPaths.check(path);
            Objects.requireNonNull(content, "content of " + path);
        });
        files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
    }
}
