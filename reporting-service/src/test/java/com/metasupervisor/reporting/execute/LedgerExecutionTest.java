package com.metasupervisor.reporting.execute;

import static com.metasupervisor.reporting.execute.ExecuteFixtures.T0;
import static com.metasupervisor.reporting.execute.ExecuteFixtures.alert;
import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.avro.ReportingAction;
import com.metasupervisor.avro.ReportingStatus;
import com.metasupervisor.configrepo.ConfigRepositoryException;
import com.metasupervisor.reporting.config.ExecutorSettings;
import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.ledger.ActionRequest;
import com.metasupervisor.reporting.ledger.DivergenceEmailRequest;
import com.metasupervisor.reporting.ledger.LedgerRecords;
import com.metasupervisor.reporting.ledger.PrCommentRequest;
import com.metasupervisor.reporting.ledger.WebhookRequest;
import com.metasupervisor.reporting.notify.RateLimitedDeliveryException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LedgerExecutionTest {

    private static final ExecutorSettings SETTINGS = new ExecutorSettings(Duration.ofSeconds(1), Duration.ofSeconds(10), 5, Duration.ZERO);

    /** Records what it performed; answers from a script of outcomes (null: success), then succeeds. */
    private static final class ScriptedPerformer implements ActionPerformer {
        final List<String> performed = new ArrayList<>();
        final Deque<Exception> failures = new ArrayDeque<>();
        List<ActionRequest> followUps = List.of();

        @Override
        public PerformedAction perform(ReportingAction started, ActionRequest request) throws Exception {
            performed.add(started.getActionKey());
            Exception next = failures.poll();
            if (next != null) {
                throw next;
            }
            return new PerformedAction("ref:" + started.getActionKey(), null, followUps);
        }
    }

    private static WebhookRequest webhook(String alertId) {
        return new WebhookRequest(null, alert(alertId, "agent-" + alertId), null);
    }

    private final ScriptedPerformer webhooks = new ScriptedPerformer();
    private final LedgerExecution execution = new LedgerExecution(Map.of(WebhookRequest.class, webhooks), SETTINGS);
    private long offset;

    private ReportingAction read(ReportingAction record) {
        execution.read(record.getActionKey(), record, offset++);
        return record;
    }

    /** Writes a step's records back, as the executor does, and returns its outcome. */
    private ReportingAction performAndReadBack(Instant now) {
        LedgerExecution.Step step = execution.performNext(now).orElseThrow();
        step.writes().forEach(this::read);
        return step.outcome();
    }

    @Test
    void performsOnlyKeysWhoseLatestIsStartedInLedgerOrder() {
        ReportingAction a = read(LedgerRecords.started(webhook("a"), T0));
        ReportingAction b = read(LedgerRecords.started(webhook("b"), T0));
        read(LedgerRecords.started(webhook("c"), T0));
        read(LedgerRecords.done(b, "webhook", null, 1, T0)); // b was done before a restart
        read(LedgerRecords.started(webhook("d"), T0));
        assertThat(execution.pendingCount()).isEqualTo(3);

        List<ReportingAction> outcomes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            outcomes.add(performAndReadBack(T0));
        }
        assertThat(webhooks.performed).containsExactly(a.getActionKey(), "webhook:alert:c:OPENED", "webhook:alert:d:OPENED");
        assertThat(LedgerRecords.request(outcomes.getFirst())).isEqualTo(webhook("a"));
        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.getStatus()).isEqualTo(ReportingStatus.DONE);
            assertThat(o.getReference()).isEqualTo("ref:" + o.getActionKey());
            assertThat(o.getAttempts()).isEqualTo(1);
            // the outcome carries the request it performed
            assertThat(LedgerRecords.request(o).actionKey()).isEqualTo(o.getActionKey());
        });
        assertThat(execution.performNext(T0)).isEmpty();
        assertThat(execution.pendingCount()).isZero();
        assertThat(execution.latestRecords()).extracting(ReportingAction::getActionKey)
                .containsExactly("webhook:alert:d:OPENED", "webhook:alert:c:OPENED", "webhook:alert:a:OPENED", "webhook:alert:b:OPENED");
    }

    @Test
    void retryableFailuresBackOffExponentiallyUpToTheMaxThenFail() {
        read(LedgerRecords.started(webhook("a"), T0));
        for (int i = 0; i < 4; i++) {
            webhooks.failures.add(new IOException("connection reset " + i));
        }
        webhooks.failures.add(new ConfigRepositoryException("GitHub could not create the ref: status 502"));
        Instant now = T0;
        List<Duration> waits = new ArrayList<>();
        for (int attempt = 1; attempt < 5; attempt++) {
            assertThat(execution.performNext(now)).as("attempt %d retried later", attempt).isEmpty();
            Instant due = execution.nextDue().orElseThrow();
            waits.add(Duration.between(now, due));
            assertThat(execution.performNext(due.minusMillis(1))).as("not before it is due").isEmpty();
            now = due;
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
        ReportingAction failed = performAndReadBack(now);
        assertThat(failed.getStatus()).isEqualTo(ReportingStatus.FAILED);
        assertThat(failed.getAttempts()).isEqualTo(5);
        assertThat(failed.getDetail()).isEqualTo("gave up after 5 attempts: GitHub could not create the ref: status 502");
        assertThat(webhooks.performed).hasSize(5);
        assertThat(execution.lastError()).contains("status 502");
        assertThat(SETTINGS.backoff(7)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aPermanentFailureIsFailedAtOnceAndARateLimitWaitsWhatTheReceiverSaid() {
        read(LedgerRecords.started(webhook("a"), T0));
        read(LedgerRecords.started(webhook("b"), T0));
        webhooks.failures.add(new IllegalArgumentException("refusing to write the base branch 'main'"));
        webhooks.failures.add(new RateLimitedDeliveryException("webhook https://hooks.example answered 429", Duration.ofSeconds(30)));
        ReportingAction failed = performAndReadBack(T0);
        assertThat(failed.getStatus()).isEqualTo(ReportingStatus.FAILED);
        assertThat(failed.getAttempts()).isEqualTo(1);
        assertThat(failed.getDetail()).isEqualTo("refusing to write the base branch 'main'");
        assertThat(execution.performNext(T0)).isEmpty();
        assertThat(execution.nextDue()).contains(T0.plusSeconds(30));
        assertThat(performAndReadBack(T0.plusSeconds(30)).getStatus()).isEqualTo(ReportingStatus.DONE);
    }

    @Test
    void aRequestWithoutPerformerOrUnreadableIsFailedNotConfigured() {
        AlertLine line = alert("x", "agent");
        read(LedgerRecords.started(new DivergenceEmailRequest(line), T0));
        ReportingAction noRequest = ReportingAction.newBuilder(LedgerRecords.started(webhook("y"), T0)).setRequest("{\"type\":\"nope\"}").build();
        read(noRequest);
        ReportingAction email = performAndReadBack(T0);
        assertThat(email.getStatus()).isEqualTo(ReportingStatus.FAILED);
        assertThat(email.getDetail()).startsWith("not configured").contains("EMAIL");
        ReportingAction unreadable = performAndReadBack(T0);
        assertThat(unreadable.getStatus()).isEqualTo(ReportingStatus.FAILED);
        assertThat(unreadable.getDetail()).contains("unreadable request");
        assertThat(webhooks.performed).isEmpty();
    }

    @Test
    void followUpsArePlannedStartedBeforeTheDoneAndNeverTwice() {
        PrCommentRequest comment = new PrCommentRequest("meta-supervisor/decisions-abc", alert("a1", "arb"));
        PrCommentRequest known = new PrCommentRequest("meta-supervisor/decisions-abc", alert("a2", "arb"));
        webhooks.followUps = List.of(comment, known, comment);
        read(LedgerRecords.done(LedgerRecords.started(known, T0), "url", null, 1, T0));
        read(LedgerRecords.started(webhook("a"), T0));
        LedgerExecution.Step step = execution.performNext(T0).orElseThrow();
        assertThat(step.writes()).extracting(ReportingAction::getActionKey, ReportingAction::getStatus).containsExactly(
                org.assertj.core.groups.Tuple.tuple(comment.actionKey(), ReportingStatus.STARTED),
                org.assertj.core.groups.Tuple.tuple("webhook:alert:a:OPENED", ReportingStatus.DONE));
        assertThat(LedgerRecords.request(step.writes().getFirst())).isEqualTo(comment);
    }

    @Test
    void aTombstoneForgetsAKeyAndAReplannedStartedKeepsItsAttempts() {
        ReportingAction a = read(LedgerRecords.started(webhook("a"), T0));
        webhooks.failures.add(new IOException("down"));
        assertThat(execution.performNext(T0)).isEmpty();
        read(a); // the same action planned again: still waiting for its retry
        assertThat(execution.performNext(T0)).isEmpty();
        execution.read(a.getActionKey(), null, offset++);
        assertThat(execution.pendingCount()).isZero();
        assertThat(execution.latest(a.getActionKey())).isEmpty();
    }

    /** Seeded: whatever the interleaving of STARTED / DONE / FAILED records, pending = keys whose latest is STARTED. */
    @Test
    void seededLedgersPendingIsExactlyTheKeysWhoseLatestIsStarted() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            LedgerExecution fresh = new LedgerExecution(Map.of(), SETTINGS);
            Map<String, ReportingStatus> latest = new java.util.HashMap<>();
            for (int i = 0; i < 40; i++) {
                ReportingAction started = LedgerRecords.started(webhook("k" + random.nextInt(8)), T0);
                ReportingAction record = switch (random.nextInt(3)) {
                    case 0 -> started;
                    case 1 -> LedgerRecords.done(started, "webhook", null, 1, T0);
                    default -> LedgerRecords.failed(started, "x", 1, T0);
                };
                fresh.read(record.getActionKey(), record, i);
                latest.put(record.getActionKey(), record.getStatus());
            }
            long expected = latest.values().stream().filter(s -> s == ReportingStatus.STARTED).count();
            assertThat(fresh.pendingCount()).as("round %d", round).isEqualTo((int) expected);
            assertThat(fresh.latestRecords()).hasSize(latest.size());
        }
    }
}
