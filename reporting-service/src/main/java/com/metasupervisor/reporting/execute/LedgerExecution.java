package com.metasupervisor.reporting.execute;

import com.metasupervisor.avro.ReportingAction;
import com.metasupervisor.avro.ReportingStatus;
import com.metasupervisor.reporting.config.ExecutorSettings;
import com.metasupervisor.reporting.ledger.ActionRequest;
import com.metasupervisor.reporting.ledger.LedgerRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor's view of {@code reporting.ledger} and what it does next, without Kafka: fed every record in log order
 * ({@link #read}), it keeps the latest record per key; a key whose latest is STARTED is pending. {@link #performNext}
 * performs the oldest pending action that is due (in ledger order; one waiting for its retry does not hold up the
 * others) and answers the records to write: follow-up STARTED records, then DONE or FAILED — or nothing when a
 * retryable failure is tried again later. What it answers is not applied here: the caller writes it and reads it back,
 * so this view is always the ledger's (attempt counts and retry times are this process's only; a restart starts them
 * afresh).
 */
public final class LedgerExecution {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerExecution.class);

    /** The records to write after performing {@code action}, in this order. */
    public record Step(ReportingAction action, List<ReportingAction> writes) {
        public Step {
            Objects.requireNonNull(action, "action");
            writes = List.copyOf(writes);
        }

        /** The outcome (DONE or FAILED): the last record written. */
        public ReportingAction outcome() {
            return writes.getLast();
        }
    }

    private record Pending(long offset, ReportingAction started, int attempts, Instant notBefore) {
    }

    private final Map<Class<? extends ActionRequest>, ActionPerformer> performers;
    private final ExecutorSettings settings;
    private final Map<String, ReportingAction> latest = new HashMap<>();
    private final Map<String, Long> latestOffset = new HashMap<>();
    private final Map<String, Pending> pending = new HashMap<>();
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    public LedgerExecution(Map<Class<? extends ActionRequest>, ActionPerformer> performers, ExecutorSettings settings) {
        this.performers = Map.copyOf(performers);
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The next ledger record, at {@code offset}; null {@code action}: a tombstone (the key is forgotten). */
    public synchronized void read(String key, ReportingAction action, long offset) {
        if (action == null) {
            latest.remove(key);
            latestOffset.remove(key);
            pending.remove(key);
            return;
        }
        latest.put(key, action);
        latestOffset.put(key, offset);
        if (action.getStatus() == ReportingStatus.STARTED) {
            Pending before = pending.get(key);
            // a STARTED read again (re-planned) keeps its attempts and retry time
            pending.put(key, before == null ? new Pending(offset, action, 0, Instant.MIN)
                    : new Pending(offset, action, before.attempts(), before.notBefore()));
        } else {
            pending.remove(key);
        }
    }

    /** The latest record of {@code key}, if the ledger has one. */
    public synchronized Optional<ReportingAction> latest(String key) {
        return Optional.ofNullable(latest.get(key));
    }

    /** The latest record of every key, the most recently written first (ledger order). */
    public synchronized List<ReportingAction> latestRecords() {
        return latest.keySet().stream().sorted(Comparator.comparing(latestOffset::get, Comparator.reverseOrder()))
                .map(latest::get).toList();
    }

    public synchronized int pendingCount() {
        return pending.size();
    }

    /** When the earliest pending action is due; empty when none is pending. */
    public synchronized Optional<Instant> nextDue() {
        return pending.values().stream().map(Pending::notBefore).min(Comparator.naturalOrder());
    }

    /** The last failure (attempt or outcome), one line; null before any. */
    public String lastError() {
        return lastError;
    }

    public Instant lastErrorAt() {
        return lastErrorAt;
    }

    /**
     * Performs the oldest pending action due at {@code now}. Empty when none is due, or when the one performed failed
     * retryably and waits for its next attempt.
     */
    public Optional<Step> performNext(Instant now) {
        Pending next;
        synchronized (this) {
            next = pending.values().stream().filter(p -> !p.notBefore().isAfter(now))
                    .min(Comparator.comparingLong(Pending::offset)).orElse(null);
        }
        if (next == null) {
            return Optional.empty();
        }
        ReportingAction started = next.started();
        int attempt = next.attempts() + 1;
        ActionRequest request;
        try {
            request = LedgerRecords.request(started);
        } catch (IllegalArgumentException e) {
            return Optional.of(failed(started, e.getMessage(), attempt, now));
        }
        ActionPerformer performer = performers.get(request.getClass());
        if (performer == null) {
            return Optional.of(failed(started, "not configured: this service performs no " + started.getKind()
                    + " action of this type (" + request.getClass().getSimpleName() + ")", attempt, now));
        }
        PerformedAction performed;
        try {
            performed = performer.perform(started, request);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            ActionFailure failure = ActionFailure.of(e);
            if (failure.retryable() && attempt < settings.maxAttempts()) {
                Duration wait = settings.backoff(attempt);
                if (failure.retryAfter().isPresent() && failure.retryAfter().get().compareTo(wait) > 0) {
                    wait = failure.retryAfter().get();
                }
                noteError(started.getActionKey() + ": " + failure.message(), now);
                LOG.warn("{} {} failed (attempt {} of {}), retrying in {}: {}", started.getKind(), started.getActionKey(), attempt,
                        settings.maxAttempts(), wait, failure.message());
                synchronized (this) {
                    // unless the ledger moved on meanwhile
                    if (pending.get(started.getActionKey()) == next) {
                        pending.put(started.getActionKey(), new Pending(next.offset(), started, attempt, now.plus(wait)));
                    }
                }
                return Optional.empty();
            }
            return Optional.of(failed(started, (failure.retryable() ? "gave up after " + attempt + " attempts: " : "")
                    + failure.message(), attempt, now));
        }
        List<ReportingAction> writes = new ArrayList<>();
        for (ActionRequest followUp : performed.followUps()) {
            if (latest(followUp.actionKey()).isEmpty() && writes.stream().noneMatch(w -> w.getActionKey().equals(followUp.actionKey()))) {
                writes.add(LedgerRecords.started(followUp, now));
            }
        }
        writes.add(LedgerRecords.done(started, performed.reference(), performed.detail(), attempt, now));
        return Optional.of(new Step(started, writes));
    }

    private Step failed(ReportingAction started, String message, int attempt, Instant now) {
        noteError(started.getActionKey() + ": " + message, now);
        LOG.error("{} {} FAILED after {} attempt(s): {}", started.getKind(), started.getActionKey(), attempt, message);
        return new Step(started, List.of(LedgerRecords.failed(started, message, attempt, now)));
    }

    private void noteError(String message, Instant at) {
        lastError = message;
        lastErrorAt = at;
    }
}
