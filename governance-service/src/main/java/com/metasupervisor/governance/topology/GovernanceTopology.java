package com.metasupervisor.governance.topology;

import static com.metasupervisor.schemas.Topics.AGENTS_REGISTRY;
import static com.metasupervisor.schemas.Topics.ALERTS;
import static com.metasupervisor.schemas.Topics.ALPHA_EVENTS;
import static com.metasupervisor.schemas.Topics.ALPHA_RECONCILED;
import static com.metasupervisor.schemas.Topics.CONTROL_OPS;
import static com.metasupervisor.schemas.Topics.GOVERNANCE_AGENT_STATUS;
import static com.metasupervisor.schemas.Topics.GOVERNANCE_DECISIONS;
import static com.metasupervisor.schemas.Topics.GOVERNANCE_STRATEGY_LIMITS;
import static com.metasupervisor.schemas.Topics.GOVERNANCE_STRATEGY_STATUS;
import static com.metasupervisor.schemas.Topics.MARKET_REGIME;
import static com.metasupervisor.schemas.Topics.RISK_AGENT_STATS;
import static com.metasupervisor.schemas.Topics.RISK_STRATEGY_CVAR;
import static com.metasupervisor.streams.topology.ProcessorWithStores.inMemoryKeyValue;

import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.AgentStatus;
import com.metasupervisor.avro.GovernanceDecision;
import com.metasupervisor.avro.OpsAction;
import com.metasupervisor.avro.StrategyLimits;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.avro.StrategyStatus;
import com.metasupervisor.governance.config.DecisionSettings;
import com.metasupervisor.governance.config.DryRunSettings;
import com.metasupervisor.governance.config.GovernanceSettings;
import com.metasupervisor.governance.config.PromotionGateSettings;
import com.metasupervisor.governance.config.RegimeSettings;
import com.metasupervisor.governance.config.StrategyClassSettings;
import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.TopicSerdes;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import com.metasupervisor.streams.state.PlainAvroSerde;
import com.metasupervisor.streams.topology.CatalogInput;
import com.metasupervisor.streams.topology.MaturedAtTimestamps;
import com.metasupervisor.streams.topology.ProcessorWithStores;
import com.metasupervisor.streams.validation.RecordValidator;
import com.metasupervisor.streams.validation.Sourced;
import com.metasupervisor.streams.validation.ValidationStep;
import com.metasupervisor.streams.validation.Violation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

/**
 * Every governance input → governance.decisions, governance.agent-status, governance.strategy-status (SPEC §6), read top
 * to bottom; the promotion loop (governance.config-patches → governance.proposals) is {@link PromotionLoopTopology}.
 *
 * <p>Bad input: control.ops is written by people, so it is validated here (an invalid record goes to control.ops.dlq
 * through the kit's {@link ValidationStep}). The other inputs are validated by the services that write them (risk,
 * the allocator dead-letters market.regime, governance's own manifest sync): a record of those the domain cannot take
 * is skipped with a metric in the governor, so no topic gets two dead letters of one record.
 */
public final class GovernanceTopology {

    /** The single-partition repartition every input goes through, in one order, to one task. */
    public static final String GOVERNANCE_INPUTS = "governance-inputs";
    /** The processor that keeps every agent and class and decides. */
    public static final String GOVERNOR = "governor";
    /** The key of every record on governance-inputs; REST finds the instance hosting the stores by it. */
    public static final String GOVERNOR_KEY = "governor";

    /** Agent → AgentStatus: its effective status as last published. */
    public static final String AGENT_STATUS_STORE = "governance-agent-status";
    /** Agent → AgentStats: its newest figures at the horizon. */
    public static final String AGENT_STATS_STORE = "governance-agent-stats";
    /** Agent → AgentManifest: its entry in the base branch's manifest as last seen on agents.registry. */
    public static final String MANIFEST_STORE = "governance-manifest";
    /**
     * Class → StrategyStatus: its status as last published, with the figures of its latest evaluation (attribution,
     * the current regime's CVaR, the limits in force): the topic gets a record only when the status changes.
     */
    public static final String STRATEGY_STATUS_STORE = "governance-strategy-status";
    /** Class → StrategyLimits in force (the base branch's kill list). */
    public static final String STRATEGY_LIMITS_STORE = "governance-strategy-limits";
    /** {@link DecisionHistoryKey} → GovernanceDecision, the newest governance.history-size per subject. */
    public static final String HISTORY_STORE = "governance-decision-history";

    /** Sink node names. */
    public static final String SINK_DECISIONS = "governance-decisions";
    public static final String SINK_AGENT_STATUS = "governance-agent-status";
    public static final String SINK_STRATEGY_STATUS = "governance-strategy-status";

