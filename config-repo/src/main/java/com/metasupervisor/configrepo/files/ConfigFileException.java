package com.metasupervisor.configrepo.files;

import java.util.List;
import java.util.stream.Collectors;

/** A config file that cannot be used: every problem found in it (not just the first), in file order. */
public class ConfigFileException extends RuntimeException {
    private final transient List<ConfigFileProblem> problems;

    public ConfigFileException(List<ConfigFileProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigFileProblem> problems() {
        return problems;
    }

    private static String message(List<ConfigFileProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigFileException carries at least one problem");
        }
        return problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n"
                + problems.stream().map(ConfigFileProblem::toString).collect(Collectors.joining("\n"));
    }
}
