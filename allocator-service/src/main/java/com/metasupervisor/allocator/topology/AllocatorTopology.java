package com.metasupervisor.allocator.topology;

import static com.metasupervisor.schemas.Topics.AGENTS_REGISTRY;
import static com.metasupervisor.schemas.Topics.ALERTS;
import static com.metasupervisor.schemas.Topics.ALLOCATIONS;
import static com.metasupervisor.schemas.Topics.ALLOCATIONS_BY_AGENT;
import static com.metasupervisor.schemas.Topics.ALLOCATIONS_SHADOW;
import static com.metasupervisor.schemas.Topics.ALPHA_EVENTS;
import static com.metasupervisor.schemas.Topics.ALPHA_RECONCILED;
import static com.metasupervisor.schemas.Topics.CONTROL_GUARDIAN;
import static com.metasupervisor.schemas.Topics.GOVERNANCE_AGENT_STATUS;
import static com.metasupervisor.schemas.Topics.GOVERNANCE_STRATEGY_STATUS;
import static com.metasupervisor.schemas.Topics.MARKET_REGIME;
import static com.metasupervisor.schemas.Topics.RISK_AGENT_STATS;
import static com.metasupervisor.schemas.Topics.RISK_STRATEGY_CVAR;
import static com.metasupervisor.streams.topology.ProcessorWithStores.inMemoryKeyValue;

import com.metasupervisor.allocator.config.AllocatorSettings;
import com.metasupervisor.avro.AlertSubjectKind;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.avro.PolicyLedger;
import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.TopicSerdes;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import com.metasupervisor.streams.state.PlainAvroSerde;
import com.metasupervisor.streams.topology.MaturedAtTimestamps;
import com.metasupervisor.streams.topology.ProcessorWithStores;
import com.metasupervisor.streams.validation.RecordValidator;
import com.metasupervisor.streams.validation.Sourced;
import com.metasupervisor.streams.validation.ValidationStep;
import java.time.Clock;
import java.util.Map;
import java.util.function.BiFunction;
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
 * Every risk input → allocations, allocations.by-agent, allocations.shadow (SPEC §5), read top to bottom.
 *
 * <p>Bad input: risk.agent-stats and market.regime are validated (an invalid record, e.g. a NaN figure or a
 * multiplier outside [0, 1], goes to the topic's .dlq as it came through the kit's {@link ValidationStep}; tombstones
 * are not validated, they withdraw the key). Every other input is validated by its producer or by the service that
 * already dead-letters it (alpha.events by the reconciler, alpha.reconciled by risk): a record of those the domain
 * cannot take is skipped with a metric in the fleet processor, so no topic gets two dead letters of one record.
 */
public final class AllocatorTopology {

    /** Source node names, one per input topic (the topic name with '-' for '.'). */
    public static final String SOURCE_AGENT_STATS = "risk-agent-stats";
    public static final String SOURCE_STRATEGY_CVAR = "risk-strategy-cvar";
    public static final String SOURCE_ALERTS = "alerts";
    public static final String SOURCE_AGENT_STATUS = "governance-agent-status";
    public static final String SOURCE_STRATEGY_STATUS = "governance-strategy-status";
    public static final String SOURCE_REGISTRY = "agents-registry";
    public static final String SOURCE_REGIME = "market-regime";
    public static final String SOURCE_GUARDIAN = "control-guardian";
    public static final String SOURCE_ALPHA_EVENTS = "alpha-events";
    public static final String SOURCE_RECONCILED = "alpha-reconciled";
    /** The single-partition repartition every input goes through, in one order, to one task. */
    public static final String FLEET_INPUTS = "fleet-inputs";
    /** The processor that keeps the fleet and evaluates every policy. */
    public static final String FLEET_PROCESSOR = "fleet";
    /** Sink node names. */
    public static final String SINK_ALLOCATIONS = "allocations";
    public static final String SINK_BY_AGENT = "allocations-by-agent";
    public static final String SINK_SHADOW = "allocations-shadow";

    /** {@code <kind>|<key>} → the input's FleetInputSerde bytes: every kept input, so a restart rebuilds the fleet. */
    public static final String INPUTS_STORE = FleetProcessor.INPUTS;
    /** {@code recent} → the regimes of the newest alpha events (RegimeMajority bytes). */
    public static final String REGIMES_STORE = FleetProcessor.REGIMES;
    /** Policy id → the AllocationSnapshot it last published (the active one's is the current allocation). */
    public static final String HELD_STORE = FleetProcessor.HELD;
    /** Policy id → its PaperLedger bytes. */
    public static final String LEDGERS_STORE = FleetProcessor.LEDGERS;
    /** Zero-padded publish number → the active policy's published AllocationSnapshot, the newest history-size kept. */
    public static final String HISTORY_STORE = FleetProcessor.HISTORY;
    /** Policy id → the PolicyLedger last published on allocations.shadow (publish on change). */
    public static final String SHADOW_PUBLISHED_STORE = FleetProcessor.SHADOW_PUBLISHED;
    /** The key of every record on allocations and fleet-inputs; REST finds the instance hosting the fleet by it. */
    public static final String FLEET_KEY = FleetProcessor.FLEET;

