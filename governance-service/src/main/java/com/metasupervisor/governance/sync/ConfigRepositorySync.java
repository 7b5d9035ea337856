package com.metasupervisor.governance.sync;

import com.metasupervisor.configrepo.ConfigRepositoryBackend;

import com.metasupervisor.configrepo.ConfigRepository;
import com.metasupervisor.configrepo.ConfigRepositoryException;
import com.metasupervisor.configrepo.RepoFile;
import com.metasupervisor.configrepo.files.ConfigFileException;
import com.metasupervisor.governance.config.ConfigRepoSettings;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manifest sync (SPEC §6): every {@code governance.config-repo.sync-interval} it reads the head of the config
 * repository's base branch and, when the head moved, parses {@code agents/manifest.yaml} and
 * {@code meta_supervisor/kill_list.yaml} there and publishes what changed on {@code agents.registry} and
 * {@code governance.strategy-limits}.
 * <ul>
 *   <li>A head already tried (good or bad) is not read again.</li>
 *   <li>Any problem in either file is logged (ERROR, each with file, line and key) and recorded in
 *   {@link ConfigSyncStatus}; nothing is published and the last good revision stays in force.</li>
 *   <li>A good revision is published as changes against the revision published before it (everything on the first
 *   sync after a start); a failed publish is retried on every tick until Kafka acknowledges it.</li>
 *   <li>The repository is only read: the person's files keep their comments, key order and bytes.</li>
 * </ul>
 * {@link #tick()} is one step; the service schedules it, tests call it.
 */
@Singleton
public class ConfigRepositorySync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigRepositorySync.class);

    /** What a tick did. */
    public enum Outcome {
        /** The head is the one tried last and nothing waits to be published. */
        UNCHANGED,
        /** A good revision's changes were all acknowledged (possibly none: the files did not change). */
        PUBLISHED,
        /** The head's files have problems: nothing published, the last good revision stays in force. */
        REJECTED,
        /** A good revision could not be published; retried next tick. */
        PUBLISH_FAILED,
        /** The repository could not be opened or read; retried next tick. */
        UNREACHABLE,
        /** The head moved while the files were read; read again next tick. */
        MOVED
    }

    private final ConfigRepoSettings settings;
    private final ConfigRepositoryBackend backend;
    private final ConfigPublication publication;
    private final ConfigSyncStatus status;
    private final Clock clock;
    private final TaskScheduler scheduler;

    private ConfigRepository repository;
    private String lastAttemptedCommit;
    /** Good, not yet (entirely) acknowledged: published on the next tick whatever the head. */
    private ConfigRevision pending;
    private ConfigRevision published;
    private boolean killListDefaultsLogged;
    private ScheduledFuture<?> schedule;

    @Inject
    ConfigRepositorySync(ConfigRepoSettings settings, ConfigPublication publication, ConfigSyncStatus status, Clock clock,
                         @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this(settings, settings.backend(System.getenv()), publication, status, clock, scheduler);
    }

    /** Unscheduled (tests call {@link #tick()}) when {@code scheduler} is null. */
    public ConfigRepositorySync(ConfigRepoSettings settings, ConfigRepositoryBackend backend, ConfigPublication publication,
                                ConfigSyncStatus status, Clock clock, TaskScheduler scheduler) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.publication = Objects.requireNonNull(publication, "publication");
        this.status = Objects.requireNonNull(status, "status");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = scheduler;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        start();
    }

    /** Ticks now, then every sync interval after the previous tick ended. */
    synchronized void start() {
        if (scheduler != null && schedule == null) {
            LOG.info("config repository sync: {} base branch {} every {}", backend.name(), settings.baseBranch(), settings.syncInterval());
            schedule = scheduler.scheduleWithFixedDelay(Duration.ZERO, settings.syncInterval(), this::tickLogged);
        }
    }

    private void tickLogged() {
        try {
            tick();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again
            LOG.error("config repository sync failed; retrying in {}", settings.syncInterval(), e);
        }
    }

    /** One sync step: read the head, and publish what a new good revision changes. */
    public synchronized Outcome tick() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String head;
        try {
            head = repository().baseHead();
        } catch (RuntimeException e) {
            return unreachable(now, e);
        }
        if (head.equals(lastAttemptedCommit)) {
            return pending == null ? Outcome.UNCHANGED : publishPending(now);
        }
        ConfigRevision revision;
        try {
            Optional<RepoFile> manifest = repository.read(settings.manifestPath());
            Optional<RepoFile> killList = repository.read(settings.killListPath());
            if (readElsewhere(head, manifest) || readElsewhere(head, killList)) {
                LOG.info("the base branch moved from {} while it was read; reading it again next tick", head);
                return Outcome.MOVED;
            }
            Instant commitTime = repository.commitTime(head);
            revision = ConfigRevision.parse(head, commitTime, settings.manifestPath(), manifest.map(RepoFile::content),
                    settings.killListPath(), killList.map(RepoFile::content));
        } catch (ConfigFileException e) {
            lastAttemptedCommit = head;
            List<SyncProblem> problems = e.problems().stream().map(SyncProblem::of).toList();
            problems.forEach(problem -> LOG.error("config repository {} {}: {}", settings.baseBranch(), abbreviated(head), problem));
            LOG.error("config repository {} {} refused ({} {}); {}", settings.baseBranch(), abbreviated(head), problems.size(),
                    problems.size() == 1 ? "problem" : "problems", inForce());
            status.rejected(now, head, problems);
            return Outcome.REJECTED;
        } catch (RuntimeException e) {
            return unreachable(now, e);
        }
        lastAttemptedCommit = head;
        noteMissingFiles(revision);
        LOG.info("config repository {} {}: {} agents, {} strategy classes", settings.baseBranch(), abbreviated(head),
                revision.agentCount(), revision.classCount());
        pending = revision;
        status.accepted(now, revision);
        return publishPending(now);
    }

    private Outcome publishPending(Instant now) {
        RevisionChanges changes = RevisionChanges.between(Optional.ofNullable(published), pending);
        if (!changes.isEmpty()) {
            try {
                publication.publish(PublishedRecords.agentManifests(changes, pending), PublishedRecords.strategyLimits(changes, pending));
            } catch (ConfigPublication.Failure e) {
                LOG.warn("publishing config repository commit {} failed, retrying next tick: {}", abbreviated(pending.commit()), e.getMessage());
                status.publishFailed(now, pending, e.getMessage());
                return Outcome.PUBLISH_FAILED;
            }
            LOG.info("published config repository commit {}: {} agent and {} strategy-class changes", abbreviated(pending.commit()),
                    changes.agents().size(), changes.classes().size());
        }
        published = pending;
        pending = null;
        status.published(now, published);
        return Outcome.PUBLISHED;
    }

    private Outcome unreachable(Instant now, RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        LOG.error("config repository ({} base branch {}) cannot be read: {}; {}", backend.name(), settings.baseBranch(), message, inForce());
        status.unreachable(now, message);
        // the head is read (and its problems reported) again once the repository answers
        lastAttemptedCommit = null;
        if (repository != null && !(e instanceof ConfigRepositoryException)) {
            // an unexpected failure may have left the backend in a bad state: open it afresh next tick
            closeRepository();
        }
        return Outcome.UNREACHABLE;
    }

    private String inForce() {
        ConfigRevision good = pending != null ? pending : published;
        return good == null ? "no configuration from it is in force yet" : "the last good revision " + abbreviated(good.commit()) + " stays in force";
    }

    private void noteMissingFiles(ConfigRevision revision) {
        if (revision.manifestMissing()) {
            LOG.warn("config repository {} {} has no {}: no agents", settings.baseBranch(), abbreviated(revision.commit()),
                    settings.manifestPath());
        }
        if (revision.killListDefaulted() && !killListDefaultsLogged) {
            LOG.warn("config repository {} has no {}: SPEC §6's default kill list is in force", settings.baseBranch(), settings.killListPath());
        }
        killListDefaultsLogged = revision.killListDefaulted();
    }

    private ConfigRepository repository() {
        if (repository == null) {
            repository = backend.open();
            LOG.info("config repository opened: {}", repository);
        }
        return repository;
    }

    private static boolean readElsewhere(String head, Optional<RepoFile> file) {
        return file.isPresent() && !file.get().commit().equals(head);
    }

    private static String abbreviated(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    private void closeRepository() {
        try {
            repository.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the config repository failed", e);
        } finally {
            repository = null;
        }
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        if (schedule != null) {
            schedule.cancel(false);
            schedule = null;
        }
        if (repository != null) {
            closeRepository();
        }
    }
}
