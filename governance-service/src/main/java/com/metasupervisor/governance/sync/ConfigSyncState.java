package com.metasupervisor.governance.sync;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the manifest sync knows at one moment ({@link ConfigSyncStatus#state()}), for REST and the health indicator.
 *
 * @param backend            {@code local-git} or {@code github}
 * @param baseBranch         the branch read
 * @param lastGood           the newest revision read without a problem: the configuration in force (null: none yet)
 * @param publishedCommit    the commit whose records were last all acknowledged by Kafka (null: none since start)
 * @param publishedAt        when
 * @param lastAttemptAt      the last time the sync read a new head (or failed to reach the repository)
 * @param lastAttemptCommit  the head it read then (null: the repository could not be read)
 * @param problems           why the last attempt was refused; empty when it was good
 * @param lastPublishFailure the last time publishing failed (it is retried every tick until it succeeds)
 */
@Serdeable
public record ConfigSyncState(String backend, String baseBranch, @Nullable GoodRevision lastGood,
                              @Nullable String publishedCommit, @Nullable Instant publishedAt,
                              @Nullable Instant lastAttemptAt, @Nullable String lastAttemptCommit,
                              List<SyncProblem> problems, @Nullable PublishFailure lastPublishFailure) {

    public ConfigSyncState {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(baseBranch, "baseBranch");
        problems = List.copyOf(problems);
    }

    /** A revision read without a problem. */
    @Serdeable
    public record GoodRevision(String commit, Instant commitTime, int agents, int classes, boolean manifestMissing,
                               boolean killListDefaulted, Instant readAt) {
        static GoodRevision of(ConfigRevision revision, Instant readAt) {
            return new GoodRevision(revision.commit(), revision.commitTime(), revision.agentCount(), revision.classCount(),
                    revision.manifestMissing(), revision.killListDefaulted(), readAt);
        }
    }

    /** Publishing {@code commit}'s records failed at {@code at}: {@code message}. */
    @Serdeable
    public record PublishFailure(Instant at, String commit, String message) {
    }

    /** A good revision is in force (its records are published, or will be on a following tick). */
    public boolean inForce() {
        return lastGood != null;
    }

    /** The good revision's records still wait for Kafka's acknowledgement. */
    public boolean publishPending() {
        return lastGood != null && !lastGood.commit().equals(publishedCommit);
    }
}
