package com.metasupervisor.reporting.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.reporting.config.ExecutorSettings;
import com.metasupervisor.reporting.config.ReportingConfigRepoSettings;
import com.metasupervisor.testkit.TestCredentials;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor's and the config repository's settings: defaults once, bound by key, refusals naming the key. */
class ExecutorSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        ExecutorSettings executor = ExecutorSettings.defaults();
        assertThat(executor.retryInitial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(executor.retryMax()).isEqualTo(Duration.ofMinutes(5));
        assertThat(executor.maxAttempts()).isEqualTo(8);
        assertThat(executor.pauseBeforeDone()).isZero();
        assertThat(executor.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(executor.backoff(8)).isEqualTo(Duration.ofSeconds(128));
        assertThat(executor.backoff(20)).isEqualTo(Duration.ofMinutes(5));
        ReportingConfigRepoSettings repo = ReportingConfigRepoSettings.defaults();
        assertThat(repo.backend()).isEqualTo("local-git");
        assertThat(repo.path()).isEqualTo("config-repo");
        assertThat(repo.baseBranch()).isEqualTo("main");
    }

    @Test
    void keysBindFromConfiguration(@TempDir Path stateDir) {
        // what a context needs to start without Kafka or a registry: nothing listens on port 1, streams not started
        Map<String, Object> config = new HashMap<>(Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:1",
                "registry.url", "http://127.0.0.1:1",
                "kafka.streams.default.application.id", "reporting-settings-test-" + UUID.randomUUID(),
                "kafka.streams.default.state.dir", stateDir.toString(),
                "kafka.streams.default.start-kafka-streams", false,
                "reporting.config-repo.path", stateDir.resolve("config-repo").toString()));
        config.putAll(Map.of("reporting.executor.retry-initial", "PT2S", "reporting.executor.max-attempts", "3",
                "reporting.config-repo.backend", "github", "reporting.config-repo.base-branch", "trunk"));
        try (ApplicationContext context = ApplicationContext.run(TestCredentials.in(config))) {
            assertThat(context.getBean(ActionExecutor.class).alive()).as("the executor starts with the service").isTrue();
            assertThat(context.getBean(ExecutorSettings.class).retryInitial()).isEqualTo(Duration.ofSeconds(2));
            assertThat(context.getBean(ExecutorSettings.class).maxAttempts()).isEqualTo(3);
            assertThat(context.getBean(ExecutorSettings.class).retryMax()).isEqualTo(Duration.ofMinutes(5));
            assertThat(context.getBean(ReportingConfigRepoSettings.class).backend()).isEqualTo("github");
            assertThat(context.getBean(ReportingConfigRepoSettings.class).baseBranch()).isEqualTo("trunk");
        }
    }

    @Test
    void refusalsNameTheKey() {
        assertThatThrownBy(() -> new ExecutorSettings(Duration.ZERO, Duration.ofMinutes(5), 8, Duration.ZERO))
                .hasMessageContaining("reporting.executor.retry-initial");
        assertThatThrownBy(() -> new ExecutorSettings(Duration.ofMinutes(10), Duration.ofMinutes(5), 8, Duration.ZERO))
                .hasMessageContaining("reporting.executor.retry-max");
        assertThatThrownBy(() -> new ExecutorSettings(Duration.ofSeconds(1), Duration.ofMinutes(5), 0, Duration.ZERO))
                .hasMessageContaining("reporting.executor.max-attempts");
        assertThatThrownBy(() -> new ExecutorSettings(Duration.ofSeconds(1), Duration.ofMinutes(5), 8, Duration.ofSeconds(-1)))
                .hasMessageContaining("reporting.executor.pause-before-done");
        assertThatThrownBy(() -> new ReportingConfigRepoSettings("svn", "config-repo", "main"))
                .hasMessageContaining("reporting.config-repo.backend").hasMessageContaining("svn");
        assertThatThrownBy(() -> new ReportingConfigRepoSettings("local-git", " ", "main"))
                .hasMessageContaining("reporting.config-repo.path");
        assertThatThrownBy(() -> new ReportingConfigRepoSettings("local-git", "config-repo", "my branch"))
                .hasMessageContaining("reporting.config-repo.base-branch");
    }
}
