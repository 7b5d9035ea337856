package com.metasupervisor.configrepo;

import java.util.Objects;

/** The rule of every path the config repository reads or writes: relative, '/'-separated, no '.' or '..' segments. */
public final class RepoPaths {

    private RepoPaths() {
    }

    /** {@code path} when it follows the rule, else an IllegalArgumentException naming it. */
    public static String check(String path) {
        Objects.requireNonNull(path, "path");
        if (path.isBlank() || path.startsWith("/") || path.endsWith("/") || path.contains("\\") || path.contains("//")) {
            throw new IllegalArgumentException("not a repository path: '" + path + "'");
        }
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("not a repository path (no . or .. segments): '" + path + "'");
            }
        }
        return path;
    }
}
