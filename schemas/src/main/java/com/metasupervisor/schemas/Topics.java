package com.metasupervisor.schemas;

import static com.metasupervisor.schemas.TopicRetention.compact;
import static com.metasupervisor.schemas.TopicRetention.deleteAfter;

import com.metasupervisor.avro.AgentAllocation;
import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.AgentStatus;
import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.ConfigPatch;
import com.metasupervisor.avro.GovernanceDecision;
import com.metasupervisor.avro.GuardianState;
import com.metasupervisor.avro.OpsAction;
import com.metasupervisor.avro.PolicyLedger;
import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.avro.PromotionProposal;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.avro.RegimeState;
import com.metasupervisor.avro.ReportingAction;
import com.metasupervisor.avro.SimModel;
import com.metasupervisor.avro.StrategyLimits;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.avro.StrategyStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The topic catalog (SPEC §2): every topic, its value type, retention (cleanup policy included) and partitions. Producers
 * and consumers take their serdes from here and nowhere else. Who produces and consumes each topic is
 * derived from the service catalog ({@link ServiceCatalog}, {@link Topic#producers()}, {@link Topic#consumers()}).
 */
public final class Topics {

    /** Compacted topics roll a segment a day: the active segment is never compacted, so this bounds what waits for it. */
    private static final Duration COMPACTED_SEGMENT = Duration.ofDays(1);
    /**
     * How long every change of a compacted topic the weekly LP report reads "as in force at each hour" is kept: the
     * report's feed reaches back reporting's {@code history-weeks} (8) + 2 days = 58 days
     * ({@code LpReportSettings.feedKeep()}); 9 weeks leave 5 days for a report rebuilt late. Raise it with history-weeks.
     */
    public static final Duration REPORT_IN_FORCE_LAG = Duration.ofDays(63);
    /** Only the current value of a key matters: compacted as soon as its segment rolls. */
    private static final TopicRetention CURRENT_VALUE = compact(Duration.ZERO, COMPACTED_SEGMENT);
    /** Every change kept as long as the weekly report looks back, then only the newest. */
    private static final TopicRetention IN_FORCE_FOR_THE_REPORT = compact(REPORT_IN_FORCE_LAG, COMPACTED_SEGMENT);

    // input of record: the reconciler needs <= 7 d (its catch-up bound), a month allows a rebuild or an export
    public static final Topic<AlphaEvent> ALPHA_EVENTS = new Topic<>(
            "alpha.events", AlphaEvent.class, deleteAfter(Duration.ofDays(30)), 6, "agent");

    // the reconciler's catch-up bound (price-history, 7 d of market time, SPEC §3) + 1 d to bring it back
    public static final Topic<PriceTick> MARKET_PRICES = new Topic<>(
            "market.prices", PriceTick.class, deleteAfter(Duration.ofDays(8)), 6, "symbol");

    // each agent's manifest as it is now
    public static final Topic<AgentManifest> AGENTS_REGISTRY = new Topic<>(
            "agents.registry", AgentManifest.class, CURRENT_VALUE, 3, "agent");

    // the ledger risk, allocator and reporting build on; reporting replays 8 weeks + 2 d (history-weeks may reach 12)
    public static final Topic<ReconciledAlpha> ALPHA_RECONCILED = new Topic<>(
            "alpha.reconciled", ReconciledAlpha.class, deleteAfter(Duration.ofDays(90)), 6, "agent");

    // the newest model of each horizon
    public static final Topic<SimModel> MODELS_SIM = new Topic<>(
            "models.sim", SimModel.class, CURRENT_VALUE, 1, "horizon key h1, h4, h24");

    // current figures only; written on every reconciled row, so no lag
    public static final Topic<StrategyRegimeRisk> RISK_STRATEGY_CVAR = new Topic<>(
            "risk.strategy-cvar", StrategyRegimeRisk.class, CURRENT_VALUE, 3, "strategy|regime|horizon");

    // current figures only (the report reads each agent's newest); ~1.4 M changes a day at 1 000 agents
    public static final Topic<AgentStats> RISK_AGENT_STATS = new Topic<>(
            "risk.agent-stats", AgentStats.class, CURRENT_VALUE, 3, "agent");

    // the regime now
    public static final Topic<RegimeState> MARKET_REGIME = new Topic<>(
            "market.regime", RegimeState.class, CURRENT_VALUE, 1, "current");

    // the guardian flag now
    public static final Topic<GuardianState> CONTROL_GUARDIAN = new Topic<>(
            "control.guardian", GuardianState.class, CURRENT_VALUE, 1, "guardian");

    // ops history; the report reads its 8 weeks + 2 d
    public static final Topic<Alert> ALERTS = new Topic<>(
            "alerts", Alert.class, deleteAfter(Duration.ofDays(90)), 3, "agent or strategy");

    // the report weighs each hour's PnL by the allocation in force then, over its whole history
    public static final Topic<AllocationSnapshot> ALLOCATIONS = new Topic<>(
            "allocations", AllocationSnapshot.class, IN_FORCE_FOR_THE_REPORT, 1, "fleet");

    // one agent's current weight, for downstream traders
    public static final Topic<AgentAllocation> ALLOCATIONS_BY_AGENT = new Topic<>(
            "allocations.by-agent", AgentAllocation.class, CURRENT_VALUE, 3, "agent");

    // the report shows each policy's newest ledger only; a whole weight map per evaluation, so no lag
    public static final Topic<PolicyLedger> ALLOCATIONS_SHADOW = new Topic<>(
            "allocations.shadow", PolicyLedger.class, CURRENT_VALUE, 1, "policy name");

    // audit trail of PROMOTE/RETIRE/KILL; tiny
    public static final Topic<GovernanceDecision> GOVERNANCE_DECISIONS = new Topic<>(
            "governance.decisions", GovernanceDecision.class, deleteAfter(Duration.ofDays(365)), 3, "agent");

    // each agent's effective status now
    public static final Topic<AgentStatus> GOVERNANCE_AGENT_STATUS = new Topic<>(
            "governance.agent-status", AgentStatus.class, CURRENT_VALUE, 3, "agent");

    // the report needs each class's status in force and the start of its disabled run
    public static final Topic<StrategyStatus> GOVERNANCE_STRATEGY_STATUS = new Topic<>(
            "governance.strategy-status", StrategyStatus.class, IN_FORCE_FOR_THE_REPORT, 3, "strategy");

    /** The kill list governance enforces, read from the config repository's base branch (the manifest sync); only the one in force. */
    public static final Topic<StrategyLimits> GOVERNANCE_STRATEGY_LIMITS = new Topic<>(
            "governance.strategy-limits", StrategyLimits.class, CURRENT_VALUE, 1, "strategy class");

    // learning-loop input, kept as history; small
    public static final Topic<ConfigPatch> GOVERNANCE_CONFIG_PATCHES = new Topic<>(
            "governance.config-patches", ConfigPatch.class, deleteAfter(Duration.ofDays(90)), 1, "patch id");

    // operators' manual actions, kept as history; small
    public static final Topic<OpsAction> CONTROL_OPS = new Topic<>(
            "control.ops", OpsAction.class, deleteAfter(Duration.ofDays(90)), 1, "agent or strategy");

    // the report lists the week's proposals from its 8 weeks + 2 d; small
    public static final Topic<PromotionProposal> GOVERNANCE_PROPOSALS = new Topic<>(
            "governance.proposals", PromotionProposal.class, deleteAfter(Duration.ofDays(90)), 1, "proposal id");

    // the outbox: every action's STARTED/DONE history and tombstones outlive any retry window (7 d)
    public static final Topic<ReportingAction> REPORTING_LEDGER = new Topic<>(
            "reporting.ledger", ReportingAction.class,
            compact(Duration.ofDays(7), COMPACTED_SEGMENT).withDeleteRetention(Duration.ofDays(7)), 1, "action key");

    private static final List<Topic<?>> ALL = List.of(
            ALPHA_EVENTS, MARKET_PRICES, AGENTS_REGISTRY, ALPHA_RECONCILED, MODELS_SIM,
            RISK_STRATEGY_CVAR, RISK_AGENT_STATS, MARKET_REGIME, CONTROL_GUARDIAN, ALERTS,
            ALLOCATIONS, ALLOCATIONS_BY_AGENT, ALLOCATIONS_SHADOW, GOVERNANCE_DECISIONS, GOVERNANCE_AGENT_STATUS,
            GOVERNANCE_STRATEGY_STATUS, GOVERNANCE_STRATEGY_LIMITS, GOVERNANCE_CONFIG_PATCHES, CONTROL_OPS, GOVERNANCE_PROPOSALS, REPORTING_LEDGER);

    private Topics() {
    }

    /** Every catalog topic, in SPEC §2 order (dead-letter topics not included: see {@link Topic#deadLetterTopic()}). */
    public static List<Topic<?>> all() {
        return ALL;
    }

    /** The catalog topic called {@code name}, if any. */
    public static Optional<Topic<?>> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Every topic name the platform creates: the catalog topics and their dead-letter topics. */
    public static List<String> allNamesWithDeadLetters() {
        return ALL.stream().flatMap(t -> java.util.stream.Stream.of(t.name(), t.deadLetterTopic())).toList();
    }
}
