package com.metasupervisor.governance.config;

import com.metasupervisor.configrepo.ConfigRepositoryBackend;
import com.metasupervisor.configrepo.files.SeedFiles;
import java.nio.file.Path;
import java.util.Map;

import com.metasupervisor.configrepo.RepoPaths;
import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;

/**
 * Where the manifest sync reads the config repository (SPEC §6), keys under {@code governance.config-repo.}. The
 * github backend takes its repository and token from the environment ({@code GITHUB_TOKEN}, {@code GITHUB_REPOSITORY},
 * {@code GITHUB_API_URL}: config-repo's {@code GitHubSettings.fromEnvironment}), never from these keys.
 *
 * @param backend       {@code local-git} (a local repository through JGit) or {@code github} (GitHub's REST API)
 * @param path          local-git: the repository's directory (a working tree or a bare repository)
 * @param baseBranch    the branch people merge into; only its head is read
 * @param syncInterval  the pause between two reads of the base branch's head
 * @param manifestPath  the agents manifest in the repository
 * @param killListPath  the strategy kill list in the repository (missing: SPEC §6's defaults)
 */
@ConfigurationProperties("governance.config-repo")
public record ConfigRepoSettings(
        @Bindable(defaultValue = "local-git") String backend,
        @Bindable(defaultValue = "config-repo") String path,
        @Bindable(defaultValue = "main") String baseBranch,
        @Bindable(defaultValue = "PT30S") Duration syncInterval,
        @Bindable(defaultValue = "agents/manifest.yaml") String manifestPath,
        @Bindable(defaultValue = "meta_supervisor/kill_list.yaml") String killListPath) {

    public static final String PREFIX = "governance.config-repo.";
    public static final String LOCAL_GIT = ConfigRepositoryBackend.LOCAL_GIT;
    public static final String GITHUB = ConfigRepositoryBackend.GITHUB;
    private static final List<String> BACKENDS = ConfigRepositoryBackend.NAMES;

    public ConfigRepoSettings {
        ArgChecker.notBlank(backend, PREFIX + "backend");
        ArgChecker.isTrue(BACKENDS.contains(backend), PREFIX + "backend must be one of " + BACKENDS + ", was '" + backend + "'");
        // the default keeps path set for github too, where it is not used
        ArgChecker.notBlank(path, PREFIX + "path");
        ArgChecker.notBlank(baseBranch, PREFIX + "base-branch");
        ArgChecker.isTrue(baseBranch.strip().equals(baseBranch) && baseBranch.chars().noneMatch(Character::isWhitespace),
                PREFIX + "base-branch must be a branch name without spaces, was '" + baseBranch + "'");
        ArgChecker.positive(syncInterval, PREFIX + "sync-interval");
        repositoryPath(manifestPath, PREFIX + "manifest-path");
        repositoryPath(killListPath, PREFIX + "kill-list-path");
        ArgChecker.isTrue(!manifestPath.equals(killListPath),
                PREFIX + "manifest-path and " + PREFIX + "kill-list-path must name different files, both were '" + manifestPath + "'");
    }

    private static void repositoryPath(String value, String key) {
        ArgChecker.notBlank(value, key);
        try {
            RepoPaths.check(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    /** The backend these settings name; github reads its repository and token from {@code env}. */
    public ConfigRepositoryBackend backend(Map<String, String> env) {
        return ConfigRepositoryBackend.of(backend, Path.of(path), baseBranch, env, SeedFiles.at(manifestPath, killListPath));
    }

    public boolean github() {
        return GITHUB.equals(backend);
    }

    /** local-git at {@code config-repo}, base branch main, every 30 s, the files where SPEC §6 puts them. */
    public static ConfigRepoSettings defaults() {
        return SettingsDefaults.of(ConfigRepoSettings.class);
    }
}
