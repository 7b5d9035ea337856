package com.metasupervisor.reporting.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.reporting.config.PlannerSettings;
import com.metasupervisor.reporting.config.PullRequestSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The planner's settings: their defaults, and refusals that name the key. */
class PullRequestSettingsTest {

    @Test
    void defaultsAreThoseOfSpecSeven() {
        PullRequestSettings pr = PullRequestSettings.defaults();
        assertThat(pr.enabled()).isTrue();
        assertThat(pr.debounce()).isEqualTo(Duration.ofSeconds(60));
        assertThat(pr.maxWait()).isEqualTo(Duration.ofMinutes(10));
        assertThat(pr.remember()).isEqualTo(Duration.ofDays(14));
        assertThat(pr.maxDecisions()).isEqualTo(100);
        assertThat(PlannerSettings.defaults().tick()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void inconsistentDurationsAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> new PullRequestSettings(true, Duration.ZERO, Duration.ofMinutes(10), Duration.ofDays(14), 100))
                .hasMessageContaining("reporting.pull-requests.debounce");
        assertThatThrownBy(() -> new PullRequestSettings(true, Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofDays(14), 100))
                .hasMessageContaining("reporting.pull-requests.max-wait");
        assertThatThrownBy(() -> new PullRequestSettings(true, Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(5), 100))
                .hasMessageContaining("reporting.pull-requests.remember");
        assertThatThrownBy(() -> new PullRequestSettings(true, Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofDays(14), 0))
                .hasMessageContaining("reporting.pull-requests.max-decisions");
        assertThatThrownBy(() -> new PlannerSettings(Duration.ofSeconds(-1))).hasMessageContaining("reporting.planner.tick");
    }
}
