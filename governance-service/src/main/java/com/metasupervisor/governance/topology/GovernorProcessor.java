package com.metasupervisor.governance.topology;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.AgentStatus;
import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AlertSubjectKind;
import com.metasupervisor.avro.AlertTransition;
import com.metasupervisor.avro.DecisionSubjectKind;
import com.metasupervisor.avro.GovernanceDecision;
import com.metasupervisor.avro.OpsAction;
import com.metasupervisor.avro.OpsActionKind;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.avro.RegimeState;
import com.metasupervisor.avro.StrategyLimits;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.avro.StrategyStatus;
import com.metasupervisor.configrepo.files.LifecycleStatus;
import com.metasupervisor.configrepo.files.StrategyClassLimits;
import com.metasupervisor.configrepo.files.StrategyClassStatus;
import com.metasupervisor.governance.config.DecisionSettings;
import com.metasupervisor.governance.config.DryRunSettings;
import com.metasupervisor.governance.config.GovernanceSettings;
import com.metasupervisor.governance.config.PromotionGateSettings;
import com.metasupervisor.governance.config.RegimeSettings;
import com.metasupervisor.governance.config.StrategyClassSettings;
import com.metasupervisor.governance.domain.AgentDecider;
import com.metasupervisor.governance.domain.AgentDecisionState;
import com.metasupervisor.governance.domain.AgentOutcome;
import com.metasupervisor.governance.domain.AgentSituation;
import com.metasupervisor.governance.domain.ClassAttribution;
import com.metasupervisor.governance.domain.ClassDecider;
import com.metasupervisor.governance.domain.ClassOutcome;
import com.metasupervisor.governance.domain.ClassRows;
import com.metasupervisor.governance.domain.ClassSituation;
import com.metasupervisor.governance.domain.ClassState;
import com.metasupervisor.governance.domain.Decision;
import com.metasupervisor.governance.domain.DecisionAction;
import com.metasupervisor.governance.domain.OperatorAction;
import com.metasupervisor.governance.domain.RegimeCvar;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.regime.RegimeMajority;
import com.metasupervisor.streams.topology.CatalogInput;
import com.metasupervisor.streams.topology.SkippedInputs;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every agent and strategy class of the fleet and decides (SPEC §6): one task sees every input in one order, so a
 * class disable and the retirement of its agents happen in the same step. "Now" is event time: the newest timestamp of
 * the fleet's own records seen (inputs of several topics interleave, so it never goes back; kept in the markers store,
 * so a restart resumes it). The config repository's and the operators' records are stamped with the wall clock: they
 * never move "now" and act at it, or at their own timestamp before any fleet record was seen (the manifest sync
 * publishes at start-up, before a replayed fleet's first record). Every record forwarded and every decision is stamped
 * with that acting time.
 *
 * <p>The current regime (SPEC §5): the newest market.regime record when one was ever seen, else the majority regime of
 * the newest {@code governance.regime.majority-of} alpha events ({@link RegimeMajority}).
 *
 * <p>An input the domain cannot take (a non-finite figure, a blank name) is skipped: counted in the task metric
 * {@code skipped-inputs-total} (group {@code stream-governance-metrics}, tag the topic) and logged. Those topics are
 * validated by the services that write them; control.ops, written by people, is dead-lettered before it gets here.
 */
final class GovernorProcessor implements Processor<String, CatalogInput, String, GovernorOutput> {


    static final String AGENT_STATUS = GovernanceTopology.AGENT_STATUS_STORE;
    static final String AGENT_STATS = GovernanceTopology.AGENT_STATS_STORE;
    static final String MANIFEST = GovernanceTopology.MANIFEST_STORE;
    static final String STRATEGY_STATUS = GovernanceTopology.STRATEGY_STATUS_STORE;
    static final String STRATEGY_LIMITS = GovernanceTopology.STRATEGY_LIMITS_STORE;
    static final String HISTORY = GovernanceTopology.HISTORY_STORE;
    /** Agent → AgentDecisionState bytes. */
    static final String AGENT_DECISIONS = "governance-agent-decisions";
    /** Agent → the id of its open divergence alert. */
    static final String OPEN_ALERTS = "governance-open-alerts";
    /** Class → ClassState bytes. */
    static final String CLASS_STATE = "governance-class-state";
    /** {@code class NUL regime} → risk's StrategyRegimeRisk at the horizon. */
    static final String CLASS_CVAR = "governance-class-cvar";
    /**
     * {@code class NUL matured millis (19) NUL seq (19)} → the row's realized PnL and agent ({@link ClassRows.Kept#valueBytes};
     * the first release's 8-byte PnL alone still loads, as agent ""): the rows of class attribution.
     */
    static final String CLASS_ROWS = "governance-class-rows";
    /**
     * {@code current} → the newest market.regime's regime (UTF-8); {@code recent-regimes} → the regimes of the newest
     * alpha events (RegimeMajority bytes); {@code seq} → the last sequence number given, {@code now} → the fleet's event
     * time (8 bytes each).
     */
    static final String MARKERS = "governance-markers";

    static final String SKIPPED_METRIC_SCOPE = "governance";
    static final String SKIPPED_METRIC = SkippedInputs.METRIC;
    /** risk-service's divergence alert kind (RiskTopology.DIVERGENCE_ALERT_KIND): the alerts that block promotion. */
    static final String DIVERGENCE = "DIVERGENCE";
    private static final Logger LOG = LoggerFactory.getLogger(GovernorProcessor.class);
    private static final String CURRENT = "current";
    private static final String RECENT_REGIMES = "recent-regimes";
    private static final String SEQ = "seq";
    private static final String NOW = "now";
    private static final char NUL = '\u0000';

    private final GovernanceSettings settings;
    private final StrategyClassSettings classSettings;
    private final RegimeSettings regimeSettings;
    private final AgentDecider agents;
    private final ClassDecider classes;

    private ProcessorContext<String, GovernorOutput> context;
    private KeyValueStore<String, AgentStatus> status;
    private KeyValueStore<String, AgentStats> stats;
    private KeyValueStore<String, AgentManifest> manifest;
    private KeyValueStore<String, StrategyStatus> strategyStatus;
    private KeyValueStore<String, StrategyLimits> limits;
    private KeyValueStore<String, GovernanceDecision> history;
    private KeyValueStore<String, byte[]> decisionStates;
    private KeyValueStore<String, byte[]> openAlerts;
    private KeyValueStore<String, byte[]> classStates;
    private KeyValueStore<String, StrategyRegimeRisk> cvar;
    private KeyValueStore<String, byte[]> classRowStore;
    private KeyValueStore<String, byte[]> markers;

    private final Map<String, ClassRows> rows = new HashMap<>(); // the class-rows store, in memory
    private RegimeMajority recentRegimes; // the recent-regimes marker, decoded
    private SkippedInputs skipped;
    private long now = Long.MIN_VALUE; // the fleet's event time; MIN_VALUE before its first record
    private long actingMillis; // the time the record in process acts at: every forwarded record and decision is stamped with it
    private long seq;

    GovernorProcessor(GovernanceSettings settings, DecisionSettings decisions, PromotionGateSettings gate,
                      StrategyClassSettings classSettings, RegimeSettings regimeSettings, DryRunSettings dryRun) {
        this.settings = settings;
        this.classSettings = classSettings;
        this.regimeSettings = regimeSettings;
        this.agents = new AgentDecider(decisions, gate, dryRun);
        this.classes = new ClassDecider(classSettings, dryRun);
    }

    @Override
    public void init(ProcessorContext<String, GovernorOutput> context) {
        this.context = context;
        skipped = new SkippedInputs(context, SKIPPED_METRIC_SCOPE, "governance");
        status = context.getStateStore(AGENT_STATUS);
        stats = context.getStateStore(AGENT_STATS);
        manifest = context.getStateStore(MANIFEST);
        strategyStatus = context.getStateStore(STRATEGY_STATUS);
        limits = context.getStateStore(STRATEGY_LIMITS);
        history = context.getStateStore(HISTORY);
        decisionStates = context.getStateStore(AGENT_DECISIONS);
        openAlerts = context.getStateStore(OPEN_ALERTS);
        classStates = context.getStateStore(CLASS_STATE);
        cvar = context.getStateStore(CLASS_CVAR);
        classRowStore = context.getStateStore(CLASS_ROWS);
        markers = context.getStateStore(MARKERS);
        byte[] last = markers.get(SEQ);
        seq = last == null ? 0 : ByteBuffer.wrap(last).getLong();
        byte[] reached = markers.get(NOW);
        now = reached == null ? Long.MIN_VALUE : ByteBuffer.wrap(reached).getLong();
        byte[] recent = markers.get(RECENT_REGIMES);
        recentRegimes = recent == null ? new RegimeMajority(regimeSettings.majorityOf())
                : RegimeMajority.fromBytes(recent, regimeSettings.majorityOf());
        rows.clear();
        List<String> unreadable = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = classRowStore.all()) { // store order = class, then matured order
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                try {
                    String[] parts = kv.key.split(String.valueOf(NUL), -1);
                    ClassRows.Kept kept = ClassRows.Kept.fromValueBytes(Long.parseLong(parts[1]), Long.parseLong(parts[2]), kv.value);
                    rows.computeIfAbsent(parts[0], c -> new ClassRows()).add(kept);
                } catch (RuntimeException e) { // one unreadable row must not stop the task from restoring
                    unreadable.add(kv.key);
                    LOG.warn("class row {} in {} is unreadable and dropped: {}", kv.key.replace(NUL, '|'), CLASS_ROWS, e.getMessage());
                }
            }
        }
        unreadable.forEach(classRowStore::delete);
    }

    @Override
    public void process(Record<String, CatalogInput> record) {
        CatalogInput input = record.value();
        if (input == null) {
            return;
        }
        // the config repository and the operators stamp their records with the wall clock: they never move event time
        // (a replayed fleet's time may run anywhere), they act at the event time reached, or at their own time before
        // the fleet's first record
        boolean configOrOperator = input.from(Topics.AGENTS_REGISTRY) || input.from(Topics.GOVERNANCE_STRATEGY_LIMITS)
                || input.from(Topics.CONTROL_OPS);
        if (configOrOperator) {
            actingMillis = now == Long.MIN_VALUE ? record.timestamp() : now;
        } else {
            if (record.timestamp() > now) {
                now = record.timestamp();
                markers.put(NOW, ByteBuffer.allocate(8).putLong(now).array());
            }
            actingMillis = now;
        }
        Instant at = Instant.ofEpochMilli(actingMillis);
        try {
            switch (input.topic()) {
                case "risk.agent-stats" -> agentStats(input.key(), input.value(Topics.RISK_AGENT_STATS), at);
                case "alerts" -> alert(input.value(Topics.ALERTS), at);
                case "agents.registry" -> manifest(input.key(), input.value(Topics.AGENTS_REGISTRY), at);
                case "governance.strategy-limits" -> limits(input.key(), input.value(Topics.GOVERNANCE_STRATEGY_LIMITS), at);
                case "risk.strategy-cvar" -> cvar(input.key(), input.value(Topics.RISK_STRATEGY_CVAR), at);
                case "market.regime" -> regime(input.value(Topics.MARKET_REGIME), at);
                case "alpha.reconciled" -> row(input.value(Topics.ALPHA_RECONCILED), at);
                case "alpha.events" -> alphaEvent(input.value(Topics.ALPHA_EVENTS), at);
                case "control.ops" -> operator(input.value(Topics.CONTROL_OPS), at);
                default -> throw new IllegalArgumentException("the governor does not read " + input.topic());
            }
        } catch (IllegalArgumentException e) {
            skipped.skip(input.topic(), input.key(), e);
        }
    }

    // --- inputs ---

    private void agentStats(String agent, AgentStats value, Instant at) {
        if (value == null) {
            stats.delete(agent);
            return;
        }
        if (value.getHorizonHours() != settings.horizonHours()) {
            return;
        }
        GovernanceRecords.figures(value); // refuses a figure the domain cannot take before it is stored
        stats.put(agent, value);
        evaluateAgent(agent, at);
    }

    private void alert(Alert alert, Instant at) {
        if (alert == null || alert.getSubjectKind() != AlertSubjectKind.AGENT || !DIVERGENCE.equals(alert.getKind())) {
            return;
        }
        String agent = alert.getSubject();
        byte[] open = openAlerts.get(agent);
        if (alert.getTransition() == AlertTransition.RESOLVED) {
            if (open != null && new String(open, UTF_8).equals(alert.getAlertId())) {
                openAlerts.delete(agent);
            }
        } else {
            openAlerts.put(agent, alert.getAlertId().getBytes(UTF_8));
        }
        evaluateAgent(agent, at);
    }

    /**
     * The base branch's manifest entry of an agent. Its first status is the agent's effective status; after that a change
     * of the file's status (a merged PROMOTE, a person's re-enable, a merged record of a KILL) sets the effective status and
     * clears the standing decisions, so a rule that still fires decides again.
     */
    private void manifest(String agent, AgentManifest entry, Instant at) {
        AgentManifest previous = manifest.get(agent);
        if (entry == null) {
            manifest.delete(agent); // the agent keeps its effective status; nothing adds risk
            return;
        }
        manifest.put(agent, entry);
        AgentStatus current = status.get(agent);
        boolean fileChanged = previous == null || previous.getStatus() != entry.getStatus();
        if (current == null || (fileChanged && current.getStatus() != entry.getStatus())) {
            publishStatus(agent, GovernanceRecords.lifecycle(entry.getStatus()), "config_repo",
                    "the config repository's base branch says " + entry.getStatus(), null, at);
            if (current != null) {
                decisionStates.delete(agent);
            }
        }
        evaluateAgent(agent, at);
    }

    private void limits(String strategyClass, StrategyLimits value, Instant at) {
        if (value == null) {
            limits.delete(strategyClass);
        } else {
            GovernanceRecords.limits(value); // refuses a limit the domain cannot take before it is stored
            limits.put(strategyClass, value);
        }
        evaluateClass(strategyClass, at);
    }

    private void cvar(String key, StrategyRegimeRisk value, Instant at) {
        String[] parts = key.split("\\|", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a CVaR key must be strategy|regime|horizon, was " + key);
        }
        if (!parts[2].equals(String.valueOf(settings.horizonHours()))) {
            return;
        }
        String strategyClass = parts[0];
        String regime = parts[1];
        if (value == null) {
            cvar.delete(strategyClass + NUL + regime);
        } else {
            new RegimeCvar(regime, value.getCvar95ShortfallBps(), (int) Math.min(Integer.MAX_VALUE, value.getN()));
            cvar.put(strategyClass + NUL + regime, value);
        }
        if (regime.equals(currentRegime().orElse(null))) {
            evaluateClass(strategyClass, at);
        }
    }

    private void regime(RegimeState value, Instant at) {
        if (value == null || value.getRegime() == null || value.getRegime().isBlank()) {
            throw new IllegalArgumentException("market.regime needs a regime");
        }
        markers.put(CURRENT, value.getRegime().getBytes(UTF_8));
        evaluateEveryClass(at);
    }

    /** An alpha event's regime: the current regime is their majority while no market.regime was ever seen. */
    private void alphaEvent(AlphaEvent event, Instant at) {
        if (event == null || event.getRegime() == null || event.getRegime().isBlank()) {
            return; // only the regime is read; an event without one says nothing about it
        }
        Optional<String> before = currentRegime();
        recentRegimes.add(event.getRegime());
        markers.put(RECENT_REGIMES, recentRegimes.toBytes());
        if (!currentRegime().equals(before)) {
            evaluateEveryClass(at);
        }
    }

    private void evaluateEveryClass(Instant at) {
        TreeSet<String> known = new TreeSet<>();
        try (KeyValueIterator<String, StrategyLimits> it = limits.all()) {
            it.forEachRemaining(kv -> known.add(kv.key));
        }
        try (KeyValueIterator<String, byte[]> it = classStates.all()) {
            it.forEachRemaining(kv -> known.add(kv.key));
        }
        known.forEach(c -> evaluateClass(c, at));
    }

    private void row(ReconciledAlpha row, Instant at) {
        if (row == null || row.getHorizonHours() != settings.horizonHours() || row.getMaturedAt() == null
                || row.getStrategyClass() == null || row.getStrategyClass().isBlank()) {
            return;
        }
        String strategyClass = row.getStrategyClass();
        ClassRows.Kept kept = new ClassRows.Kept(row.getMaturedAt().toEpochMilli(), nextSeq(),
                row.getAgent() == null ? "" : row.getAgent(), row.getRealizedPnlBps());
        rows.computeIfAbsent(strategyClass, c -> new ClassRows()).add(kept);
        classRowStore.put(rowKey(strategyClass, kept), kept.valueBytes());
        evaluateClass(strategyClass, at);
    }

    private void operator(OpsAction action, Instant at) {
        OperatorAction who = new OperatorAction(action.getRequestedBy(), action.getReason(), action.getRequestedAt());
        if (action.getAction() == OpsActionKind.KILL_AGENT) {
            String agent = action.getSubject();
            AgentStatus current = status.get(agent);
            // an agent governance has no status for yet is killed as a CANDIDATE: an operator's KILL always acts
            LifecycleStatus before = current == null ? LifecycleStatus.CANDIDATE : GovernanceRecords.lifecycle(current.getStatus());
            AgentOutcome outcome = agents.manualKill(agent, before, decisionState(agent), who, at);
            decisionStates.put(agent, outcome.state().toBytes());
            emitAgentDecisions(agent, outcome, "operator");
        } else {
            String strategyClass = action.getSubject();
            ClassOutcome outcome = classes.manualDisable(strategyClass, classState(strategyClass), who, at);
            applyClassOutcome(strategyClass, outcome, "operator", at);
        }
    }

    // --- evaluations ---

    private void evaluateAgent(String agent, Instant at) {
        AgentStatus current = status.get(agent);
        if (current == null) {
            return; // not in the manifest and never decided on: governance has no status to change
        }
        String strategyClass = classOf(agent);
        StrategyClassStatus classStatus = strategyClass == null ? StrategyClassStatus.ACTIVE : classState(strategyClass).status();
        AgentStats figures = stats.get(agent);
        if (figures == null && classStatus == StrategyClassStatus.ACTIVE) {
            return; // no figures yet: nothing to judge (only a disabled class retires an agent without figures)
        }
        byte[] open = openAlerts.get(agent);
        AgentSituation situation = new AgentSituation(agent, GovernanceRecords.figures(figures),
                GovernanceRecords.lifecycle(current.getStatus()), classStatus,
                Optional.ofNullable(open).map(b -> new String(b, UTF_8)));
        AgentOutcome outcome = agents.evaluate(situation, decisionState(agent), at);
        decisionStates.put(agent, outcome.state().toBytes());
        emitAgentDecisions(agent, outcome, "decision");
    }

    private void emitAgentDecisions(String agent, AgentOutcome outcome, String source) {
        String strategyClass = classOf(agent);
        Decision acting = null;
        for (Decision d : outcome.emitted()) {
            GovernanceDecision record = GovernanceRecords.decision(d, DecisionSubjectKind.AGENT, strategyClass);
            publishDecision(DecisionSubjectKind.AGENT, record);
            if (!d.dryRun() && GovernanceRecords.changesAgentStatus(d.action())) {
                acting = d;
            }
        }
        AgentStatus current = status.get(agent);
        if (current == null || current.getStatus() != GovernanceRecords.avro(outcome.effectiveStatus())) {
            String reason = acting == null ? null : String.join("; ", acting.reasons().stream().map(Object::toString).toList());
            publishStatus(agent, outcome.effectiveStatus(), source, reason, acting == null ? null : GovernanceRecords.decisionId(acting),
                    acting == null ? Instant.ofEpochMilli(actingMillis) : acting.at());
        }
    }

    private void evaluateClass(String strategyClass, Instant at) {
        ClassRows classRows = rows.get(strategyClass);
        if (classRows != null) {
            for (ClassRows.Kept dropped : classRows.prune(at, classSettings)) {
                classRowStore.delete(rowKey(strategyClass, dropped));
            }
        }
        ClassAttribution attribution = classRows == null ? ClassAttribution.EMPTY : classRows.attribution(at, classSettings);
        StrategyLimits listed = limits.get(strategyClass);
        Optional<StrategyClassLimits> domainLimits = Optional.ofNullable(listed).map(GovernanceRecords::limits);
        Optional<String> regime = currentRegime();
        Map<String, RegimeCvar> byRegime = new LinkedHashMap<>();
        try (KeyValueIterator<String, StrategyRegimeRisk> it = cvar.range(strategyClass + NUL, strategyClass + NUL + '\uffff')) {
            it.forEachRemaining(kv -> byRegime.put(kv.value.getRegime(), new RegimeCvar(kv.value.getRegime(),
                    kv.value.getCvar95ShortfallBps(), (int) Math.min(Integer.MAX_VALUE, kv.value.getN()))));
        }
        ClassSituation situation = new ClassSituation(strategyClass, domainLimits, attribution, regime, byRegime);
        ClassOutcome outcome = classes.evaluate(situation, classState(strategyClass), at);
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("rows", (double) attribution.rows());
        figures.put("agents", (double) attribution.agents());
        figures.put("pnl_bps", attribution.pnlBps());
        if (attribution.hitRate() != null) {
            figures.put("hit_rate", attribution.hitRate());
        }
        figures.put("max_drawdown_bps", attribution.maxDrawdownBps());
        regime.map(byRegime::get).ifPresent(c -> {
            figures.put("cvar95_shortfall_bps", c.cvar95ShortfallBps());
            figures.put("cvar_rows", (double) c.rows());
        });
        if (listed != null) {
            if (listed.getMaxDrawdownBps() != null) {
                figures.put("limit_max_drawdown_bps", listed.getMaxDrawdownBps());
            }
            if (listed.getMinHitRate() != null) {
                figures.put("limit_min_hit_rate", listed.getMinHitRate());
            }
            regime.map(listed.getMaxCvarErrorBps()::get).ifPresent(l -> figures.put("limit_max_cvar_error_bps", l));
        }
        applyClassOutcome(strategyClass, outcome, "decision", at, figures, regime);
    }

    private void applyClassOutcome(String strategyClass, ClassOutcome outcome, String source, Instant at) {
        StrategyStatus stored = strategyStatus.get(strategyClass);
        applyClassOutcome(strategyClass, outcome, source, at, stored == null ? Map.of() : stored.getMetrics(), currentRegime());
    }

    private void applyClassOutcome(String strategyClass, ClassOutcome outcome, String source, Instant at, Map<String, Double> figures,
                                   Optional<String> regime) {
        StrategyClassStatus before = classState(strategyClass).status();
        classStates.put(strategyClass, outcome.state().toBytes());
        Decision acting = null;
        for (Decision d : outcome.emitted()) {
            publishDecision(DecisionSubjectKind.STRATEGY_CLASS, GovernanceRecords.decision(d, DecisionSubjectKind.STRATEGY_CLASS, strategyClass));
            if (!d.dryRun()) {
                acting = d;
            }
        }
        StrategyStatus stored = strategyStatus.get(strategyClass);
        boolean changed = stored == null || stored.getStatus() != GovernanceRecords.avro(outcome.effectiveStatus());
        StrategyStatus next = StrategyStatus.newBuilder()
                .setStrategyClass(strategyClass)
                .setStatus(GovernanceRecords.avro(outcome.effectiveStatus()))
                .setReasons(changed ? reasons(acting) : stored.getReasons())
                .setMetrics(new LinkedHashMap<>(figures))
                .setRegime(changed ? regime.orElse(null) : stored.getRegime())
                .setUpdatedAt(changed ? (acting == null ? at : acting.at()) : stored.getUpdatedAt())
                .setDecisionId(changed ? (acting == null ? null : GovernanceRecords.decisionId(acting)) : stored.getDecisionId())
                .setSource(changed ? (acting == null ? "decision" : sourceOf(acting, source)) : stored.getSource())
                .build();
        strategyStatus.put(strategyClass, next); // the current figures always; the topic only on a change of status
        if (changed) {
            context.forward(new Record<>(strategyClass, new GovernorOutput.Strategy(next), actingMillis));
        }
        if (before != outcome.effectiveStatus()) {
            for (String agent : agentsOf(strategyClass)) {
                evaluateAgent(agent, at); // a disable retires every agent of the class at once
            }
        }
    }

    private static String sourceOf(Decision d, String source) {
        return d.action() == DecisionAction.ENABLE_CLASS ? "config_repo" : source;
    }

    private static List<String> reasons(Decision acting) {
        return acting == null ? List.of() : acting.reasons().stream().map(Object::toString).toList();
    }

    // --- outputs ---

    private void publishDecision(DecisionSubjectKind kind, GovernanceDecision record) {
        String subject = record.getAgent();
        history.put(DecisionHistoryKey.of(kind, subject, record.getDecidedAt().toEpochMilli(), nextSeq()), record);
        String prefix = DecisionHistoryKey.prefix(kind, subject);
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, GovernanceDecision> it = history.range(prefix, DecisionHistoryKey.end(prefix))) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        for (int i = 0; i < keys.size() - settings.historySize(); i++) {
            history.delete(keys.get(i));
        }
        context.forward(new Record<>(subject, new GovernorOutput.Decision(record), actingMillis));
    }

    private void publishStatus(String agent, LifecycleStatus next, String source, String reason, String decisionId, Instant at) {
        AgentStatus value = AgentStatus.newBuilder().setAgent(agent).setStatus(GovernanceRecords.avro(next)).setSource(source)
                .setReason(reason).setDecisionId(decisionId).setUpdatedAt(at).build();
        status.put(agent, value);
        context.forward(new Record<>(agent, new GovernorOutput.Agent(value), actingMillis));
    }

    // --- state ---

    private AgentDecisionState decisionState(String agent) {
        byte[] bytes = decisionStates.get(agent);
        return bytes == null ? AgentDecisionState.INITIAL : AgentDecisionState.fromBytes(bytes);
    }

    private ClassState classState(String strategyClass) {
        byte[] bytes = classStates.get(strategyClass);
        return bytes == null ? ClassState.INITIAL : ClassState.fromBytes(bytes);
    }

    private String classOf(String agent) {
        AgentManifest entry = manifest.get(agent);
        if (entry != null) {
            return entry.getStrategyClass();
        }
        AgentStats s = stats.get(agent);
        return s == null ? null : s.getStrategyClass();
    }

    private List<String> agentsOf(String strategyClass) {
        List<String> out = new ArrayList<>();
        try (KeyValueIterator<String, AgentStatus> it = status.all()) {
            it.forEachRemaining(kv -> {
                if (strategyClass.equals(classOf(kv.key))) {
                    out.add(kv.key);
                }
            });
        }
        return out;
    }

    /** The newest market.regime when one was ever seen, else the majority regime of the newest alpha events. */
    private Optional<String> currentRegime() {
        byte[] bytes = markers.get(CURRENT);
        return bytes != null ? Optional.of(new String(bytes, UTF_8)) : recentRegimes.majority();
    }

    private long nextSeq() {
        seq++;
        markers.put(SEQ, ByteBuffer.allocate(8).putLong(seq).array());
        return seq;
    }

    private static String rowKey(String strategyClass, ClassRows.Kept row) {
        return strategyClass + NUL + String.format("%019d", row.maturedAtMillis()) + NUL + String.format("%019d", row.seq());
    }

    @Override
    public void close() {
        rows.clear();
    }
}
