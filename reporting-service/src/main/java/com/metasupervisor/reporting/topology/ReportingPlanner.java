package com.metasupervisor.reporting.topology;

import static com.metasupervisor.schemas.Topics.ALERTS;
import static com.metasupervisor.schemas.Topics.ALLOCATIONS;
import static com.metasupervisor.schemas.Topics.GOVERNANCE_DECISIONS;
import static com.metasupervisor.schemas.Topics.GOVERNANCE_PROPOSALS;
import static com.metasupervisor.schemas.Topics.GOVERNANCE_STRATEGY_STATUS;
import static com.metasupervisor.schemas.Topics.REPORTING_LEDGER;

import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AlertTransition;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.avro.GovernanceDecision;
import com.metasupervisor.avro.PromotionProposal;
import com.metasupervisor.avro.ReportingAction;
import com.metasupervisor.avro.StrategyStatus;
import com.metasupervisor.reporting.config.EmailSettings;
import com.metasupervisor.reporting.config.LpReportSettings;
import com.metasupervisor.reporting.config.PlannerSettings;
import com.metasupervisor.reporting.config.PullRequestSettings;
import com.metasupervisor.reporting.config.WebhookSettings;
import com.metasupervisor.reporting.domain.AllocationDocument;
import com.metasupervisor.reporting.domain.DecisionBatch;
import com.metasupervisor.reporting.domain.DecisionFacts;
import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.domain.report.DecisionLine;
import com.metasupervisor.reporting.domain.report.DisabledClass;
import com.metasupervisor.reporting.domain.report.ProposalFacts;
import com.metasupervisor.reporting.domain.report.Reallocation;
import com.metasupervisor.reporting.ledger.ActionRequest;
import com.metasupervisor.reporting.ledger.DailySummaryRequest;
import com.metasupervisor.reporting.ledger.DecisionBatchRequest;
import com.metasupervisor.reporting.ledger.DivergenceEmailRequest;
import com.metasupervisor.reporting.ledger.LedgerRecords;
import com.metasupervisor.reporting.ledger.PrCommentRequest;
import com.metasupervisor.reporting.ledger.StrategyDisableRequest;
import com.metasupervisor.reporting.ledger.WebhookRequest;
import com.metasupervisor.reporting.ledger.WeeklyReportRequest;
import com.metasupervisor.reporting.notify.NotificationKind;
import com.metasupervisor.reporting.notify.ReportSchedule;
import com.metasupervisor.streams.topology.CatalogInput;
import com.metasupervisor.streams.topology.SkippedInputs;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides every reporting action and writes it to the ledger as STARTED, in the same transaction as the state change
 * that decided it (exactly-once): a debounce window's decisions leave the pending store as their batch is planned.
 *
 * <p>Decisions, alerts, allocations, strategy statuses and promotion-loop proposals arrive in one order on one task (the single-partition
 * repartition); a wall-clock punctuator closes debounce windows, plans the scheduled reports and forgets what is
 * older than {@code reporting.pull-requests.remember}. Every action key is planned once ({@link #PLANNED}).
 *
 * <p>A ledger record carries its whole request and Kafka refuses a record over 1 MB, which would fail the task inside
 * a punctuation on every restart: a closing window opens one pull request per {@code max-decisions} decisions, and a
 * pull request's request still over {@link LedgerRecords#MAX_REQUEST_BYTES} loses its open alerts, then the text of
 * its reasons; one still too large (or any other request) is skipped and counted, never retried forever.
 */
final class ReportingPlanner implements Processor<String, CatalogInput, String, ReportingAction> {

    /** Decision id → the live PROMOTE / RETIRE / KILL waiting in the open debounce window. */
    static final String PENDING = "reporting-pending-decisions";
    /** Decision id → when (wall clock, epoch millis) it entered the window; a replay keeps the first time. */
    static final String PENDING_SINCE = "reporting-pending-since";
    /** Action key → when it was planned (epoch millis): never planned twice within {@code remember}. */
    static final String PLANNED = "reporting-planned";
    /** Decision id → when the batch holding it was planned: a replay of it is not batched again. */
    static final String PLANNED_DECISIONS = "reporting-planned-decisions";
    /** Agent → its pull requests planned within {@code remember}, one {@code <epoch millis> <branch>} per line. */
    static final String AGENT_PULL_REQUESTS = "reporting-agent-pull-requests";
    /** Alert id → the latest transition of an open divergence alert (RESOLVED removes it, or {@code remember}). */
    static final String OPEN_ALERTS = "reporting-open-alerts";
    /** {@link #LATEST} → the newest allocations snapshot (by as_of). */
    static final String ALLOCATION = "reporting-allocation";
    /** Class → its latest governance.strategy-status record. */
    static final String STRATEGY_STATUS = "reporting-strategy-status";
    /** {@link #DAILY} / {@link #WEEKLY} → the latest fire time planned (epoch millis). */
    static final String SCHEDULES = "reporting-schedules";

    static final String LATEST = "latest";
    static final String DAILY = "daily";
    static final String WEEKLY = "weekly";
    /** What a reason's text becomes in a request shrunk to fit a ledger record. */
    static final String REASON_LEFT_OUT = "(text left out: the request was over the ledger record's size limit)";
    /** A reason's rule name is kept in a shrunk request up to this many characters. */
    static final int MAX_RULE_NAME = 100;
    /** How often old entries are forgotten: often enough, and the stores are not scanned every tick. */
    static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final PullRequestSettings pullRequests;
    private final PlannerSettings planner;
    private final WebhookSettings webhook;
    private final EmailSettings email;
    private final LpReportSettings lpReport;
    private final Clock clock;
    /** Read once: the settings were validated at startup, and a cron is not parsed every tick. */
    private final ReportSchedule daily;
    private final ReportSchedule weekly;
    /** Next fire per schedule, computed once per plan (not every tick); rebuilt from {@link #SCHEDULES} on start. */
    private final Map<String, Optional<Instant>> nextFires = new HashMap<>();
    private ProcessorContext<String, ReportingAction> context;
    private SkippedInputs skipped;
    private KeyValueStore<String, GovernanceDecision> pending;
    private KeyValueStore<String, Long> pendingSince;
    private KeyValueStore<String, Long> planned;
    private KeyValueStore<String, Long> plannedDecisions;
    private KeyValueStore<String, String> agentPullRequests;
    private KeyValueStore<String, Alert> openAlerts;
    private KeyValueStore<String, AllocationSnapshot> allocation;
    private KeyValueStore<String, StrategyStatus> strategyStatus;
    private KeyValueStore<String, Long> schedules;
    private Instant nextPrune = Instant.MIN;

    ReportingPlanner(PullRequestSettings pullRequests, PlannerSettings planner, WebhookSettings webhook, EmailSettings email,
                     LpReportSettings lpReport, Clock clock) {
        this.pullRequests = Objects.requireNonNull(pullRequests, "pullRequests");
        this.planner = Objects.requireNonNull(planner, "planner");
        this.webhook = Objects.requireNonNull(webhook, "webhook");
        this.email = Objects.requireNonNull(email, "email");
        this.lpReport = Objects.requireNonNull(lpReport, "lpReport");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.daily = email.dailySchedule();
        this.weekly = email.weeklySchedule();
    }

    @Override
    public void init(ProcessorContext<String, ReportingAction> context) {
        this.context = context;
        this.skipped = new SkippedInputs(context, "reporting", "the reporting planner");
        pending = context.getStateStore(PENDING);
        pendingSince = context.getStateStore(PENDING_SINCE);
        planned = context.getStateStore(PLANNED);
        plannedDecisions = context.getStateStore(PLANNED_DECISIONS);
        agentPullRequests = context.getStateStore(AGENT_PULL_REQUESTS);
        openAlerts = context.getStateStore(OPEN_ALERTS);
        allocation = context.getStateStore(ALLOCATION);
        strategyStatus = context.getStateStore(STRATEGY_STATUS);
        schedules = context.getStateStore(SCHEDULES);
        context.schedule(planner.tick(), PunctuationType.WALL_CLOCK_TIME, at -> tick());
    }

    @Override
    public void process(Record<String, CatalogInput> record) {
        CatalogInput input = record.value();
        if (input == null) {
            return;
        }
        try {
            if (input.from(GOVERNANCE_DECISIONS)) {
                decision(input.value(GOVERNANCE_DECISIONS));
            } else if (input.from(ALERTS)) {
                alert(input.value(ALERTS));
            } else if (input.from(ALLOCATIONS)) {
                allocation(input.value(ALLOCATIONS));
            } else if (input.from(GOVERNANCE_STRATEGY_STATUS)) {
                strategyStatus(input.key(), input.value(GOVERNANCE_STRATEGY_STATUS));
            } else if (input.from(GOVERNANCE_PROPOSALS)) {
                proposal(input.value(GOVERNANCE_PROPOSALS));
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            skipped.skip(input.topic(), input.key(), e instanceof IllegalArgumentException iae ? iae
                    : new IllegalArgumentException("a required field is missing: " + e.getMessage(), e));
        }
    }

    // --- inputs: every mapping runs before any state changes, so a refused record leaves no trace

    private void decision(GovernanceDecision d) {
        if (d == null) {
            return;
        }
        DecisionFacts facts = PlannerInputs.decisionFacts(d);
        DecisionLine line = PlannerInputs.decisionLine(d);
        Instant now = clock.instant();
        String id = d.getDecisionId();
        if (pullRequests.enabled() && PlannerInputs.batched(d) && plannedDecisions.get(id) == null) {
            pending.put(id, d);
            if (pendingSince.get(id) == null) {
                pendingSince.put(id, now.toEpochMilli());
            }
        }
        if (pullRequests.enabled() && PlannerInputs.disablesClass(d)) {
            String strategyClass = facts.strategyClass() == null ? facts.subject() : facts.strategyClass();
            List<DisabledClass> disabled = new ArrayList<>(disabledClasses());
            // the decision's own status record may follow it on governance.strategy-status: the kill list records it now
            if (disabled.stream().noneMatch(c -> c.strategyClass().equals(strategyClass))) {
                disabled.add(new DisabledClass(strategyClass, facts.decidedAt(), "decision",
                        facts.reasons().isEmpty() ? null : String.join("; ", facts.reasons())));
                disabled.sort(Comparator.comparing(DisabledClass::strategyClass));
            }
            List<String> classAgents = PlannerInputs.agentsOfClass(allocation.get(LATEST), strategyClass);
            StrategyDisableRequest request = fitted(new StrategyDisableRequest(facts, allocationDocument(), disabled,
                    openAlertLines(classAgents)));
            if (plan(request, now)) {
                // its agents' divergence alerts are commented on it, as on a decision batch's
                Set<String> agents = new LinkedHashSet<>(classAgents);
                request.openAlerts().forEach(a -> agents.add(a.subject()));
                String branch = request.draft().branchName();
                agents.forEach(agent -> rememberPullRequest(agent, branch, now.toEpochMilli()));
            }
        }
        if (PlannerInputs.notified(d) && webhook.sends(NotificationKind.DECISION)) {
            plan(new WebhookRequest(line, null, null), now);
        }
    }

    private void alert(Alert a) {
        if (a == null) {
            return;
        }
        AlertLine line = PlannerInputs.alertLine(a);
        Instant now = clock.instant();
        if (PlannerInputs.divergence(a)) {
            boolean resolved = a.getTransition() == AlertTransition.RESOLVED;
            if (resolved) {
                openAlerts.delete(a.getAlertId());
            } else {
                openAlerts.put(a.getAlertId(), a);
            }
            if (email.mailsAlert(line.transition())) {
                plan(new DivergenceEmailRequest(line), now);
            }
            if (!resolved && pullRequests.enabled()) {
                for (String branch : pullRequestsOf(a.getSubject(), now)) {
                    plan(new PrCommentRequest(branch, line), now);
                }
            }
        }
        if (webhook.sends(NotificationKind.ALERT)) {
            plan(new WebhookRequest(null, line, null), now);
        }
    }

    private void allocation(AllocationSnapshot s) {
        if (s == null) {
            return;
        }
        PlannerInputs.allocationDocument(s); // refused here, not when a pull request is planned with it
        Reallocation reallocation = s.getChanges().isEmpty() ? null : PlannerInputs.reallocation(s);
        AllocationSnapshot before = allocation.get(LATEST);
        if (before == null || !s.getAsOf().isBefore(before.getAsOf())) {
            allocation.put(LATEST, s);
        }
        if (reallocation != null && webhook.sends(NotificationKind.ALLOCATION)) {
            plan(new WebhookRequest(null, null, reallocation), clock.instant());
        }
    }

    private void strategyStatus(String key, StrategyStatus s) {
        if (s == null) {
            strategyStatus.delete(key); // a tombstone withdraws the class
            return;
        }
        PlannerInputs.disabledClass(s);
        StrategyStatus before = strategyStatus.get(s.getStrategyClass());
        if (before == null || !s.getUpdatedAt().isBefore(before.getUpdatedAt())) {
            strategyStatus.put(s.getStrategyClass(), s);
        }
    }

    /** A promotion-loop proposal: one webhook notification per proposal id (a replay finds its key planned). */
    private void proposal(PromotionProposal p) {
        if (p == null) {
            return;
        }
        ProposalFacts facts = PlannerInputs.proposalFacts(p);
        if (webhook.sends(NotificationKind.PROPOSAL)) {
            plan(WebhookRequest.of(facts), clock.instant());
        }
    }

    // --- the wall clock

    private void tick() {
        Instant now = clock.instant();
        closeWindow(now);
        schedule(now);
        if (!now.isBefore(nextPrune)) {
            prune(now);
            nextPrune = now.plus(PRUNE_EVERY);
        }
    }

    /** Closes the window when its newest decision is {@code debounce} old or its oldest {@code max-wait} old. */
    private void closeWindow(Instant now) {
        List<String> ids = new ArrayList<>();
        long oldest = Long.MAX_VALUE;
        long newest = Long.MIN_VALUE;
        try (KeyValueIterator<String, Long> all = pendingSince.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                ids.add(entry.key);
                oldest = Math.min(oldest, entry.value);
                newest = Math.max(newest, entry.value);
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        long at = now.toEpochMilli();
        if (at - newest < pullRequests.debounce().toMillis() && at - oldest < pullRequests.maxWait().toMillis()) {
            return;
        }
        List<DecisionFacts> window = new ArrayList<>();
        for (String id : ids) {
            GovernanceDecision d = pending.get(id);
            if (d != null && plannedDecisions.get(id) == null) {
                window.add(PlannerInputs.decisionFacts(d));
            }
        }
        // by decision id, so the split depends on the set of decisions only (a replay after a crash splits alike)
        List<DecisionFacts> eligible = window.stream().filter(DecisionFacts::opensAgentPullRequest)
                .sorted(Comparator.comparing(DecisionFacts::decisionId)).toList();
        if (!eligible.isEmpty()) {
            AllocationDocument weights = allocationDocument();
            List<DisabledClass> disabled = disabledClasses();
            int max = pullRequests.maxDecisions();
            for (int from = 0; from < eligible.size(); from += max) {
                planBatch(new DecisionBatch(eligible.subList(from, Math.min(from + max, eligible.size()))), weights, disabled, now);
            }
        }
        ids.forEach(id -> {
            pending.delete(id);
            pendingSince.delete(id);
        });
    }

    /** One pull request of a closing window: at most {@code max-decisions} decisions, its own branch and key. */
    private void planBatch(DecisionBatch batch, AllocationDocument weights, List<DisabledClass> disabled, Instant now) {
        long at = now.toEpochMilli();
        Set<String> agents = new LinkedHashSet<>();
        batch.decisions().forEach(d -> agents.add(d.subject()));
        if (plan(fitted(new DecisionBatchRequest(batch.decisions(), weights, disabled, openAlertLines(agents))), now)) {
            String branch = batch.branchName();
            agents.forEach(agent -> rememberPullRequest(agent, branch, at));
        }
        batch.decisionIds().forEach(id -> plannedDecisions.put(id, at));
    }

    /**
     * The daily summary and the weekly report: each occurrence planned once; after downtime, the newest missed only.
     * The crons fire in the e-mail zone ({@code reporting.email.zone}); the days reported are those of the report zone
     * ({@code reporting.lp-report.zone}): the day reported is the day, in the report zone, before the date of the fire
     * time in the report zone, and the week the Monday..Sunday ending on or before that day. So with the e-mail zone
     * ahead of the report zone (a 07:00 Tokyo cron, a UTC report) the day reported is two Tokyo dates back: the last
     * UTC day that is over.
     */
    private void schedule(Instant now) {
        ZoneId zone = lpReport.zoneId();
        if (email.enabled()) {
            fire(DAILY, daily, now, fire ->
                    List.of(new DailySummaryRequest(LocalDate.ofInstant(fire, zone).minusDays(1), zone.getId())));
        }
        if (email.enabled() || lpReport.outputDir().isPresent()) {
            fire(WEEKLY, weekly, now, fire -> {
                LocalDate lastDay = LocalDate.ofInstant(fire, zone).minusDays(1)
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
                LocalDate firstDay = lastDay.minusDays(6);
                List<ActionRequest> requests = new ArrayList<>();
                if (email.enabled()) {
                    requests.add(new WeeklyReportRequest(firstDay, lastDay, zone.getId(), WeeklyReportRequest.Delivery.EMAIL));
                }
                if (lpReport.outputDir().isPresent()) {
                    requests.add(new WeeklyReportRequest(firstDay, lastDay, zone.getId(), WeeklyReportRequest.Delivery.FILE));
                }
                return requests;
            });
        }
    }

    private void fire(String name, ReportSchedule schedule, Instant now, Function<Instant, List<ActionRequest>> requests) {
        Long last = schedules.get(name);
        if (last == null) {
            // the first start: occurrences before it are not caught up on
            schedules.put(name, now.toEpochMilli());
            nextFires.remove(name);
            return;
        }
        Optional<Instant> next = nextFires.computeIfAbsent(name, n -> schedule.nextAfter(Instant.ofEpochMilli(last)));
        if (next.isEmpty() || now.isBefore(next.get())) {
            return;
        }
        Instant fire = schedule.latestAtOrBefore(now).filter(f -> !f.isBefore(next.get())).orElse(next.get());
        requests.apply(fire).forEach(request -> plan(request, now));
        schedules.put(name, fire.toEpochMilli());
        nextFires.put(name, schedule.nextAfter(fire));
    }

    /**
     * Forgets planned keys, batched decisions, pull requests and open alerts older than {@code remember}: an alert whose
     * RESOLVED never came (lost, or risk-service replaced) would otherwise be commented on pull requests forever.
     */
    private void prune(Instant now) {
        long cutoff = now.minus(pullRequests.remember()).toEpochMilli();
        pruneOlder(planned, cutoff);
        pruneOlder(plannedDecisions, cutoff);
        List<String> staleAlerts = new ArrayList<>();
        try (KeyValueIterator<String, Alert> all = openAlerts.all()) {
            while (all.hasNext()) {
                KeyValue<String, Alert> entry = all.next();
                if (entry.value.getAt().toEpochMilli() < cutoff) {
                    staleAlerts.add(entry.key);
                }
            }
        }
        staleAlerts.forEach(openAlerts::delete);
        List<KeyValue<String, String>> rewrites = new ArrayList<>();
        try (KeyValueIterator<String, String> all = agentPullRequests.all()) {
            while (all.hasNext()) {
                KeyValue<String, String> entry = all.next();
                String kept = keptPullRequests(entry.value, cutoff);
                if (!kept.equals(entry.value)) {
                    rewrites.add(KeyValue.pair(entry.key, kept.isEmpty() ? null : kept));
                }
            }
        }
        rewrites.forEach(r -> agentPullRequests.put(r.key, r.value));
    }

    private static void pruneOlder(KeyValueStore<String, Long> store, long cutoff) {
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                if (entry.value < cutoff) {
                    old.add(entry.key);
                }
            }
        }
        old.forEach(store::delete);
    }

    // --- planning

    /**
     * Writes STARTED for {@code request} unless its key was planned already; true when planned now. A request the
     * ledger refuses (over {@link LedgerRecords#MAX_REQUEST_BYTES}) is skipped and counted: failing would fail the
     * task on the same input after every restart.
     */
    private boolean plan(ActionRequest request, Instant now) {
        String key = request.actionKey();
        if (planned.get(key) != null) {
            return false;
        }
        ReportingAction started;
        try {
            started = LedgerRecords.started(request, now);
        } catch (IllegalArgumentException e) {
            skipped.skip(REPORTING_LEDGER.name(), key, e);
            return false;
        }
        planned.put(key, now.toEpochMilli());
        context.forward(new Record<>(key, started, now.toEpochMilli()));
        return true;
    }

    /** {@code request}, or the same without its open alerts, then also without its reasons' text, to fit a record. */
    static DecisionBatchRequest fitted(DecisionBatchRequest request) {
        if (fits(request)) {
            return request;
        }
        DecisionBatchRequest withoutAlerts = new DecisionBatchRequest(request.decisions(), request.allocation(),
                request.disabledClasses(), List.of());
        if (fits(withoutAlerts)) {
            return withoutAlerts;
        }
        return new DecisionBatchRequest(request.decisions().stream().map(ReportingPlanner::withoutReasonText).toList(),
                request.allocation(), withoutReasonTexts(request.disabledClasses()), List.of());
    }

    /** The same shrinking for a class disable's request. */
    static StrategyDisableRequest fitted(StrategyDisableRequest request) {
        if (fits(request)) {
            return request;
        }
        StrategyDisableRequest withoutAlerts = new StrategyDisableRequest(request.decision(), request.allocation(),
                request.disabledClasses(), List.of());
        if (fits(withoutAlerts)) {
            return withoutAlerts;
        }
        return new StrategyDisableRequest(withoutReasonText(request.decision()), request.allocation(),
                withoutReasonTexts(request.disabledClasses()), List.of());
    }

    private static boolean fits(ActionRequest request) {
        return LedgerRecords.requestBytes(request) <= LedgerRecords.MAX_REQUEST_BYTES;
    }

    /** Each reason {@code "<rule>: <text>"} cut to its rule (a rule name of reasonable length) and a note. */
    private static DecisionFacts withoutReasonText(DecisionFacts d) {
        List<String> reasons = d.reasons().stream().map(r -> {
            int colon = r.indexOf(": ");
            return colon > 0 && colon <= MAX_RULE_NAME ? r.substring(0, colon + 2) + REASON_LEFT_OUT : REASON_LEFT_OUT;
        }).toList();
        return new DecisionFacts(d.decisionId(), d.subject(), d.strategyClass(), d.kind(), reasons, d.metrics(), d.decidedAt(),
                d.regime(), d.dryRun());
    }

    private static List<DisabledClass> withoutReasonTexts(List<DisabledClass> classes) {
        return classes.stream().map(c -> new DisabledClass(c.strategyClass(), c.since(), c.source(),
                c.reason() == null ? null : REASON_LEFT_OUT)).toList();
    }

    private AllocationDocument allocationDocument() {
        AllocationSnapshot latest = allocation.get(LATEST);
        return latest == null ? null : PlannerInputs.allocationDocument(latest);
    }

    /** The classes DISABLED now, by name. */
    private List<DisabledClass> disabledClasses() {
        List<DisabledClass> out = new ArrayList<>();
        try (KeyValueIterator<String, StrategyStatus> all = strategyStatus.all()) {
            while (all.hasNext()) {
                StrategyStatus s = all.next().value;
                if (PlannerInputs.disabled(s)) {
                    out.add(PlannerInputs.disabledClass(s));
                }
            }
        }
        out.sort(Comparator.comparing(DisabledClass::strategyClass));
        return out;
    }

    /** The open divergence alerts of {@code agents}, by alert id. */
    private List<AlertLine> openAlertLines(java.util.Collection<String> agents) {
        if (agents.isEmpty()) {
            return List.of();
        }
        Set<String> wanted = Set.copyOf(agents);
        TreeMap<String, AlertLine> out = new TreeMap<>();
        try (KeyValueIterator<String, Alert> all = openAlerts.all()) {
            while (all.hasNext()) {
                Alert a = all.next().value;
                if (wanted.contains(a.getSubject())) {
                    out.put(a.getAlertId(), PlannerInputs.alertLine(a));
                }
            }
        }
        return List.copyOf(out.values());
    }

    private void rememberPullRequest(String agent, String branch, long at) {
        String before = agentPullRequests.get(agent);
        agentPullRequests.put(agent, (before == null ? "" : before) + at + " " + branch + "\n");
    }

    /** The branches of {@code agent}'s pull requests planned within {@code remember} before {@code now}. */
    private List<String> pullRequestsOf(String agent, Instant now) {
        String lines = agentPullRequests.get(agent);
        if (lines == null) {
            return List.of();
        }
        long cutoff = now.minus(pullRequests.remember()).toEpochMilli();
        List<String> branches = new ArrayList<>();
        for (String line : keptPullRequests(lines, cutoff).split("\n")) {
            if (!line.isEmpty()) {
                branches.add(line.substring(line.indexOf(' ') + 1));
            }
        }
        return branches;
    }

    /** The lines ({@code <epoch millis> <branch>}) planned at or after {@code cutoff}. */
    private static String keptPullRequests(String lines, long cutoff) {
        StringBuilder kept = new StringBuilder();
        for (String line : lines.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && Long.parseLong(line.substring(0, space)) >= cutoff) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }
}