    /** What an operator's action must carry: who, why, what, about whom. */
    static final RecordValidator<OpsAction> OPS_ACTION = a -> {
        List<Violation> out = new ArrayList<>();
        blank(out, "action_id", a.getActionId());
        blank(out, "subject", a.getSubject());
        blank(out, "reason", a.getReason());
        blank(out, "requested_by", a.getRequestedBy());
        if (a.getSubject() != null && a.getSubject().indexOf('\u0000') >= 0) {
            out.add(new Violation("subject", "subject_invalid", "subject contains NUL"));
        }
        return out;
    };

    private GovernanceTopology() {
    }

    /**
     * Adds the topology to {@code builder}; returns the merged inputs (Micronaut builds the application from such beans).
     * {@code clock} stamps dead letters and runs the promotion loop's cycles; every decision runs on event time.
     */
    public static KStream<String, CatalogInput> build(StreamsBuilder builder, TopicSerdes serdes, GovernanceSettings settings,
                                                      DecisionSettings decisions, PromotionGateSettings gate,
                                                      StrategyClassSettings classes, RegimeSettings regimes, DryRunSettings dryRun,
                                                      Clock clock, DeadLetterMetrics deadLetters) {
        Serde<String> keys = Serdes.String();

        // 1. sources, each record carried with its topic and key (a null value is a tombstone: the key is withdrawn)
        KStream<String, CatalogInput> stats = source(builder, serdes, RISK_AGENT_STATS);
        KStream<String, CatalogInput> cvar = source(builder, serdes, RISK_STRATEGY_CVAR);
        KStream<String, CatalogInput> alerts = source(builder, serdes, ALERTS);
        KStream<String, CatalogInput> regime = source(builder, serdes, MARKET_REGIME);
        KStream<String, CatalogInput> registry = source(builder, serdes, AGENTS_REGISTRY);
        KStream<String, CatalogInput> limits = source(builder, serdes, GOVERNANCE_STRATEGY_LIMITS);
        // reconciled rows in event time = matured_at (class attribution); the governor keeps those at the horizon
        int horizon = settings.horizonHours();
        KStream<String, CatalogInput> rows = builder.stream(ALPHA_RECONCILED.name(), Consumed.with(keys, serdes.value(ALPHA_RECONCILED))
                        .withTimestampExtractor(new MaturedAtTimestamps()).withName(nodeName(ALPHA_RECONCILED)))
                .filter((agent, row) -> row != null && row.getHorizonHours() == horizon, Named.as("rows-at-horizon"))
                .mapValues((agent, row) -> new CatalogInput(ALPHA_RECONCILED.name(), agent == null ? row.getAgent() : agent, row),
                        Named.as("as-" + nodeName(ALPHA_RECONCILED) + "-input"));
        // alpha events: only the regime is read (its majority is the current regime while market.regime has none); an
        // event without one is dropped here rather than carried through the single-partition repartition
        KStream<String, CatalogInput> events = builder.stream(ALPHA_EVENTS.name(), Consumed.with(keys, serdes.value(ALPHA_EVENTS))
                        .withName(nodeName(ALPHA_EVENTS)))
                .filter((agent, e) -> e != null && e.getRegime() != null && !e.getRegime().isBlank(), Named.as("events-with-regime"))
                .mapValues((agent, e) -> new CatalogInput(ALPHA_EVENTS.name(), agent == null ? e.getAgent() : agent, e),
                        Named.as("as-" + nodeName(ALPHA_EVENTS) + "-input"));
        // an operator's KILL / DISABLE, validated: written by people
        KStream<String, CatalogInput> ops = new ValidationStep(deadLetters, clock)
                .validate(builder.stream(CONTROL_OPS.name(), Consumed.with(keys, Sourced.serde(serdes.value(CONTROL_OPS)))
                        .withName(nodeName(CONTROL_OPS))), CONTROL_OPS, OPS_ACTION)
                .mapValues((key, action) -> new CatalogInput(CONTROL_OPS.name(), action.getSubject(), action),
                        Named.as("as-" + nodeName(CONTROL_OPS) + "-input"));

        // 2. every input to one task, in one order: one key, a single-partition repartition
        KStream<String, CatalogInput> merged = stats
                .merge(cvar, Named.as("merge-strategy-cvar"))
                .merge(alerts, Named.as("merge-alerts"))
                .merge(regime, Named.as("merge-regime"))
                .merge(registry, Named.as("merge-registry"))
                .merge(limits, Named.as("merge-strategy-limits"))
                .merge(rows, Named.as("merge-reconciled"))
                .merge(events, Named.as("merge-alpha-events"))
                .merge(ops, Named.as("merge-ops"));
        KStream<String, GovernorOutput> outputs = merged
                .selectKey((key, input) -> GOVERNOR_KEY, Named.as("key-governor"))
                .repartition(Repartitioned.with(keys, CatalogInput.serde()).withName(GOVERNANCE_INPUTS).withNumberOfPartitions(1))
                // 3. the governor: every agent and class, their decisions and effective statuses
                .process(governor(settings, decisions, gate, classes, regimes, dryRun), Named.as(GOVERNOR));

        // 4. sinks, each keyed by its subject
        outputs.split(Named.as("governor-output-"))
                .branch((key, out) -> out instanceof GovernorOutput.Decision, Branched.withConsumer(d -> d
                        .mapValues(out -> ((GovernorOutput.Decision) out).value(), Named.as("decision-value"))
                        .to(GOVERNANCE_DECISIONS.name(), Produced.with(keys, serdes.value(GOVERNANCE_DECISIONS)).withName(SINK_DECISIONS)),
                        "decision"))
                .branch((key, out) -> out instanceof GovernorOutput.Agent, Branched.withConsumer(a -> a
                        .mapValues(out -> ((GovernorOutput.Agent) out).value(), Named.as("agent-status-value"))
                        .to(GOVERNANCE_AGENT_STATUS.name(), Produced.with(keys, serdes.value(GOVERNANCE_AGENT_STATUS))
                                .withName(SINK_AGENT_STATUS)), "agent"))
                .defaultBranch(Branched.withConsumer(s -> s
                        .mapValues(out -> ((GovernorOutput.Strategy) out).value(), Named.as("strategy-status-value"))
                        .to(GOVERNANCE_STRATEGY_STATUS.name(), Produced.with(keys, serdes.value(GOVERNANCE_STRATEGY_STATUS))
                                .withName(SINK_STRATEGY_STATUS)), "strategy"));
        return merged;
    }

