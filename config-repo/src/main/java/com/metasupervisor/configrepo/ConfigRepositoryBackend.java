package com.metasupervisor.configrepo;

import com.metasupervisor.configrepo.github.GitHubRepository;
import com.metasupervisor.configrepo.github.GitHubSettings;
import com.metasupervisor.configrepo.localgit.LocalGitRepository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a service reaches the config repository: {@link #open()} once, retried by the caller until it opens. The two
 * backends of SPEC §7 by name: {@value #LOCAL_GIT} and {@value #GITHUB}. governance-service reads through it and
 * reporting-service writes through it, each with its own settings keys.
 */
public interface ConfigRepositoryBackend {

    String LOCAL_GIT = "local-git";
    String GITHUB = "github";
    List<String> NAMES = List.of(LOCAL_GIT, GITHUB);

    /** {@code local-git} or {@code github}. */
    String name();

    /** Opens the repository; a ConfigRepositoryException or IllegalArgumentException says why it cannot. */
    ConfigRepository open();

    /**
     * The backend called {@code name}: github reads its repository, token and API URL from {@code env}
     * ({@link GitHubSettings#fromEnvironment}); local-git opens {@code path}, creating it with one commit of
     * {@code seedWhenEmpty} on the base branch when the directory is missing or empty (no seed files: it is not created,
     * and opening says so until whoever owns the repository creates it).
     */
    static ConfigRepositoryBackend of(String name, Path path, String baseBranch, Map<String, String> env,
                                      Map<String, String> seedWhenEmpty) {
        Objects.requireNonNull(name, "name");
        return switch (name) {
            case GITHUB -> new GitHub(baseBranch, env);
            case LOCAL_GIT -> new LocalGit(path, baseBranch, seedWhenEmpty);
            default -> throw new IllegalArgumentException("config repository backend must be one of " + NAMES + ", was '" + name + "'");
        };
    }

    /**
     * A local repository (working tree or bare) through JGit. Where nothing is there yet (no directory, or an empty
     * one: a fresh volume, the first {@code ./ms run}) and seed files are given, a repository is created with one
     * commit of them on the base branch.
     */
    record LocalGit(Path path, String baseBranch, Map<String, String> seedWhenEmpty) implements ConfigRepositoryBackend {

        private static final Logger LOG = LoggerFactory.getLogger(LocalGit.class);

        public LocalGit {
            // normalised: a path through a directory that does not exist yet (./ms run's "<run dir>/../governance-service/...")
            // must still find the repository
            path = Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
            Objects.requireNonNull(baseBranch, "baseBranch");
            seedWhenEmpty = Map.copyOf(seedWhenEmpty);
        }

        @Override
        public String name() {
            return LOCAL_GIT;
        }

        @Override
        public synchronized ConfigRepository open() {
            if (isMissingOrEmpty(path)) {
                if (seedWhenEmpty.isEmpty()) {
                    throw new ConfigRepositoryException("no config repository at " + path.toAbsolutePath().normalize()
                            + " yet (governance-service creates it on its first start, or create it with git init)");
                }
                LocalGitRepository.init(path, baseBranch, seedWhenEmpty).close();
                LOG.info("created the config repository {} (branch {}) with {}; edit them there and commit to {}",
                        path.toAbsolutePath().normalize(), baseBranch, seedWhenEmpty.keySet(), baseBranch);
            }
            return LocalGitRepository.open(path, baseBranch);
        }

        private static boolean isMissingOrEmpty(Path dir) {
            if (!Files.exists(dir)) {
                return true;
            }
            try (Stream<Path> entries = Files.list(dir)) {
                return Files.isDirectory(dir) && entries.findAny().isEmpty();
            } catch (IOException e) {
                return false; // unreadable: opening it says why
            }
        }
    }

    /** GitHub's REST API; repository, token and API URL from the environment, never from settings. */
    final class GitHub implements ConfigRepositoryBackend {
        private final String baseBranch;
        private final Map<String, String> env;

        GitHub(String baseBranch, Map<String, String> env) {
            this.baseBranch = Objects.requireNonNull(baseBranch, "baseBranch");
            this.env = Map.copyOf(env);
        }

        @Override
        public String name() {
            return GITHUB;
        }

        @Override
        public ConfigRepository open() {
            return new GitHubRepository(GitHubSettings.fromEnvironment(env, baseBranch));
        }

        @Override
        public String toString() {
            return "GitHub[base " + baseBranch + "]"; // never the environment: it holds the token
        }
    }
}
