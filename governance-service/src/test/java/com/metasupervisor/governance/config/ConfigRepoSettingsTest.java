package com.metasupervisor.governance.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigRepoSettingsTest {

    private static final Duration S30 = Duration.ofSeconds(30);
    private static final String MANIFEST = "agents/manifest.yaml";
    private static final String KILL_LIST = "meta_supervisor/kill_list.yaml";

    @Test
    void defaults_read_a_local_repository_named_config_repo_every_30_seconds_at_the_spec_paths() {
        ConfigRepoSettings s = ConfigRepoSettings.defaults();

        assertThat(s.backend()).isEqualTo("local-git");
        assertThat(s.github()).isFalse();
        assertThat(s.path()).isEqualTo("config-repo");
        assertThat(s.baseBranch()).isEqualTo("main");
        assertThat(s.syncInterval()).isEqualTo(S30);
        assertThat(s.manifestPath()).isEqualTo(MANIFEST);
        assertThat(s.killListPath()).isEqualTo(KILL_LIST);
    }

    @Test
    void github_is_the_other_backend() {
        assertThat(new ConfigRepoSettings("github", "config-repo", "trunk", S30, MANIFEST, KILL_LIST).github()).isTrue();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                bad("governance.config-repo.backend", () -> new ConfigRepoSettings("gitlab", "r", "main", S30, MANIFEST, KILL_LIST)),
                bad("governance.config-repo.backend", () -> new ConfigRepoSettings(" ", "r", "main", S30, MANIFEST, KILL_LIST)),
                bad("governance.config-repo.path", () -> new ConfigRepoSettings("local-git", "", "main", S30, MANIFEST, KILL_LIST)),
                bad("governance.config-repo.base-branch", () -> new ConfigRepoSettings("local-git", "r", null, S30, MANIFEST, KILL_LIST)),
                bad("governance.config-repo.base-branch", () -> new ConfigRepoSettings("local-git", "r", "my branch", S30, MANIFEST, KILL_LIST)),
                bad("governance.config-repo.sync-interval", () -> new ConfigRepoSettings("local-git", "r", "main", Duration.ZERO, MANIFEST, KILL_LIST)),
                bad("governance.config-repo.sync-interval", () -> new ConfigRepoSettings("local-git", "r", "main", null, MANIFEST, KILL_LIST)),
                bad("governance.config-repo.manifest-path", () -> new ConfigRepoSettings("local-git", "r", "main", S30, "/abs.yaml", KILL_LIST)),
                bad("governance.config-repo.manifest-path", () -> new ConfigRepoSettings("local-git", "r", "main", S30, "../x.yaml", KILL_LIST)),
                bad("governance.config-repo.kill-list-path", () -> new ConfigRepoSettings("local-git", "r", "main", S30, MANIFEST, "")),
                bad("governance.config-repo.kill-list-path", () -> new ConfigRepoSettings("local-git", "r", "main", S30, MANIFEST, MANIFEST)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void an_invalid_value_is_refused_naming_its_key(String key, Supplier<ConfigRepoSettings> settings) {
        assertThatThrownBy(settings::get).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key);
    }

    private static Arguments bad(String key, Supplier<ConfigRepoSettings> settings) {
        return Arguments.of(key, settings);
    }
}
