package com.metasupervisor.reporting.execute;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.configrepo.ConfigRepositoryException;
import com.metasupervisor.configrepo.files.ConfigFileException;
import com.metasupervisor.configrepo.files.ManifestFile;
import com.metasupervisor.reporting.notify.RateLimitedDeliveryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ActionFailureTest {

    @Test
    void configRepositoryErrorsAreRetryableUnlessGitHubRefusedTheRequestItself() {
        assertThat(ActionFailure.of(new ConfigRepositoryException("GitHub create the ref failed: ConnectException: refused")).retryable()).isTrue();
        assertThat(ActionFailure.of(new ConfigRepositoryException("GitHub could not create the pull request: status 502 (Bad Gateway)")).retryable()).isTrue();
        assertThat(ActionFailure.of(new ConfigRepositoryException("GitHub list pulls answered 503 with a body that is not JSON")).retryable()).isTrue();
        assertThat(ActionFailure.of(new ConfigRepositoryException("GitHub rate limit: create a blob was refused 5 times (last status 403: x); giving up")).retryable()).isTrue();
        assertThat(ActionFailure.of(new ConfigRepositoryException("no config repository at /srv/config-repo yet")).retryable()).isTrue();
        assertThat(ActionFailure.of(new ConfigRepositoryException("GitHub could not read the base branch: status 401 (Bad credentials)")).retryable()).isFalse();
        assertThat(ActionFailure.of(new ConfigRepositoryException("GitHub could not create the ref: status 422 (Invalid ref)")).retryable()).isFalse();
    }

    @Test
    void callersErrorsAndRefusedFilesArePermanentIoIsRetryable() {
        assertThat(ActionFailure.of(new IllegalArgumentException("refusing to write the base branch 'main'")).retryable()).isFalse();
        assertThat(ActionFailure.of(new IllegalStateException("the edited manifest does not read back as intended")).retryable()).isFalse();
        ConfigFileException bad = org.junit.jupiter.api.Assertions.assertThrows(ConfigFileException.class,
                () -> ManifestFile.parse("agents:\n  - agent: a\n"));
        ActionFailure refused = ActionFailure.of(bad);
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.message()).contains("agents/manifest.yaml line").doesNotContain("\n");
        assertThat(ActionFailure.of(new IOException("reset")).retryable()).isTrue();
        assertThat(ActionFailure.of(new UncheckedIOException(new IOException("disk"))).retryable()).isTrue();
        assertThat(ActionFailure.of(new ScheduledReportPerformer.HistoryNotReadyException("catching up")).retryable()).isTrue();
    }

    @Test
    void aRateLimitCarriesTheReceiversWaitAndAMessageIsOneLine() {
        ActionFailure limited = ActionFailure.of(new RateLimitedDeliveryException("webhook https://hooks.example answered 429", Duration.ofSeconds(42)));
        assertThat(limited.retryable()).isTrue();
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(42));
        assertThat(ActionFailure.of(new IllegalArgumentException("a\r\nb\tc")).message()).isEqualTo("a b c");
        assertThat(ActionFailure.of(new NullPointerException()).message()).isEqualTo("NullPointerException");
    }
}
