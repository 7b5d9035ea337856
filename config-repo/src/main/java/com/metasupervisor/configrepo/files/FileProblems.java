package com.metasupervisor.configrepo.files;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The problems found so far in one file; parsing goes on after a problem so that all are reported at once. */
final class FileProblems {
    private final String file;
    private final List<ConfigFileProblem> found = new ArrayList<>();

    FileProblems(String file) {
        this.file = file;
    }

    void add(int line, String key, String message) {
        found.add(new ConfigFileProblem(file, line, key, message));
    }

    int count() {
        return found.size();
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws every problem, in line order, when there is any. */
    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ConfigFileException(found.stream().sorted(Comparator.comparingInt(ConfigFileProblem::line)).toList());
        }
    }
}
