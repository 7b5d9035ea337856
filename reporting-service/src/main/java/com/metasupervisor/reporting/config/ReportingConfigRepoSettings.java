package com.metasupervisor.reporting.config;

import com.metasupervisor.configrepo.ConfigRepositoryBackend;
import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where pull requests go (SPEC §7), keys under {@code reporting.config-repo.}. The github backend takes its repository
 * and token from the environment ({@code GITHUB_TOKEN}, {@code GITHUB_REPOSITORY}, {@code GITHUB_API_URL}), never
 * from these keys. local-git never creates the repository: governance-service seeds it on its first start, and the
 * executor retries opening it until it is there.
 *
 * @param backend    {@code local-git} (a local repository through JGit) or {@code github} (GitHub's REST API)
 * @param path       local-git: the repository's directory (a working tree or a bare repository)
 * @param baseBranch the branch people merge into; pull requests branch from its head and target it
 */
@ConfigurationProperties("reporting.config-repo")
public record ReportingConfigRepoSettings(
        @Bindable(defaultValue = "local-git") String backend,
        @Bindable(defaultValue = "config-repo") String path,
        @Bindable(defaultValue = "main") String baseBranch) {

    public static final String PREFIX = "reporting.config-repo.";

    public ReportingConfigRepoSettings {
        ArgChecker.notBlank(backend, PREFIX + "backend");
        ArgChecker.isTrue(ConfigRepositoryBackend.NAMES.contains(backend),
                PREFIX + "backend must be one of " + ConfigRepositoryBackend.NAMES + ", was '" + backend + "'");
        ArgChecker.notBlank(path, PREFIX + "path");
        ArgChecker.notBlank(baseBranch, PREFIX + "base-branch");
        ArgChecker.isTrue(baseBranch.chars().noneMatch(Character::isWhitespace),
                PREFIX + "base-branch must be a branch name without spaces, was '" + baseBranch + "'");
    }

    /** The backend these settings name (github reads its repository and token from {@code env}); never seeds. */
    public ConfigRepositoryBackend backend(Map<String, String> env) {
        return ConfigRepositoryBackend.of(backend, Path.of(path), baseBranch, env, Map.of());
    }

    /** local-git at {@code config-repo}, base branch main. */
    public static ReportingConfigRepoSettings defaults() {
        return SettingsDefaults.of(ReportingConfigRepoSettings.class);
    }
}
