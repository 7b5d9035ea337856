package com.metasupervisor.schemas;

import static com.metasupervisor.schemas.CleanupPolicy.COMPACT;
import static com.metasupervisor.schemas.CleanupPolicy.DELETE;

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
import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.avro.PromotionProposal;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.avro.RegimeState;
import com.metasupervisor.avro.ReportingAction;
import com.metasupervisor.avro.SimModel;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.avro.StrategyStatus;
import java.util.List;
import java.util.Optional;

/**
 * The topic catalog (SPEC §2): every topic, its value type, cleanup policy, partitions, and who
 * produces and consumes it. Producers and consumers take their serdes from here and nowhere else.
 */
public final class Topics {

    private static final String AGENTS = "trading agents";
    private static final String RECONCILER = "reconciler-service";
    private static final String RISK = "risk-service";
    private static final String ALLOCATOR = "allocator-service";
    private static final String GOVERNANCE = "governance-service";
    private static final String REPORTING = "reporting-service";

    public static final Topic<AlphaEvent> ALPHA_EVENTS = new Topic<>(
            "alpha.events", AlphaEvent.class, DELETE, 6, "agent",
            AGENTS + " (Kafka, or POST /alpha-events on " + RECONCILER + ")",
            List.of(RECONCILER, RISK + " (error rate)", ALLOCATOR + " (majority regime)"));

    public static final Topic<PriceTick> MARKET_PRICES = new Topic<>(
            "market.prices", PriceTick.class, DELETE, 6, "symbol",
            "market data", List.of(RECONCILER));

    public static final Topic<AgentManifest> AGENTS_REGISTRY = new Topic<>(
            "agents.registry", AgentManifest.class, COMPACT, 3, "agent",
            GOVERNANCE + " (manifest sync from agents/manifest.yaml)", List.of(RECONCILER, RISK, GOVERNANCE, ALLOCATOR));

    public static final Topic<ReconciledAlpha> ALPHA_RECONCILED = new Topic<>(
            "alpha.reconciled", ReconciledAlpha.class, DELETE, 6, "agent",
            RECONCILER, List.of(RISK, RECONCILER + " (sim model training)", REPORTING));

    public static final Topic<SimModel> MODELS_SIM = new Topic<>(
            "models.sim", SimModel.class, COMPACT, 1, "horizon key h1, h4, h24",
            RECONCILER, List.of(RECONCILER, RISK));

    public static final Topic<StrategyRegimeRisk> RISK_STRATEGY_CVAR = new Topic<>(
            "risk.strategy-cvar", StrategyRegimeRisk.class, COMPACT, 3, "strategy|regime|horizon",
            RISK, List.of(ALLOCATOR, GOVERNANCE, REPORTING));

    public static final Topic<AgentStats> RISK_AGENT_STATS = new Topic<>(
            "risk.agent-stats", AgentStats.class, COMPACT, 3, "agent",
            RISK, List.of(ALLOCATOR, GOVERNANCE, REPORTING));

    public static final Topic<RegimeState> MARKET_REGIME = new Topic<>(
            "market.regime", RegimeState.class, COMPACT, 1, "current",
            "ops or a regime detector", List.of(ALLOCATOR, GOVERNANCE));

    public static final Topic<GuardianState> CONTROL_GUARDIAN = new Topic<>(
            "control.guardian", GuardianState.class, COMPACT, 1, "guardian",
            "ops", List.of(ALLOCATOR));

    public static final Topic<Alert> ALERTS = new Topic<>(
            "alerts", Alert.class, DELETE, 3, "agent or strategy",
            RISK, List.of("ops", ALLOCATOR, GOVERNANCE, REPORTING));

    public static final Topic<AllocationSnapshot> ALLOCATIONS = new Topic<>(
            "allocations", AllocationSnapshot.class, COMPACT, 1, "fleet",
            ALLOCATOR, List.of("downstream traders", REPORTING));

    public static final Topic<AgentAllocation> ALLOCATIONS_BY_AGENT = new Topic<>(
            "allocations.by-agent", AgentAllocation.class, COMPACT, 3, "agent",
            ALLOCATOR, List.of("downstream traders"));

    public static final Topic<GovernanceDecision> GOVERNANCE_DECISIONS = new Topic<>(
            "governance.decisions", GovernanceDecision.class, DELETE, 3, "agent",
            GOVERNANCE, List.of(REPORTING));

    public static final Topic<AgentStatus> GOVERNANCE_AGENT_STATUS = new Topic<>(
            "governance.agent-status", AgentStatus.class, COMPACT, 3, "agent",
            GOVERNANCE, List.of(ALLOCATOR, REPORTING));

    public static final Topic<StrategyStatus> GOVERNANCE_STRATEGY_STATUS = new Topic<>(
            "governance.strategy-status", StrategyStatus.class, COMPACT, 3, "strategy",
            GOVERNANCE, List.of(ALLOCATOR, REPORTING));

    public static final Topic<ConfigPatch> GOVERNANCE_CONFIG_PATCHES = new Topic<>(
            "governance.config-patches", ConfigPatch.class, DELETE, 1, "patch id",
            "the learning loop", List.of(GOVERNANCE));

    public static final Topic<PromotionProposal> GOVERNANCE_PROPOSALS = new Topic<>(
            "governance.proposals", PromotionProposal.class, DELETE, 1, "proposal id",
            GOVERNANCE, List.of(REPORTING));

    public static final Topic<ReportingAction> REPORTING_LEDGER = new Topic<>(
            "reporting.ledger", ReportingAction.class, COMPACT, 1, "action key",
            REPORTING, List.of(REPORTING));

    private static final List<Topic<?>> ALL = List.of(
            ALPHA_EVENTS, MARKET_PRICES, AGENTS_REGISTRY, ALPHA_RECONCILED, MODELS_SIM,
            RISK_STRATEGY_CVAR, RISK_AGENT_STATS, MARKET_REGIME, CONTROL_GUARDIAN, ALERTS,
            ALLOCATIONS, ALLOCATIONS_BY_AGENT, GOVERNANCE_DECISIONS, GOVERNANCE_AGENT_STATUS,
            GOVERNANCE_STRATEGY_STATUS, GOVERNANCE_CONFIG_PATCHES, GOVERNANCE_PROPOSALS, REPORTING_LEDGER);

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