    private AllocatorTopology() {
    }

    /**
     * Adds the topology to {@code builder}; returns the merged inputs (Micronaut builds the application from such
     * beans). {@code clock} only stamps a dead letter's error.at: every evaluation runs on event time.
     */
    public static KStream<String, FleetInput> build(StreamsBuilder builder, TopicSerdes serdes, AllocatorSettings settings,
                                                    Clock clock, DeadLetterMetrics deadLetters) {
        Serde<String> keys = Serdes.String();
        ValidationStep validation = new ValidationStep(deadLetters, clock);

        // 1. sources, each mapped to a FleetInput that keeps its key (a null value is a tombstone: the key is withdrawn)
        KStream<String, FleetInput> stats = validated(builder, serdes, RISK_AGENT_STATS, SOURCE_AGENT_STATS, validation,
                InputValidators.AGENT_STATS).mapValues((agent, s) -> new FleetInput.Stats(agent, s), Named.as("as-stats-input"));
        KStream<String, FleetInput> cvar = source(builder, serdes, RISK_STRATEGY_CVAR, SOURCE_STRATEGY_CVAR, FleetInput.Cvar::new);
        KStream<String, FleetInput> alerts = builder.stream(ALERTS.name(), Consumed.with(keys, serdes.value(ALERTS)).withName(SOURCE_ALERTS))
                .filter((subject, alert) -> alert != null && alert.getSubjectKind() == AlertSubjectKind.AGENT
                        && !"NONE".equals(alert.getAction()), Named.as("agent-alerts-with-action"))
                .mapValues((subject, alert) -> new FleetInput.AlertChange(alert.getSubject(), alert), Named.as("as-alert-input"));
        KStream<String, FleetInput> status = source(builder, serdes, GOVERNANCE_AGENT_STATUS, SOURCE_AGENT_STATUS, FleetInput.Status::new);
        KStream<String, FleetInput> strategies = source(builder, serdes, GOVERNANCE_STRATEGY_STATUS, SOURCE_STRATEGY_STATUS,
                FleetInput.Strategy::new);
        KStream<String, FleetInput> registry = source(builder, serdes, AGENTS_REGISTRY, SOURCE_REGISTRY, FleetInput.Registry::new);
        KStream<String, FleetInput> regime = validated(builder, serdes, MARKET_REGIME, SOURCE_REGIME, validation, InputValidators.REGIME)
                .mapValues((key, r) -> new FleetInput.Regime(key, r), Named.as("as-regime-input"));
        KStream<String, FleetInput> guardian = source(builder, serdes, CONTROL_GUARDIAN, SOURCE_GUARDIAN, FleetInput.Guardian::new);
        // alpha events: only the regime is read (its majority is the regime when market.regime has none)
        KStream<String, FleetInput> events = builder.stream(ALPHA_EVENTS.name(), Consumed.with(keys, serdes.value(ALPHA_EVENTS))
                        .withName(SOURCE_ALPHA_EVENTS))
                .filter((agent, e) -> e != null && e.getRegime() != null && !e.getRegime().isBlank(), Named.as("events-with-regime"))
                .mapValues((agent, e) -> new FleetInput.EventRegime(agent == null ? e.getAgent() : agent, e.getRegime()),
                        Named.as("as-event-regime-input"));
        // reconciled rows at the ledgers' horizon, in event time = matured_at
        int horizon = settings.horizonHours();
        KStream<String, FleetInput> rows = builder.stream(ALPHA_RECONCILED.name(), Consumed.with(keys, serdes.value(ALPHA_RECONCILED))
                        .withTimestampExtractor(new MaturedAtTimestamps()).withName(SOURCE_RECONCILED))
                .filter((agent, row) -> row != null && row.getHorizonHours() == horizon && row.getMaturedAt() != null,
                        Named.as("rows-at-horizon"))
                .mapValues((agent, row) -> new FleetInput.Row(row.getAgent(), row.getRealizedPnlBps(), row.getMaturedAt().toEpochMilli()),
                        Named.as("as-row-input"));

        // 2. every input to one task, in one order: one key, a single-partition repartition
        KStream<String, FleetInput> merged = stats
                .merge(cvar, Named.as("merge-strategy-cvar"))
                .merge(alerts, Named.as("merge-alerts"))
                .merge(status, Named.as("merge-agent-status"))
                .merge(strategies, Named.as("merge-strategy-status"))
                .merge(registry, Named.as("merge-registry"))
                .merge(regime, Named.as("merge-regime"))
                .merge(guardian, Named.as("merge-guardian"))
                .merge(events, Named.as("merge-alpha-events"))
                .merge(rows, Named.as("merge-reconciled"));
        KStream<String, FleetOutput> outputs = merged
                .selectKey((key, input) -> FleetProcessor.FLEET, Named.as("key-fleet"))
                .repartition(Repartitioned.with(keys, new FleetInputSerde()).withName(FLEET_INPUTS).withNumberOfPartitions(1))
                // 3. the fleet: state, stores, evaluation of every policy, ledgers
                .process(fleet(settings), Named.as(FLEET_PROCESSOR));

        // 4. sinks
        outputs.split(Named.as("fleet-output-"))
                .branch((key, out) -> out instanceof FleetOutput.Snapshot, Branched.withConsumer(s -> s
                        .mapValues(out -> ((FleetOutput.Snapshot) out).value(), Named.as("snapshot-value"))
                        .to(ALLOCATIONS.name(), Produced.with(keys, serdes.value(ALLOCATIONS)).withName(SINK_ALLOCATIONS)), "snapshot"))
                .branch((key, out) -> out instanceof FleetOutput.ByAgent, Branched.withConsumer(a -> a
                        .mapValues(out -> ((FleetOutput.ByAgent) out).value(), Named.as("by-agent-value"))
                        .to(ALLOCATIONS_BY_AGENT.name(), Produced.with(keys, serdes.value(ALLOCATIONS_BY_AGENT)).withName(SINK_BY_AGENT)),
                        "by-agent"))
                .defaultBranch(Branched.withConsumer(l -> l
                        .mapValues(out -> ((FleetOutput.Ledger) out).value(), Named.as("ledger-value"))
                        .to(ALLOCATIONS_SHADOW.name(), Produced.with(keys, serdes.value(ALLOCATIONS_SHADOW)).withName(SINK_SHADOW)),
                        "ledger"));
        return merged;
    }

