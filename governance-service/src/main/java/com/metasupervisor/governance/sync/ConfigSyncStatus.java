package com.metasupervisor.governance.sync;

import com.metasupervisor.governance.config.ConfigRepoSettings;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * The manifest sync's status, written by {@link ConfigRepositorySync} and read by REST ({@code GET /config}) and the
 * {@code config-repo} health indicator. Thread-safe: each change replaces one immutable {@link ConfigSyncState}.
 */
@Singleton
public final class ConfigSyncStatus {

    private volatile ConfigSyncState state;

    public ConfigSyncStatus(ConfigRepoSettings settings) {
        this.state = new ConfigSyncState(settings.backend(), settings.baseBranch(), null, null, null, null, null, List.of(), null);
    }

    public ConfigSyncState state() {
        return state;
    }

    synchronized void accepted(Instant at, ConfigRevision revision) {
        ConfigSyncState s = state;
        state = new ConfigSyncState(s.backend(), s.baseBranch(), ConfigSyncState.GoodRevision.of(revision, at), s.publishedCommit(),
                s.publishedAt(), at, revision.commit(), List.of(), s.lastPublishFailure());
    }

    synchronized void rejected(Instant at, String commit, List<SyncProblem> problems) {
        ConfigSyncState s = state;
        state = new ConfigSyncState(s.backend(), s.baseBranch(), s.lastGood(), s.publishedCommit(), s.publishedAt(), at, commit,
                problems, s.lastPublishFailure());
    }

    synchronized void unreachable(Instant at, String message) {
        rejected(at, null, List.of(SyncProblem.repository(message)));
    }

    synchronized void published(Instant at, ConfigRevision revision) {
        ConfigSyncState s = state;
        state = new ConfigSyncState(s.backend(), s.baseBranch(), s.lastGood(), revision.commit(), at, s.lastAttemptAt(),
                s.lastAttemptCommit(), s.problems(), s.lastPublishFailure());
    }

    synchronized void publishFailed(Instant at, ConfigRevision revision, String message) {
        ConfigSyncState s = state;
        state = new ConfigSyncState(s.backend(), s.baseBranch(), s.lastGood(), s.publishedCommit(), s.publishedAt(), s.lastAttemptAt(),
                s.lastAttemptCommit(), s.problems(), new ConfigSyncState.PublishFailure(at, revision.commit(), message));
    }
}
