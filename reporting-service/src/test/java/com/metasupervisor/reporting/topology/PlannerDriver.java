package com.metasupervisor.reporting.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.avro.AgentAllocation;
import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AlertSubjectKind;
import com.metasupervisor.avro.AlertTransition;
import com.metasupervisor.avro.AllocationBound;
import com.metasupervisor.avro.AllocationChange;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.avro.DecisionEffect;
import com.metasupervisor.avro.DecisionSubjectKind;
import com.metasupervisor.avro.GovernanceAction;
import com.metasupervisor.avro.GovernanceDecision;
import com.metasupervisor.avro.PatchDecision;
import com.metasupervisor.avro.PatchEvaluation;
import com.metasupervisor.avro.PromotionMode;
import com.metasupervisor.avro.PromotionProposal;
import com.metasupervisor.avro.ReportingAction;
import com.metasupervisor.avro.ReportingStatus;
import com.metasupervisor.avro.Severity;
import com.metasupervisor.avro.StrategyState;
import com.metasupervisor.avro.StrategyStatus;
import com.metasupervisor.reporting.config.EmailSettings;
import com.metasupervisor.reporting.config.LpReportSettings;
import com.metasupervisor.reporting.config.PlannerSettings;
import com.metasupervisor.reporting.config.PullRequestSettings;
import com.metasupervisor.reporting.config.WebhookSettings;
import com.metasupervisor.reporting.ledger.ActionRequest;
import com.metasupervisor.reporting.ledger.LedgerRecords;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.testkit.ManualClock;
import com.metasupervisor.testkit.TopologyDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The reporting planner on TopologyTestDriver with a {@link ManualClock} that moves together with the driver's wall
 * clock, record builders for its five inputs, and the ledger read back as requests.
 *
 * <p>{@link #restart()}: Kafka's driver wipes its state directory when closed, so the second life gets every store's
 * content put back before it runs: what a restart restores from the stores' changelogs.
 */
final class PlannerDriver implements AutoCloseable {

    /** A Monday, 09:00 UTC. */
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    /** The settings one driver runs with. */
    record Settings(PullRequestSettings pullRequests, PlannerSettings planner, WebhookSettings webhook, EmailSettings email,
                    LpReportSettings lpReport) {

        /** Pull requests on, a webhook sending every kind, e-mail on at 07:00 UTC (daily, Mondays), no PDF file. */
        static Settings standard() {
            return new Settings(PullRequestSettings.defaults(), PlannerSettings.defaults(),
                    WebhookSettings.of("https://hooks.example.org/services/T000/B000/secret"),
                    PlannerDriver.email(true, "0 0 7 * * *", "0 0 7 * * MON", "UTC"), LpReportSettings.defaults());
        }

        Settings withWebhook(WebhookSettings w) {
            return new Settings(pullRequests, planner, w, email, lpReport);
        }

        Settings withEmail(EmailSettings e) {
            return new Settings(pullRequests, planner, webhook, e, lpReport);
        }

        Settings withLpReportDir(Path dir) {
            return new Settings(pullRequests, planner, webhook, email, new LpReportSettings(24, 8, 30, lpReport.zone(), Optional.of(dir)));
        }

        /** The report's days in {@code zone} (the crons keep the e-mail zone). */
        Settings withLpReportZone(String zone) {
            return new Settings(pullRequests, planner, webhook, email, new LpReportSettings(24, 8, 30, zone, lpReport.outputDir()));
        }

        Settings withMaxDecisions(int maxDecisions) {
            PullRequestSettings p = pullRequests;
            return new Settings(new PullRequestSettings(p.enabled(), p.debounce(), p.maxWait(), p.remember(), maxDecisions), planner,
                    webhook, email, lpReport);
        }
    }

    static EmailSettings email(boolean enabled, String daily, String weekly, String zone) {
        return new EmailSettings(enabled, "localhost", 587, true, "meta-supervisor@example.org", Optional.of(List.of("ops@example.org")),
                Optional.empty(), "REPORTING_SMTP_PASSWORD", daily, weekly, zone, List.of("OPENED", "ESCALATED"), Duration.ofSeconds(30));
    }

    final Settings settings;
    final ManualClock clock;
    final TopologyDriver topology;
    final TestInputTopic<String, GovernanceDecision> decisions;
    final TestInputTopic<String, Alert> alerts;
    final TestInputTopic<String, AllocationSnapshot> allocations;
    final TestInputTopic<String, StrategyStatus> strategyStatus;
    final TestInputTopic<String, PromotionProposal> proposals;
    final TestOutputTopic<String, ReportingAction> ledger;

    PlannerDriver(Settings settings) {
        this(settings, new ManualClock(T0));
    }

    PlannerDriver(Settings settings, ManualClock clock) {
        this.settings = settings;
        this.clock = clock;
        this.topology = TopologyDriver.start("reporting-test", clock.instant(), (builder, deadLetters) -> ReportingTopology.build(builder,
                TopologyDriver.SERDES, settings.pullRequests(), settings.planner(), settings.webhook(), settings.email(),
                settings.lpReport(), clock));
        decisions = topology.input(Topics.GOVERNANCE_DECISIONS);
        alerts = topology.input(Topics.ALERTS);
        allocations = topology.input(Topics.ALLOCATIONS);
        strategyStatus = topology.input(Topics.GOVERNANCE_STRATEGY_STATUS);
        proposals = topology.input(Topics.GOVERNANCE_PROPOSALS);
        ledger = topology.output(Topics.REPORTING_LEDGER);
    }

    /** Closes this driver and starts another on the same clock and settings with every store's content carried over. */
    PlannerDriver restart() {
        return restart(Duration.ZERO);
    }

    /** The same, the clock moved by {@code downtime} while no driver runs (no tick in between). */
    PlannerDriver restart(Duration downtime) {
        Map<String, List<KeyValue<String, Object>>> state = new LinkedHashMap<>();
        for (String name : ReportingTopology.STORES) {
            List<KeyValue<String, Object>> entries = new ArrayList<>();
            KeyValueStore<String, Object> store = topology.store(name);
            try (KeyValueIterator<String, Object> all = store.all()) {
                all.forEachRemaining(entries::add);
            }
            state.put(name, entries);
        }
        close();
        clock.advance(downtime);
        PlannerDriver next = new PlannerDriver(settings, clock);
        state.forEach((name, entries) -> {
            KeyValueStore<String, Object> store = next.topology.store(name);
            entries.forEach(e -> store.put(e.key, e.value));
        });
        return next;
    }

    /** Moves the clock and the driver's wall clock by {@code d} (the tick punctuator runs once). */
    void advance(Duration d) {
        clock.advance(d);
        topology.driver().advanceWallClockTime(d);
    }

    /** Moves both clocks to {@code at} in steps of at most {@code step}. */
    void advanceTo(Instant at, Duration step) {
        while (clock.instant().isBefore(at)) {
            Duration left = Duration.between(clock.instant(), at);
            advance(left.compareTo(step) < 0 ? left : step);
        }
    }

    /** The ledger records written since the last call, each checked: STARTED, key = its request's action key. */
    List<ActionRequest> planned() {
        List<ActionRequest> out = new ArrayList<>();
        for (KeyValue<String, ReportingAction> kv : ledger.readKeyValuesToList()) {
            ActionRequest request = LedgerRecords.request(kv.value);
            assertThat(kv.value.getStatus()).isEqualTo(ReportingStatus.STARTED);
            assertThat(kv.key).isEqualTo(kv.value.getActionKey()).isEqualTo(request.actionKey());
            assertThat(kv.value.getKind()).isEqualTo(request.kind());
            out.add(request);
        }
        return out;
    }

    <T extends ActionRequest> List<T> planned(List<ActionRequest> requests, Class<T> type) {
        return requests.stream().filter(type::isInstance).map(type::cast).toList();
    }

    void decide(GovernanceDecision d) {
        decisions.pipeInput(d.getAgent(), d, clock.instant());
    }

    void alert(Alert a) {
        alerts.pipeInput(a.getSubject(), a, clock.instant());
    }

    void allocate(AllocationSnapshot s) {
        allocations.pipeInput("fleet", s, clock.instant());
    }

    void status(StrategyStatus s) {
        strategyStatus.pipeInput(s.getStrategyClass(), s, clock.instant());
    }

    void propose(PromotionProposal p) {
        proposals.pipeInput(p.getProposalId(), p, clock.instant());
    }

    @Override
    public void close() {
        topology.close();
    }

    // --- records

    static GovernanceDecision decision(String agent, GovernanceAction action, Instant at, boolean dryRun) {
        boolean classDecision = action == GovernanceAction.DISABLE_CLASS || action == GovernanceAction.ENABLE_CLASS;
        return GovernanceDecision.newBuilder()
                .setDecisionId(agent + "@" + at.toEpochMilli() + ":" + action + (dryRun ? ":dry-run" : ""))
                .setAgent(agent)
                .setStrategyClass(classDecision ? agent : "momentum")
                .setAction(action)
                .setPreviousStatus(null)
                .setReasons(List.of("rule: " + action.name().toLowerCase() + " because"))
                .setMetrics(Map.of("pnl_bps", 12.5))
                .setDecidedAt(at)
                .setSubjectKind(classDecision ? DecisionSubjectKind.STRATEGY_CLASS : DecisionSubjectKind.AGENT)
                .setPreviousStrategyStatus(null)
                .setEffect(dryRun || action == GovernanceAction.HOLD ? DecisionEffect.NONE : DecisionEffect.THROUGH_CONFIG_REPO)
                .setDryRun(dryRun)
                .setRegime("calm")
                .build();
    }

    static Alert divergence(String agent, int n, AlertTransition transition, Instant at) {
        return Alert.newBuilder()
                .setAlertId(agent + "#" + n)
                .setSubject(agent)
                .setSubjectKind(AlertSubjectKind.AGENT)
                .setKind("DIVERGENCE")
                .setTransition(transition)
                .setSeverity(Severity.HIGH)
                .setAction("REDUCE_ALLOC_AND_BLOCK_PROMOTION")
                .setTriggers(List.of())
                .setMetrics(Map.of())
                .setOpenedAt(at)
                .setAt(at)
                .setMessage(agent + " diverges from its simulation")
                .build();
    }

    /** A MANUAL_ONLY proposal of two patches: leverage accepted, a trigger rejected by policy. */
    static PromotionProposal proposal(String id, Instant at) {
        return PromotionProposal.newBuilder()
                .setProposalId(id)
                .setMode(PromotionMode.MANUAL_ONLY)
                .setCreatedAt(at)
                .setItems(List.of(
                        PatchEvaluation.newBuilder().setPatchId(id + "-1").setTarget("portfolio.leverage")
                                .setTags(List.of("leverage")).setDecision(PatchDecision.ACCEPTED_FOR_PROPOSAL)
                                .setReasons(List.of("within bounds")).setOldValue("1.0").setNewValue("1.2")
                                .setAppliedValue(null).build(),
                        PatchEvaluation.newBuilder().setPatchId(id + "-2").setTarget("triggers.kill_drawdown")
                                .setTags(List.of("trigger")).setDecision(PatchDecision.REJECTED_BY_POLICY)
                                .setReasons(List.of("trigger patches need a person")).setOldValue(null).setNewValue("-400")
                                .setAppliedValue(null).build()))
                .setOutputPath("reports/live_promotion/" + id + "/")
                .build();
    }

    static Alert feedGap(String symbol, Instant at) {
        return Alert.newBuilder(divergence(symbol, 1, AlertTransition.OPENED, at))
                .setSubjectKind(AlertSubjectKind.SYMBOL).setKind("PRICE_FEED_GAP").setAction("NONE").build();
    }

    /** A snapshot giving each agent of {@code weights} its weight (0 included), the rest cash. */
    static AllocationSnapshot snapshot(String id, Instant at, Map<String, Double> weights, List<AllocationChange> changes) {
        List<AgentAllocation> allocations = new ArrayList<>();
        weights.forEach((agent, w) -> allocations.add(AgentAllocation.newBuilder()
                .setAgent(agent).setWeight(w).setRawScore(null).setMultipliers(Map.of()).setExcludedReason(w > 0 ? null : "not LIVE")
                .setPolicy("composite").setAsOf(at).setSnapshotId(id).setStrategyClass("momentum").setStatus("LIVE")
                .setBound(AllocationBound.NONE).setTargetWeight(w).setPreviousWeight(null).setHysteresisHeld(false)
                .setExplanation("score").build()));
        double cash = 1.0 - weights.values().stream().mapToDouble(Double::doubleValue).sum();
        return AllocationSnapshot.newBuilder()
                .setSnapshotId(id).setPolicy("composite").setAllocations(allocations).setCash(cash)
                .setMinAllocation(0.02).setMaxAllocation(0.25).setRegime("calm").setRegimeMultiplier(1.0).setGuardianPaused(false)
                .setSource("meta-supervisor allocator").setReasonForPublish("max delta >= threshold").setWarnings(List.of())
                .setAsOf(at).setTurnover(0.1).setChanges(changes).setPreviousSnapshotId(null).setHorizonHours(24)
                .build();
    }

    static AllocationChange change(String agent, double from, double to) {
        return AllocationChange.newBuilder().setAgent(agent).setFromWeight(from).setToWeight(to).setReason("score").build();
    }

    static StrategyStatus disabledClass(String strategyClass, Instant at) {
        return StrategyStatus.newBuilder()
                .setStrategyClass(strategyClass).setStatus(StrategyState.DISABLED).setReasons(List.of("cvar: 250 bps > 200 bps"))
                .setMetrics(Map.of()).setRegime("calm").setUpdatedAt(at).setDecisionId(null).setSource("decision").build();
    }

    static StrategyStatus activeClass(String strategyClass, Instant at) {
        return StrategyStatus.newBuilder(disabledClass(strategyClass, at)).setStatus(StrategyState.ACTIVE).setReasons(List.of()).build();
    }
}