    private static <V extends SpecificRecord> KStream<String, FleetInput> source(StreamsBuilder builder, TopicSerdes serdes, Topic<V> topic,
                                                                                String name, BiFunction<String, V, FleetInput> input) {
        return builder.stream(topic.name(), Consumed.with(Serdes.String(), serdes.value(topic)).withName(name))
                .filter((key, value) -> key != null, Named.as(name + "-keyed"))
                .mapValues(input::apply, Named.as("as-" + name + "-input"));
    }

    /**
     * A validated compacted topic: tombstones pass (they withdraw a key), records go through the validation step
     * (invalid ones to {@code <topic>.dlq}); the valid records and the tombstones (null values) come out merged.
     */
    private static <V extends SpecificRecord> KStream<String, V> validated(StreamsBuilder builder, TopicSerdes serdes, Topic<V> topic,
                                                                          String name, ValidationStep validation,
                                                                          RecordValidator<V> validator) {
        KStream<String, Sourced<V>> source = builder.stream(topic.name(),
                        Consumed.with(Serdes.String(), Sourced.serde(serdes.value(topic))).withName(name))
                .filter((key, value) -> key != null, Named.as(name + "-keyed"));
        Map<String, KStream<String, Sourced<V>>> split = source.split(Named.as(name + "-"))
                .branch((key, value) -> value == null, Branched.as("tombstones"))
                .defaultBranch(Branched.as("records"));
        KStream<String, V> tombstones = split.get(name + "-tombstones").<V>mapValues(value -> null, Named.as(name + "-withdrawn"));
        return validation.validate(split.get(name + "-records"), topic, validator).merge(tombstones, Named.as(name + "-and-withdrawn"));
    }

    // In-memory (changelogged) stores: the fleet is one small entry per input key, a snapshot per policy, the history.
    private static ProcessorSupplier<String, FleetInput, String, FleetOutput> fleet(AllocatorSettings settings) {
        return ProcessorWithStores.of(() -> new FleetProcessor(settings),
                inMemoryKeyValue(FleetProcessor.INPUTS, Serdes.ByteArray()),
                inMemoryKeyValue(FleetProcessor.REGIMES, Serdes.ByteArray()),
                inMemoryKeyValue(FleetProcessor.HELD, new PlainAvroSerde<>(AllocationSnapshot.class)),
                // written on every credited row: the cache coalesces a commit interval's writes into one changelog record
                inMemoryKeyValue(FleetProcessor.LEDGERS, Serdes.ByteArray()).withCachingEnabled(),
                inMemoryKeyValue(FleetProcessor.HISTORY, new PlainAvroSerde<>(AllocationSnapshot.class)),
                inMemoryKeyValue(FleetProcessor.SHADOW_PUBLISHED, new PlainAvroSerde<>(PolicyLedger.class)));
    }
}
