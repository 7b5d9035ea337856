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
import java.util.List;
import java.util.Optional;

/**
 * The topic catalog (SPEC §2): every topic, its value type, cleanup policy and partitions. Producers
 * and consumers take their serdes from here and nowhere else. Who produces and consumes each topic is
 * derived from the service catalog ({@link ServiceCatalog}, {@link Topic#producers()}, {@link Topic#consumers()}).
 */
public final class Topics {

    public static final Topic<AlphaEvent> ALPHA_EVENTS = new Topic<>(
            "alpha.events", AlphaEvent.class, DELETE, 6, "agent");

    public static final Topic<PriceTick> MARKET_PRICES = new Topic<>(
            "market.prices", PriceTick.class, DELETE, 6, "symbol");

    public static final Topic<AgentManifest> AGENTS_REGISTRY = new Topic<>(
            "agents.registry", AgentManifest.class, COMPACT, 3, "agent");

    public static final Topic<ReconciledAlpha> ALPHA_RECONCILED = new Topic<>(
            "alpha.reconciled", ReconciledAlpha.class, DELETE, 6, "agent");

    public static final Topic<SimModel> MODELS_SIM = new Topic<>(
            "models.sim", SimModel.class, COMPACT, 1, "horizon key h1, h4, h24");

    public static final Topic<StrategyRegimeRisk> RISK_STRATEGY_CVAR = new Topic<>(
            "risk.strategy-cvar", StrategyRegimeRisk.class, COMPACT, 3, "strategy|regime|horizon");

    public static final Topic<AgentStats> RISK_AGENT_STATS = new Topic<>(
            "risk.agent-stats", AgentStats.class, COMPACT, 3, "agent");

    public static final Topic<RegimeState> MARKET_REGIME = new Topic<>(
            "market.regime", RegimeState.class, COMPACT, 1, "current");

    public static final Topic<GuardianState> CONTROL_GUARDIAN = new Topic<>(
            "control.guardian", GuardianState.class, COMPACT, 1, "guardian");

    public static final Topic<Alert> ALERTS = new Topic<>(
            "alerts", Alert.class, DELETE, 3, "agent or strategy");

    public static final Topic<AllocationSnapshot> ALLOCATIONS = new Topic<>(
            "allocations", AllocationSnapshot.class, COMPACT, 1, "fleet");

    public static final Topic<AgentAllocation> ALLOCATIONS_BY_AGENT = new Topic<>(
            "allocations.by-agent", AgentAllocation.class, COMPACT, 3, "agent");

    public static final Topic<PolicyLedger> ALLOCATIONS_SHADOW = new Topic<>(
            "allocations.shadow", PolicyLedger.class, COMPACT, 1, "policy name");

    public static final Topic<GovernanceDecision> GOVERNANCE_DECISIONS = new Topic<>(
            "governance.decisions", GovernanceDecision.class, DELETE, 3, "agent");

    public static final Topic<AgentStatus> GOVERNANCE_AGENT_STATUS = new Topic<>(
            "governance.agent-status", AgentStatus.class, COMPACT, 3, "agent");

    public static final Topic<StrategyStatus> GOVERNANCE_STRATEGY_STATUS = new Topic<>(
            "governance.strategy-status", StrategyStatus.class, COMPACT, 3, "strategy");

    /** The kill list governance enforces, read from the config repository's base branch (the manifest sync). */
    public static final Topic<StrategyLimits> GOVERNANCE_STRATEGY_LIMITS = new Topic<>(
            "governance.strategy-limits", StrategyLimits.class, COMPACT, 1, "strategy class");

    public static final Topic<ConfigPatch> GOVERNANCE_CONFIG_PATCHES = new Topic<>(
            "governance.config-patches", ConfigPatch.class, DELETE, 1, "patch id");

    public static final Topic<OpsAction> CONTROL_OPS = new Topic<>(
            "control.ops", OpsAction.class, DELETE, 1, "agent or strategy");

    public static final Topic<PromotionProposal> GOVERNANCE_PROPOSALS = new Topic<>(
            "governance.proposals", PromotionProposal.class, DELETE, 1, "proposal id");

    public static final Topic<ReportingAction> REPORTING_LEDGER = new Topic<>(
            "reporting.ledger", ReportingAction.class, COMPACT, 1, "action key");

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
