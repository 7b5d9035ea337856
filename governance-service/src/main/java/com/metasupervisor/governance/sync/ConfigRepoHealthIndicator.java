package com.metasupervisor.governance.sync;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.reactivestreams.Publisher;

/**
 * Health {@value #NAME}: UP while a good revision of the config repository is in force, even when the newest head is
 * refused (the last good one stays in force; the details say so); DOWN only before any good revision (the repository
 * unreachable, or its files invalid, from the start). Reads the status only: no I/O.
 */
@Singleton
public final class ConfigRepoHealthIndicator implements HealthIndicator {

    public static final String NAME = "config-repo";

    private final ConfigSyncStatus status;

    public ConfigRepoHealthIndicator(ConfigSyncStatus status) {
        this.status = Objects.requireNonNull(status, "status");
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(result());
    }

    HealthResult result() {
        ConfigSyncState state = status.state();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("backend", state.backend());
        details.put("base_branch", state.baseBranch());
        if (state.lastGood() != null) {
            ConfigSyncState.GoodRevision good = state.lastGood();
            details.put("commit", good.commit());
            details.put("commit_time", good.commitTime().toString());
            details.put("agents", good.agents());
            details.put("strategy_classes", good.classes());
            if (good.killListDefaulted()) {
                details.put("kill_list", "the file is missing: SPEC §6 defaults in force");
            }
            if (good.manifestMissing()) {
                details.put("manifest", "the file is missing: no agents");
            }
        }
        if (state.publishedCommit() != null) {
            details.put("published_commit", state.publishedCommit());
        }
        if (state.lastAttemptAt() != null) {
            details.put("last_attempt_at", state.lastAttemptAt().toString());
        }
        if (!state.problems().isEmpty()) {
            details.put("problems", state.problems().stream().map(SyncProblem::toString).toList());
            if (state.inForce()) {
                details.put("in_force", "the last good revision " + state.lastGood().commit() + " stays in force");
            }
        }
        if (state.lastPublishFailure() != null) {
            ConfigSyncState.PublishFailure failure = state.lastPublishFailure();
            details.put("last_publish_failure", failure.at() + " " + failure.commit() + ": " + failure.message());
        }
        return HealthResult.builder(NAME, state.inForce() ? HealthStatus.UP : HealthStatus.DOWN).details(details).build();
    }
}