    static String nodeName(Topic<?> topic) {
        return CatalogInput.nodeName(topic);
    }

    private static <V extends SpecificRecord> KStream<String, CatalogInput> source(StreamsBuilder builder, TopicSerdes serdes, Topic<V> topic) {
        return CatalogInput.source(builder, serdes, topic);
    }

    private static void blank(List<Violation> out, String field, String value) {
        if (value == null || value.isBlank()) {
            out.add(new Violation(field, field + "_missing", field + " is missing or blank"));
        }
    }

    // In-memory (changelogged) stores: one small entry per agent and class, the class rows of the window, the history.
    private static ProcessorSupplier<String, CatalogInput, String, GovernorOutput> governor(GovernanceSettings settings,
            DecisionSettings decisions, PromotionGateSettings gate, StrategyClassSettings classes, RegimeSettings regimes,
            DryRunSettings dryRun) {
        return ProcessorWithStores.of(() -> new GovernorProcessor(settings, decisions, gate, classes, regimes, dryRun),
                inMemoryKeyValue(GovernorProcessor.AGENT_STATUS, new PlainAvroSerde<>(AgentStatus.class)),
                inMemoryKeyValue(GovernorProcessor.AGENT_STATS, new PlainAvroSerde<>(AgentStats.class)).withCachingEnabled(),
                inMemoryKeyValue(GovernorProcessor.MANIFEST, new PlainAvroSerde<>(AgentManifest.class)),
                // written on every class evaluation (every row): the cache coalesces a commit interval's writes
                inMemoryKeyValue(GovernorProcessor.STRATEGY_STATUS, new PlainAvroSerde<>(StrategyStatus.class)).withCachingEnabled(),
                inMemoryKeyValue(GovernorProcessor.STRATEGY_LIMITS, new PlainAvroSerde<>(StrategyLimits.class)),
                inMemoryKeyValue(GovernorProcessor.HISTORY, new PlainAvroSerde<>(GovernanceDecision.class)),
                inMemoryKeyValue(GovernorProcessor.AGENT_DECISIONS, Serdes.ByteArray()).withCachingEnabled(),
                inMemoryKeyValue(GovernorProcessor.OPEN_ALERTS, Serdes.ByteArray()),
                inMemoryKeyValue(GovernorProcessor.CLASS_STATE, Serdes.ByteArray()).withCachingEnabled(),
                inMemoryKeyValue(GovernorProcessor.CLASS_CVAR, new PlainAvroSerde<>(StrategyRegimeRisk.class)),
                inMemoryKeyValue(GovernorProcessor.CLASS_ROWS, Serdes.ByteArray()),
                inMemoryKeyValue(GovernorProcessor.MARKERS, Serdes.ByteArray()).withCachingEnabled());
    }
}
