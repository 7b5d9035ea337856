package com.metasupervisor.governance.sync;

import com.metasupervisor.configrepo.ConfigRepository;
import com.metasupervisor.configrepo.ConfigRepositoryException;
import com.metasupervisor.configrepo.github.GitHubRepository;
import com.metasupervisor.configrepo.github.GitHubSettings;
import com.metasupervisor.configrepo.localgit.LocalGitRepository;
import com.metasupervisor.governance.config.ConfigRepoSettings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jgit.lib.Repository;

/** How the sync reaches the config repository: {@link #open()} once (retried on every tick until it opens). */
public interface ConfigRepositoryBackend {

    /** {@code local-git} or {@code github}. */
    String name();

    /** Opens the repository; a ConfigRepositoryException or IllegalArgumentException says why it cannot. */
    ConfigRepository open();

    /** The backend {@code settings} name; github reads its repository and token from {@code env}. */
    static ConfigRepositoryBackend of(ConfigRepoSettings settings, Map<String, String> env) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(env, "env");
        return settings.github() ? new GitHub(settings.baseBranch(), env)
                : new LocalGit(Path.of(settings.path()), settings.baseBranch(), settings.manifestPath(), settings.killListPath());
    }

    /**
     * A local repository (working tree or bare) through JGit. Where nothing is there yet (no directory, or an empty
     * one: a fresh volume, the first {@code ./ms run}), a repository is created with one commit on the base branch: a
     * manifest without agents and SPEC §6's kill list, both commented for the person who edits them next.
     */
    record LocalGit(Path path, String baseBranch, String manifestPath, String killListPath) implements ConfigRepositoryBackend {

        private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LocalGit.class);

        public LocalGit {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(baseBranch, "baseBranch");
            Objects.requireNonNull(manifestPath, "manifestPath");
            Objects.requireNonNull(killListPath, "killListPath");
        }

        /** At the default file paths. */
        public LocalGit(Path path, String baseBranch) {
            this(path, baseBranch, com.metasupervisor.configrepo.files.ManifestFile.PATH, com.metasupervisor.configrepo.files.KillList.PATH);
        }

        @Override
        public String name() {
            return ConfigRepoSettings.LOCAL_GIT;
        }

        @Override
        public ConfigRepository open() {
            if (isMissingOrEmpty(path)) {
                LocalGitRepository.init(path, baseBranch, Map.of(manifestPath, seed("manifest.yaml"), killListPath, seed("kill_list.yaml")))
                        .close();
                LOG.info("created the config repository {} (branch {}): {} without agents and {} with SPEC §6's defaults; edit them"
                        + " there and commit to {}", path.toAbsolutePath().normalize(), baseBranch, manifestPath, killListPath, baseBranch);
            }
            return LocalGitRepository.open(path, baseBranch);
        }

        private static boolean isMissingOrEmpty(Path dir) {
            if (!java.nio.file.Files.exists(dir)) {
                return true;
            }
            try (java.util.stream.Stream<Path> entries = java.nio.file.Files.list(dir)) {
                return java.nio.file.Files.isDirectory(dir) && entries.findAny().isEmpty();
            } catch (IOException e) {
                return false; // unreadable: opening it says why
            }
        }

        /** A seed file of this module's resources {@code config-repo-seed/}. */
        static String seed(String name) {
            try (java.io.InputStream in = LocalGit.class.getResourceAsStream("/config-repo-seed/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("config-repo-seed/" + name + " is missing from the build");
                }
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** GitHub's REST API, settings from {@code GITHUB_TOKEN}, {@code GITHUB_REPOSITORY}, {@code GITHUB_API_URL}. */
    final class GitHub implements ConfigRepositoryBackend {
        private final String baseBranch;
        private final Map<String, String> env;

        GitHub(String baseBranch, Map<String, String> env) {
            this.baseBranch = Objects.requireNonNull(baseBranch, "baseBranch");
            this.env = Map.copyOf(env);
        }

        @Override
        public String name() {
            return ConfigRepoSettings.GITHUB;
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
