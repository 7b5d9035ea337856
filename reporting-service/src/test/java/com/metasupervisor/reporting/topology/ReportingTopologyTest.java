package com.metasupervisor.reporting.topology;

import static com.metasupervisor.reporting.topology.PlannerDriver.T0;
import static com.metasupervisor.reporting.topology.PlannerDriver.change;
import static com.metasupervisor.reporting.topology.PlannerDriver.decision;
import static com.metasupervisor.reporting.topology.PlannerDriver.disabledClass;
import static com.metasupervisor.reporting.topology.PlannerDriver.divergence;
import static com.metasupervisor.reporting.topology.PlannerDriver.feedGap;
import static com.metasupervisor.reporting.topology.PlannerDriver.proposal;
import static com.metasupervisor.reporting.topology.PlannerDriver.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.avro.AgentAllocation;
import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AlertTransition;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.avro.GovernanceAction;
import com.metasupervisor.avro.GovernanceDecision;
import com.metasupervisor.reporting.config.WebhookSettings;
import com.metasupervisor.reporting.domain.DecisionBatch;
import com.metasupervisor.reporting.domain.DecisionKind;
import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.domain.report.DisabledClass;
import com.metasupervisor.reporting.ledger.ActionKeys;
import com.metasupervisor.reporting.ledger.ActionRequest;
import com.metasupervisor.reporting.ledger.DecisionBatchRequest;
import com.metasupervisor.reporting.ledger.DivergenceEmailRequest;
import com.metasupervisor.reporting.ledger.LedgerRecords;
import com.metasupervisor.reporting.ledger.PrCommentRequest;
import com.metasupervisor.reporting.ledger.StrategyDisableRequest;
import com.metasupervisor.reporting.ledger.WebhookRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** The planner on TopologyTestDriver: debounce windows, class disables, alerts, webhooks (schedules: ReportingSchedulesTest). */
class ReportingTopologyTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void everyInputGoesThroughOneSinglePartitionRepartitionToThePlannerAndItsStores() {
        org.apache.kafka.streams.StreamsBuilder builder = new org.apache.kafka.streams.StreamsBuilder();
        PlannerDriver.Settings s = PlannerDriver.Settings.standard();
        ReportingTopology.build(builder, com.metasupervisor.testkit.TopologyDriver.SERDES, s.pullRequests(), s.planner(), s.webhook(),
                s.email(), s.lpReport(), java.time.Clock.systemUTC());
        String description = builder.build().describe().toString();
        assertThat(description).contains("Sink: reporting-inputs-repartition-sink (topic: reporting-inputs-repartition)",
                "Processor: reporting-planner (stores: [", "Sink: reporting-ledger (topic: reporting.ledger)");
        for (String topic : List.of("governance.decisions", "alerts", "allocations", "governance.strategy-status",
                "governance.proposals")) {
            assertThat(description).contains("topics: [" + topic + "]");
        }
        ReportingTopology.STORES.forEach(store -> assertThat(description).contains(store));
    }

    @Test
    void aWindowOfThreeDecisionsClosesOnceAfterTheDebounceIntoOneBatchWithWhatThePlannerKnew() {
        try (PlannerDriver p = new PlannerDriver(PlannerDriver.Settings.standard())) {
            p.allocate(snapshot("s1", T0, Map.of("agent-a", 0.2, "agent-b", 0.3, "agent-c", 0.1, "agent-x", 0.0), List.of()));
            p.status(disabledClass("meanrev", T0));
            p.alert(divergence("agent-b", 1, AlertTransition.OPENED, T0));
            p.alert(divergence("agent-z", 1, AlertTransition.OPENED, T0));
            GovernanceDecision a = decision("agent-a", GovernanceAction.PROMOTE, T0, false);
            p.decide(a);
            p.advance(Duration.ofSeconds(10));
            GovernanceDecision b = decision("agent-b", GovernanceAction.RETIRE, p.clock.instant(), false);
            p.decide(b);
            p.advance(Duration.ofSeconds(10));
            GovernanceDecision c = decision("agent-c", GovernanceAction.KILL, p.clock.instant(), false);
            p.decide(c);
            Instant last = p.clock.instant();
            p.planned();

            p.advanceTo(last.plus(Duration.ofSeconds(59)), SECOND);
            assertThat(p.planned(p.planned(), DecisionBatchRequest.class)).as("59 s after the newest decision").isEmpty();

            p.advance(SECOND);
            List<DecisionBatchRequest> batches = p.planned(p.planned(), DecisionBatchRequest.class);
            assertThat(batches).hasSize(1);
            DecisionBatchRequest batch = batches.getFirst();
            assertThat(batch.batch().decisionIds()).containsExactly(a.getDecisionId(), b.getDecisionId(), c.getDecisionId());
            assertThat(batch.decisions()).extracting(d -> d.kind())
                    .containsExactly(DecisionKind.PROMOTE, DecisionKind.RETIRE, DecisionKind.KILL);
            assertThat(batch.allocation()).isNotNull();
            assertThat(batch.allocation().allocations()).as("agents above 0 only")
                    .containsExactlyInAnyOrderEntriesOf(Map.of("agent-a", 0.2, "agent-b", 0.3, "agent-c", 0.1));
            assertThat(batch.allocation().cash()).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(batch.allocation().timestamp()).isEqualTo(T0.toString());
            assertThat(batch.disabledClasses()).extracting(DisabledClass::strategyClass, DisabledClass::source)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("meanrev", "decision"));
            assertThat(batch.openAlerts()).as("the open alerts of the batch's agents only")
                    .extracting(AlertLine::alertId).containsExactly("agent-b#1");
            assertThat(p.topology.<Object>store(ReportingTopology.PENDING_DECISIONS_STORE).approximateNumEntries()).isZero();

            p.advance(Duration.ofMinutes(15));
            assertThat(p.planned()).as("the window closed once").isEmpty();
        }
    }

    @Test
    void aDecisionReplayedAfterItsWindowClosedIsNotPlannedAgain() {
        try (PlannerDriver p = new PlannerDriver(PlannerDriver.Settings.standard())) {
            GovernanceDecision a = decision("agent-a", GovernanceAction.PROMOTE, T0, false);
            p.decide(a);
            p.decide(a); // replayed within the window: counted once
            p.advance(Duration.ofSeconds(60));
            List<DecisionBatchRequest> first = p.planned(p.planned(), DecisionBatchRequest.class);
            assertThat(first).singleElement().satisfies(b -> assertThat(b.batch().decisionIds()).containsExactly(a.getDecisionId()));

            p.decide(a);
            p.advance(Duration.ofMinutes(11));
            assertThat(p.planned()).as("no second batch, no second webhook").isEmpty();

            // a new decision of the same agent is a new batch
            GovernanceDecision again = decision("agent-a", GovernanceAction.KILL, p.clock.instant(), false);
            p.decide(again);
            p.advance(Duration.ofSeconds(60));
            assertThat(p.planned(p.planned(), DecisionBatchRequest.class)).singleElement()
                    .satisfies(b -> assertThat(b.batch().decisionIds()).containsExactly(again.getDecisionId()));
        }
    }

    @Test
    void holdDryRunsAndClassDecisionsAreNotBatched() {
        try (PlannerDriver p = new PlannerDriver(PlannerDriver.Settings.standard())) {
            p.decide(decision("agent-h", GovernanceAction.HOLD, T0, false));
            p.decide(decision("agent-d", GovernanceAction.PROMOTE, T0, true));
            p.decide(decision("trend", GovernanceAction.ENABLE_CLASS, T0, false));
            p.decide(decision("carry", GovernanceAction.DISABLE_CLASS, T0, true));
            p.advance(Duration.ofMinutes(11));
            List<ActionRequest> planned = p.planned();
            assertThat(p.planned(planned, DecisionBatchRequest.class)).as("a window of nothing eligible opens nothing").isEmpty();
            assertThat(p.planned(planned, StrategyDisableRequest.class)).as("a dry-run disable changes nothing").isEmpty();
            assertThat(p.planned(planned, WebhookRequest.class)).as("each notified, dry runs flagged, HOLD not")
                    .extracting(w -> w.decision().subject(), w -> w.decision().dryRun())
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("agent-d", true),
                            org.assertj.core.groups.Tuple.tuple("trend", false), org.assertj.core.groups.Tuple.tuple("carry", true));

            GovernanceDecision live = decision("agent-l", GovernanceAction.RETIRE, p.clock.instant(), false);
            p.decide(decision("agent-h", GovernanceAction.HOLD, p.clock.instant(), false));
            p.decide(live);
            p.advance(Duration.ofSeconds(60));
            assertThat(p.planned(p.planned(), DecisionBatchRequest.class)).singleElement()
                    .satisfies(b -> assertThat(b.batch().decisionIds()).containsExactly(live.getDecisionId()));
        }
    }

    @Test
    void aSteadyFlowOfDecisionsClosesItsWindowAtMaxWait() {
        try (PlannerDriver p = new PlannerDriver(PlannerDriver.Settings.standard())) {
            List<String> ids = new ArrayList<>();
            List<DecisionBatchRequest> batches = new ArrayList<>();
            List<Duration> closedAfter = new ArrayList<>();
            for (int i = 0; i < 50; i++) { // one every 30 s for 25 minutes: the 60 s debounce never elapses
                GovernanceDecision d = decision("agent-" + i, GovernanceAction.PROMOTE, p.clock.instant(), false);
                ids.add(d.getDecisionId());
                p.decide(d);
                for (int s = 0; s < 30; s++) {
                    p.advance(SECOND);
                    List<DecisionBatchRequest> closed = p.planned(p.planned(), DecisionBatchRequest.class);
                    closed.forEach(b -> closedAfter.add(Duration.between(T0, p.clock.instant())));
                    batches.addAll(closed);
                }
            }
            assertThat(closedAfter).as("each window closed when its oldest decision was 10 minutes old")
                    .containsExactly(Duration.ofMinutes(10), Duration.ofMinutes(20));
            assertThat(batches.get(0).decisions()).hasSize(20);
            p.advance(Duration.ofSeconds(60));
            batches.addAll(p.planned(p.planned(), DecisionBatchRequest.class));
            assertThat(batches).hasSize(3);
            assertThat(batches.stream().flatMap(b -> b.batch().decisionIds().stream()).toList())
                    .as("every decision in exactly one batch").containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    @Test
    void aLiveDisableClassPlansItsPullRequestAtOnce() {
        try (PlannerDriver p = new PlannerDriver(PlannerDriver.Settings.standard())) {
            p.allocate(snapshot("s1", T0, Map.of("agent-a", 0.2, "agent-b", 0.3), List.of()));
            p.status(disabledClass("meanrev", T0.minus(Duration.ofDays(3))));
            p.alert(divergence("agent-a", 4, AlertTransition.OPENED, T0)); // agent-a is of class momentum
            p.planned();
            GovernanceDecision disable = decision("momentum", GovernanceAction.DISABLE_CLASS, T0, false);
            p.decide(disable);
            List<StrategyDisableRequest> requests = p.planned(p.planned(), StrategyDisableRequest.class);
            assertThat(requests).singleElement().satisfies(r -> {
                assertThat(r.decision().decisionId()).isEqualTo(disable.getDecisionId());
                assertThat(r.actionKey()).startsWith("pr:meta-supervisor/disable-momentum-");
                assertThat(r.disabledClasses()).extracting(DisabledClass::strategyClass)
                        .as("the class it disables is recorded with those already disabled").containsExactly("meanrev", "momentum");
                assertThat(r.allocation().allocations()).containsOnlyKeys("agent-a", "agent-b");
                assertThat(r.openAlerts()).extracting(AlertLine::alertId).containsExactly("agent-a#4");
            });
            p.decide(disable);
            assertThat(p.planned()).as("replayed: planned once").isEmpty();
        }
    }

    @Test
    void aClassTheKillListItselfDisablesOpensNoPullRequestButIsNotified() {
        try (PlannerDriver p = new PlannerDriver(PlannerDriver.Settings.standard())) {
            // what governance decides on a first start for a class the base branch's kill list marks DISABLED
            p.decide(GovernanceDecision.newBuilder(decision("sentiment", GovernanceAction.DISABLE_CLASS, T0, false))
                    .setReasons(List.of("class_listed_disabled: the kill list says DISABLED (structural alpha decay)")).build());
            List<ActionRequest> planned = p.planned();
            assertThat(p.planned(planned, StrategyDisableRequest.class)).as("nothing to propose: the base branch says it").isEmpty();
            assertThat(p.planned(planned, WebhookRequest.class)).as("still notified").hasSize(1);
            // a breach on top of the listing is a decision the base branch does not hold: its pull request opens
            p.decide(GovernanceDecision.newBuilder(decision("sentiment", GovernanceAction.DISABLE_CLASS, T0.plusSeconds(1), false))
                    .setReasons(List.of("class_listed_disabled: the kill list says DISABLED", "class_cvar: RANGE 150 bps > 90")).build());
            assertThat(p.planned(p.planned(), StrategyDisableRequest.class)).hasSize(1);
        }
    }

    @Test
    void aDivergenceAlertOfAnAgentOfAPlannedPullRequestIsMailedAndCommentedUntilResolved() {
        try (PlannerDriver p = new PlannerDriver(PlannerDriver.Settings.standard())) {
            p.decide(decision("agent-a", GovernanceAction.PROMOTE, T0, false));
            p.decide(decision("agent-b", GovernanceAction.KILL, T0, false));
            p.advance(Duration.ofSeconds(60));
            String branch = p.planned(p.planned(), DecisionBatchRequest.class).getFirst().batch().branchName();

            p.alert(divergence("agent-a", 1, AlertTransition.OPENED, p.clock.instant()));
            List<ActionRequest> opened = p.planned();
            assertThat(p.planned(opened, DivergenceEmailRequest.class)).singleElement()
                    .satisfies(e -> assertThat(e.alert().alertId()).isEqualTo("agent-a#1"));
            assertThat(p.planned(opened, PrCommentRequest.class)).singleElement().satisfies(c -> {
                assertThat(c.branch()).isEqualTo(branch);
                assertThat(c.alert().transition()).isEqualTo("OPENED");
            });
            assertThat(p.planned(opened, WebhookRequest.class)).hasSize(1);
            assertThat(p.topology.<Object>store(ReportingTopology.OPEN_ALERTS_STORE).get("agent-a#1")).isNotNull();

            p.alert(divergence("agent-a", 1, AlertTransition.OPENED, p.clock.instant()));
            assertThat(p.planned()).as("the same transition again: every key planned already").isEmpty();

            p.alert(divergence("agent-a", 1, AlertTransition.ESCALATED, p.clock.instant()));
            List<ActionRequest> escalated = p.planned();
            assertThat(escalated).hasSize(3).hasAtLeastOneElementOfType(DivergenceEmailRequest.class)
                    .hasAtLeastOneElementOfType(PrCommentRequest.class);

            p.alert(divergence("agent-a", 1, AlertTransition.RESOLVED, p.clock.instant()));
            List<ActionRequest> resolved = p.planned();
            assertThat(resolved).as("RESOLVED: the webhook only").singleElement().isInstanceOf(WebhookRequest.class);
            assertThat(p.topology.<Object>store(ReportingTopology.OPEN_ALERTS_STORE).get("agent-a#1")).isNull();

            // an agent of no planned pull request: an e-mail, no comment; a feed gap: the webhook only
            p.alert(divergence("agent-q", 1, AlertTransition.OPENED, p.clock.instant()));
            p.alert(feedGap("AAPL", p.clock.instant()));
            List<ActionRequest> others = p.planned();
            assertThat(p.planned(others, DivergenceEmailRequest.class)).extracting(e -> e.alert().subject()).containsExactly("agent-q");
            assertThat(p.planned(others, PrCommentRequest.class)).isEmpty();
            assertThat(p.planned(others, WebhookRequest.class)).extracting(w -> w.alert().subject()).containsExactly("agent-q", "AAPL");

            // a batch closed later holds the agent's alerts that are open then, not the resolved one
            p.decide(decision("agent-a", GovernanceAction.RETIRE, p.clock.instant(), false));
            p.decide(decision("agent-q", GovernanceAction.RETIRE, p.clock.instant(), false));
            p.advance(Duration.ofSeconds(60));
            assertThat(p.planned(p.planned(), DecisionBatchRequest.class)).singleElement()
                    .satisfies(b -> assertThat(b.openAlerts()).extracting(AlertLine::alertId).containsExactly("agent-q#1"));
        }
    }

    @Test
    void commentsGoToThePullRequestsOfTheRememberPeriodOnly() {
        try (PlannerDriver p = new PlannerDriver(PlannerDriver.Settings.standard())) {
            p.decide(decision("agent-a", GovernanceAction.PROMOTE, T0, false));
            p.advance(Duration.ofSeconds(60));
            String first = p.planned(p.planned(), DecisionBatchRequest.class).getFirst().batch().branchName();
            p.advance(Duration.ofDays(10));
            p.decide(decision("agent-a", GovernanceAction.KILL, p.clock.instant(), false));
            p.advance(Duration.ofSeconds(60));
            String second = p.planned(p.planned(), DecisionBatchRequest.class).getFirst().batch().branchName();

            p.alert(divergence("agent-a", 1, AlertTransition.OPENED, p.clock.instant()));
            assertThat(p.planned(p.planned(), PrCommentRequest.class)).extracting(PrCommentRequest::branch)
                    .containsExactlyInAnyOrder(first, second);

            p.advance(Duration.ofDays(5)); // the first is now 15 days old
            p.alert(divergence("agent-a", 2, AlertTransition.OPENED, p.clock.instant()));
            assertThat(p.planned(p.planned(), PrCommentRequest.class)).extracting(PrCommentRequest::branch).containsExactly(second);
        }
    }

    @Test
    void webhookKindsAreHonouredAndNothingIsSentWithoutAUrl() {
        PlannerDriver.Settings alertsOnly = PlannerDriver.Settings.standard().withWebhook(
                new WebhookSettings(Optional.of("https://hooks.example.org/x"), List.of("ALERT"), Duration.ofSeconds(10)));
        try (PlannerDriver p = new PlannerDriver(alertsOnly)) {
            feedEveryKind(p);
            assertThat(p.planned(p.planned(), WebhookRequest.class)).singleElement().satisfies(w -> assertThat(w.alert()).isNotNull());
        }
        PlannerDriver.Settings every = PlannerDriver.Settings.standard();
        try (PlannerDriver p = new PlannerDriver(every)) {
            feedEveryKind(p);
            List<WebhookRequest> sent = p.planned(p.planned(), WebhookRequest.class);
            assertThat(sent).extracting(WebhookRequest::actionKey).containsExactlyInAnyOrder(
                    "webhook:decision:sha256-" + ActionKeys.sha256(decision("agent-a", GovernanceAction.PROMOTE, T0, false).getDecisionId()),
                    "webhook:alert:AAPL#1:OPENED", "webhook:allocation:s2", "webhook:proposal:20260302T090000Z_ab12");
            assertThat(sent).filteredOn(w -> w.reallocation() != null).singleElement().satisfies(w -> {
                assertThat(w.reallocation().changes()).extracting(c -> c.agent()).containsExactly("agent-a");
                assertThat(w.reallocation().reasonForPublish()).isEqualTo("max delta >= threshold");
            });
        }
        try (PlannerDriver p = new PlannerDriver(every.withWebhook(WebhookSettings.defaults()))) {
            feedEveryKind(p);
            assertThat(p.planned(p.planned(), WebhookRequest.class)).as("no URL, no webhook").isEmpty();
        }
    }

    /** A decision, a feed-gap alert, a snapshot without changes and one with. */
    private static void feedEveryKind(PlannerDriver p) {
        p.decide(decision("agent-a", GovernanceAction.PROMOTE, T0, false));
        p.alert(feedGap("AAPL", T0));
        p.allocate(snapshot("s1", T0, Map.of("agent-a", 0.2), List.of()));
        p.allocate(snapshot("s2", T0.plusSeconds(1), Map.of("agent-a", 0.3), List.of(change("agent-a", 0.2, 0.3))));
        p.propose(proposal("20260302T090000Z_ab12", T0));
    }

    @Test
    void aProposalIsNotifiedOnceWithEachPatchAndAReplayIsNot() {
        PlannerDriver p = new PlannerDriver(PlannerDriver.Settings.standard());
        try {
            p.propose(proposal("20260302T090000Z_ab12", T0));

            List<ActionRequest> planned = p.planned();
            assertThat(planned).singleElement().isInstanceOfSatisfying(WebhookRequest.class, w -> {
                assertThat(w.actionKey()).isEqualTo("webhook:proposal:20260302T090000Z_ab12");
                assertThat(w.decision()).isNull();
                assertThat(w.alert()).isNull();
                assertThat(w.reallocation()).isNull();
                assertThat(w.proposal().proposalId()).isEqualTo("20260302T090000Z_ab12");
                assertThat(w.proposal().mode()).isEqualTo("MANUAL_ONLY");
                assertThat(w.proposal().at()).isEqualTo(T0);
                assertThat(w.proposal().outputPath()).isEqualTo("reports/live_promotion/20260302T090000Z_ab12/");
                assertThat(w.proposal().patches()).extracting(pt -> pt.target() + " " + pt.oldValue() + " " + pt.newValue()
                        + " " + pt.decision() + " " + pt.reasons()).containsExactly(
                        "portfolio.leverage 1.0 1.2 ACCEPTED_FOR_PROPOSAL [within bounds]",
                        "triggers.kill_drawdown null -400 REJECTED_BY_POLICY [trigger patches need a person]");
            });

            p.advance(Duration.ofMinutes(5));
            p.propose(proposal("20260302T090000Z_ab12", T0)); // the topic replayed
            assertThat(p.planned()).as("a replayed proposal").isEmpty();

            p = p.restart();
            p.propose(proposal("20260302T090000Z_ab12", T0));
            assertThat(p.planned()).as("replayed after a restart").isEmpty();
            p.propose(proposal("20260302T100000Z_cd34", T0.plusSeconds(3600)));
            assertThat(p.planned(p.planned(), WebhookRequest.class)).extracting(WebhookRequest::actionKey)
                    .containsExactly("webhook:proposal:20260302T100000Z_cd34");
        } finally {
            p.close();
        }
    }

    @Test
    void noProposalIsNotifiedWhenProposalIsNotAKindSent() {
        PlannerDriver.Settings withoutProposals = PlannerDriver.Settings.standard().withWebhook(new WebhookSettings(
                Optional.of("https://hooks.example.org/x"), List.of("ALLOCATION", "ALERT", "DECISION"), Duration.ofSeconds(10)));
        try (PlannerDriver p = new PlannerDriver(withoutProposals)) {
            p.propose(proposal("20260302T090000Z_ab12", T0));
            p.advance(Duration.ofMinutes(1));
            assertThat(p.planned()).isEmpty();
        }
    }

    @Test
    void aRecordTheDomainRefusesIsSkippedAndTheNextIsPlanned() {
        try (PlannerDriver p = new PlannerDriver(PlannerDriver.Settings.standard())) {
            GovernanceDecision bad = GovernanceDecision.newBuilder(decision("agent-a", GovernanceAction.PROMOTE, T0, false))
                    .setMetrics(Map.of("pnl_bps", Double.NaN)).build();
            p.decide(bad);
            p.allocate(snapshot("s1", T0, Map.of("agent-a", 1.5), List.of()));
            p.advance(Duration.ofMinutes(11));
            assertThat(p.planned()).isEmpty();
            assertThat(p.topology.<Object>store(ReportingTopology.ALLOCATION_STORE).get(ReportingPlanner.LATEST)).isNull();

            GovernanceDecision good = decision("agent-b", GovernanceAction.PROMOTE, p.clock.instant(), false);
            p.decide(good);
            p.advance(Duration.ofSeconds(60));
            assertThat(p.planned(p.planned(), DecisionBatchRequest.class)).singleElement()
                    .satisfies(b -> assertThat(b.batch().decisionIds()).containsExactly(good.getDecisionId()));
        }
    }

    @Test
    void aWindowOfMoreThanMaxDecisionsSplitsIntoConsecutiveBatchesByDecisionIdWhateverTheArrivalOrder() {
        List<GovernanceDecision> window = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            window.add(decision("agent-" + (char) ('a' + i), i % 2 == 0 ? GovernanceAction.RETIRE : GovernanceAction.PROMOTE, T0, false));
        }
        List<String> sortedIds = window.stream().map(GovernanceDecision::getDecisionId).sorted().toList();
        List<List<String>> splits = new ArrayList<>();
        for (List<GovernanceDecision> order : List.of(window, window.reversed())) {
            try (PlannerDriver p = new PlannerDriver(PlannerDriver.Settings.standard().withMaxDecisions(3))) {
                p.alert(divergence("agent-f", 1, AlertTransition.OPENED, T0));
                order.forEach(p::decide);
                p.planned();
                p.advance(Duration.ofSeconds(60));
                List<DecisionBatchRequest> batches = p.planned(p.planned(), DecisionBatchRequest.class);
                assertThat(batches).extracting(b -> b.decisions().size()).containsExactly(3, 3, 1);
                assertThat(batches.stream().flatMap(b -> b.batch().decisionIds().stream()).toList())
                        .as("consecutive runs of the decisions sorted by id").isEqualTo(sortedIds);
                assertThat(batches).extracting(DecisionBatchRequest::actionKey).doesNotHaveDuplicates();
                assertThat(batches).as("each batch with the open alerts of its own agents")
                        .extracting(b -> b.openAlerts().size()).containsExactly(0, 1, 0);
                batches.forEach(b -> splits.add(b.batch().decisionIds()));

                // each batch's agents get the comments of their own pull request only
                p.alert(divergence("agent-a", 1, AlertTransition.OPENED, p.clock.instant()));
                assertThat(p.planned(p.planned(), PrCommentRequest.class)).extracting(PrCommentRequest::branch)
                        .containsExactly(batches.getFirst().batch().branchName());
            }
        }
        assertThat(splits.subList(0, 3)).as("the split does not depend on the arrival order").isEqualTo(splits.subList(3, 6));
    }

    @Test
    void anOversizedBatchLosesItsOpenAlertsThenItsReasonsTextRatherThanFail() {
        String big = "x".repeat(400_000);
        try (PlannerDriver p = new PlannerDriver(PlannerDriver.Settings.standard())) {
            for (int n = 1; n <= 3; n++) {
                p.alert(Alert.newBuilder(divergence("agent-a", n, AlertTransition.OPENED, T0)).setMessage(big).build());
            }
            GovernanceDecision a = decision("agent-a", GovernanceAction.KILL, T0, false);
            p.decide(a);
            p.planned();
            p.advance(Duration.ofSeconds(60));
            assertThat(p.planned(p.planned(), DecisionBatchRequest.class)).singleElement().satisfies(b -> {
                assertThat(b.openAlerts()).as("1.2 MB of alerts left out").isEmpty();
                assertThat(b.decisions().getFirst().reasons()).as("the reasons kept: they fit").isEqualTo(a.getReasons());
                assertThat(LedgerRecords.requestBytes(b)).isLessThanOrEqualTo(LedgerRecords.MAX_REQUEST_BYTES);
            });

            GovernanceDecision b1 = GovernanceDecision.newBuilder(decision("agent-b", GovernanceAction.RETIRE, p.clock.instant(), false))
                    .setReasons(List.of("decay: " + big, "drawdown: " + big)).build();
            GovernanceDecision c1 = GovernanceDecision.newBuilder(decision("agent-c", GovernanceAction.RETIRE, p.clock.instant(), false))
                    .setReasons(List.of("cvar: " + big)).build();
            p.decide(b1);
            p.decide(c1);
            p.advance(Duration.ofSeconds(60));
            List<DecisionBatchRequest> shrunk = p.planned(p.planned(), DecisionBatchRequest.class);
            assertThat(shrunk).singleElement().satisfies(b -> {
                assertThat(b.batch().decisionIds()).containsExactly(b1.getDecisionId(), c1.getDecisionId());
                assertThat(b.decisions()).flatExtracting(d -> d.reasons()).containsExactly(
                        "decay: " + ReportingPlanner.REASON_LEFT_OUT, "drawdown: " + ReportingPlanner.REASON_LEFT_OUT,
                        "cvar: " + ReportingPlanner.REASON_LEFT_OUT);
                assertThat(b.actionKey()).as("the key is of the decision ids only")
                        .isEqualTo("pr:" + new DecisionBatch(List.of(PlannerInputs.decisionFacts(b1), PlannerInputs.decisionFacts(c1))).branchName());
            });
        }
    }

    @Test
    void aBatchTooLargeEvenShrunkIsSkippedAndCountedAndThePlannerGoesOn() {
        try (PlannerDriver p = new PlannerDriver(PlannerDriver.Settings.standard().withWebhook(WebhookSettings.defaults()))) {
            GovernanceDecision huge = GovernanceDecision.newBuilder(decision("agent-h", GovernanceAction.KILL, T0, false))
                    .setAgent("h".repeat(1_000_000)).build();
            p.decisions.pipeInput("agent-h", huge, p.clock.instant());
            p.advance(Duration.ofSeconds(60));
            assertThat(p.planned()).isEmpty();
            assertThat(skippedLedgerRequests(p)).isEqualTo(1.0);
            p.decisions.pipeInput("agent-h", huge, p.clock.instant());
            p.advance(Duration.ofMinutes(11));
            assertThat(p.planned()).as("not tried again on a replay").isEmpty();

            GovernanceDecision next = decision("agent-n", GovernanceAction.PROMOTE, p.clock.instant(), false);
            p.decide(next);
            p.advance(Duration.ofSeconds(60));
            assertThat(p.planned(p.planned(), DecisionBatchRequest.class)).singleElement()
                    .satisfies(b -> assertThat(b.batch().decisionIds()).containsExactly(next.getDecisionId()));
        }
    }

    private static double skippedLedgerRequests(PlannerDriver p) {
        return p.topology.driver().metrics().values().stream()
                .filter(m -> m.metricName().name().equals("skipped-inputs-total") && m.metricName().tags().containsValue("reporting.ledger"))
                .mapToDouble(m -> ((Number) m.metricValue()).doubleValue()).sum();
    }

    @Test
    void theAgentsOfADisabledClassGetTheirDivergenceAlertsCommentedOnItsPullRequest() {
        try (PlannerDriver p = new PlannerDriver(PlannerDriver.Settings.standard())) {
            p.allocate(snapshot("s1", T0, Map.of("agent-a", 0.2, "agent-b", 0.3), List.of())); // both of class momentum
            p.decide(decision("momentum", GovernanceAction.DISABLE_CLASS, T0, false));
            String branch = p.planned(p.planned(), StrategyDisableRequest.class).getFirst().draft().branchName();

            p.alert(divergence("agent-b", 1, AlertTransition.OPENED, p.clock.instant()));
            assertThat(p.planned(p.planned(), PrCommentRequest.class)).singleElement().satisfies(c -> {
                assertThat(c.branch()).isEqualTo(branch);
                assertThat(c.alert().alertId()).isEqualTo("agent-b#1");
            });
            p.alert(divergence("agent-q", 1, AlertTransition.OPENED, p.clock.instant()));
            assertThat(p.planned(p.planned(), PrCommentRequest.class)).as("not of the class").isEmpty();
        }
    }

    @Test
    void anOpenAlertNeverResolvedIsForgottenAfterRemember() {
        try (PlannerDriver p = new PlannerDriver(PlannerDriver.Settings.standard())) {
            p.alert(divergence("agent-a", 1, AlertTransition.OPENED, T0));
            p.alert(divergence("agent-a", 2, AlertTransition.OPENED, T0));
            p.advance(Duration.ofDays(10));
            p.alert(divergence("agent-a", 2, AlertTransition.ESCALATED, p.clock.instant()));
            p.advance(Duration.ofDays(5)); // alert 1 last heard of 15 days ago, alert 2 5 days ago
            KeyValueStore<String, Object> open = p.topology.store(ReportingTopology.OPEN_ALERTS_STORE);
            assertThat(open.get("agent-a#1")).isNull();
            assertThat(open.get("agent-a#2")).isNotNull();
            p.planned();
            p.decide(decision("agent-a", GovernanceAction.RETIRE, p.clock.instant(), false));
            p.advance(Duration.ofSeconds(60));
            assertThat(p.planned(p.planned(), DecisionBatchRequest.class)).singleElement()
                    .satisfies(b -> assertThat(b.openAlerts()).extracting(AlertLine::alertId).containsExactly("agent-a#2"));
        }
    }

    @Test
    void aSnapshotNamingAnAgentTwiceIsSkippedLikeANaN() {
        try (PlannerDriver p = new PlannerDriver(PlannerDriver.Settings.standard())) {
            AllocationSnapshot good = snapshot("s1", T0, Map.of("agent-a", 0.2), List.of());
            p.allocate(good);
            AllocationSnapshot twice = snapshot("s2", T0.plusSeconds(1), Map.of("agent-a", 0.2, "agent-b", 0.1), List.of());
            List<AgentAllocation> entries = new ArrayList<>(twice.getAllocations());
            entries.add(AgentAllocation.newBuilder(entries.getFirst()).setWeight(0.3).build());
            p.allocate(AllocationSnapshot.newBuilder(twice).setAllocations(entries).build());
            assertThat(p.topology.<AllocationSnapshot>store(ReportingTopology.ALLOCATION_STORE).get(ReportingPlanner.LATEST)
                    .getSnapshotId()).isEqualTo("s1");
            assertThat(p.topology.driver().metrics().values().stream()
                    .filter(m -> m.metricName().name().equals("skipped-inputs-total") && m.metricName().tags().containsValue("allocations"))
                    .mapToDouble(m -> ((Number) m.metricValue()).doubleValue()).sum()).isEqualTo(1.0);
        }
    }

    @Test
    void aBatchKeyIsItsBranchAndThePendingWindowSurvivesARestart() {
        PlannerDriver p = new PlannerDriver(PlannerDriver.Settings.standard());
        try {
            GovernanceDecision a = decision("agent-a", GovernanceAction.PROMOTE, T0, false);
            p.decide(a);
            p.advance(Duration.ofSeconds(30));
            p.planned();
            p = p.restart();
            p.advance(Duration.ofSeconds(30));
            List<DecisionBatchRequest> batches = p.planned(p.planned(), DecisionBatchRequest.class);
            assertThat(batches).singleElement().satisfies(b -> assertThat(b.actionKey())
                    .isEqualTo("pr:" + new DecisionBatch(b.decisions()).branchName()));
            p = p.restart();
            p.decide(a);
            p.advance(Duration.ofMinutes(11));
            assertThat(p.planned()).as("planned before the restart: not again").isEmpty();
        } finally {
            p.close();
        }
    }
}
