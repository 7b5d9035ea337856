package com.metasupervisor.risk.topology;

import static com.metasupervisor.schemas.Topics.ALERTS;
import static com.metasupervisor.schemas.Topics.ALPHA_EVENTS;
import static com.metasupervisor.schemas.Topics.ALPHA_RECONCILED;
import static com.metasupervisor.schemas.Topics.MODELS_SIM;
import static com.metasupervisor.schemas.Topics.RISK_AGENT_STATS;
import static com.metasupervisor.schemas.Topics.RISK_STRATEGY_CVAR;
import static com.metasupervisor.streams.topology.ProcessorWithStores.inMemoryKeyValue;

import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.avro.SimModel;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.risk.config.RiskSettings;
import com.metasupervisor.schemas.TopicSerdes;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import com.metasupervisor.streams.state.PlainAvroSerde;
import com.metasupervisor.streams.topology.MaturedAtTimestamps;
import com.metasupervisor.streams.topology.ProcessorWithStores;
import com.metasupervisor.streams.validation.Sourced;
import com.metasupervisor.streams.validation.ValidationStep;
import java.time.Clock;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * alpha.reconciled (+ alpha.events.dlq, models.sim) → risk.strategy-cvar, risk.agent-stats, alerts
 * (SPEC §4), read top to bottom.
 */
public final class RiskTopology {

    /** The global store of the newest sim model per horizon key. */
    public static final String MODELS_STORE = "risk-sim-models";
    /**
     * Key → CVaR window summary (clock, next row number, row count); {@code key|matured_at|seq} → one row of
     * that window; key → the figures last published to risk.strategy-cvar.
     */
    public static final String CVAR_WINDOWS_STORE = CvarProcessor.WINDOWS;
    public static final String CVAR_ROWS_STORE = CvarProcessor.ROWS;
    public static final String CVAR_PUBLISHED_STORE = CvarProcessor.PUBLISHED;
    /** Agent → AgentWindow bytes, agent → DivergenceMonitor bytes, agent → the stats last published. */
    public static final String AGENT_WINDOWS_STORE = AgentStatsProcessor.WINDOWS;
    public static final String AGENT_ALERTS_STORE = AgentStatsProcessor.ALERTS;
    public static final String AGENT_PUBLISHED_STORE = AgentStatsProcessor.PUBLISHED;
    /** The kind of the alerts the agents' divergence raises. */
    public static final String DIVERGENCE_ALERT_KIND = AgentStatsProcessor.KIND;

    private RiskTopology() {
    }

    /**
     * Adds the topology to {@code builder}; returns its first stream (Micronaut builds the application
     * from such beans). {@code clock} only stamps updated_at and a dead letter's error.at: every window runs
     * on event time. {@code deadLetters} counts the rows the validation step dead-letters.
     */
    public static KStream<String, Sourced<ReconciledAlpha>> build(StreamsBuilder builder, TopicSerdes serdes, RiskSettings settings,
                                                                  Clock clock, DeadLetterMetrics deadLetters) {
        Serde<String> keys = Serdes.String();
        int scoring = settings.scoringHorizonHours();

        // the newest sim model per horizon, on every instance (the model RMSE of the scoring horizon)
        builder.globalTable(MODELS_SIM.name(), Consumed.with(keys, serdes.value(MODELS_SIM)),
                Materialized.<String, SimModel, KeyValueStore<Bytes, byte[]>>as(MODELS_STORE));

        // 1. reconciled rows in (each with the bytes it came as), keyed by agent, by event time = matured_at
        KStream<String, Sourced<ReconciledAlpha>> reconciled = builder.stream(ALPHA_RECONCILED.name(),
                Consumed.with(keys, Sourced.serde(serdes.value(ALPHA_RECONCILED))).withTimestampExtractor(new MaturedAtTimestamps())
                        .withName("alpha-reconciled"));
        // 2. a row the domain cannot take goes to alpha.reconciled.dlq as it came (before any repartition):
        //    validate-alpha-reconciled → alpha-reconciled-invalid → sink alpha-reconciled-dlq
        KStream<String, ReconciledAlpha> rows = new ValidationStep(deadLetters, clock)
                .validate(reconciled, ALPHA_RECONCILED, Rows::violations);

        // 3. CVaR: rows re-keyed by strategy|regime|horizon, one window per key, published on change
        rows.selectKey((agent, row) -> Rows.cvarKey(row), Named.as("key-by-strategy-regime-horizon"))
                .repartition(Repartitioned.with(keys, new PlainAvroSerde<>(ReconciledAlpha.class))
                        .withName("by-strategy-regime-horizon").withNumberOfPartitions(RISK_STRATEGY_CVAR.partitions()))
                .process(cvar(settings, clock), Named.as("cvar-window"))
                .to(RISK_STRATEGY_CVAR.name(), Produced.with(keys, serdes.value(RISK_STRATEGY_CVAR)).withName("risk-strategy-cvar"));

        // 4. agent inputs: rows of the scoring horizon (one accepted event each) ...
        KStream<String, AgentInput> scoredRows = rows
                .filter((agent, row) -> row.getHorizonHours() == scoring, Named.as("scoring-horizon-rows"))
                .mapValues(row -> (AgentInput) new AgentInput.Row(row, Rows.of(row)), Named.as("as-row-input"));
        // 5. ... and dead-lettered events of alpha.events.dlq (raw bytes: only key and headers are read).
        //    Both topics are keyed by agent with the same partition count and meet in this sub-topology,
        //    so an agent's rows and dead letters reach the same task without a repartition.
        KStream<String, AgentInput> deadLettered = builder
                .stream(ALPHA_EVENTS.deadLetterTopic(), Consumed.with(keys, Serdes.ByteArray()).withName("alpha-events-dlq"))
                .processValues(() -> new DeadLetteredEvents(scoring), Named.as("dead-lettered-events"));

        // 6. one agent per key: stats on change, divergence alerts on state change
        KStream<String, AgentOutput> agentOutputs = scoredRows.merge(deadLettered, Named.as("agent-inputs"))
                .process(agentStats(settings, clock), Named.as("agent-stats"));

        // 7. stats to risk.agent-stats, alert transitions to alerts (both keyed by agent)
        agentOutputs.split(Named.as("agent-output-"))
                .branch((agent, out) -> out instanceof AgentOutput.Stats, Branched.withConsumer(stats -> stats
                        .mapValues(out -> ((AgentOutput.Stats) out).stats(), Named.as("agent-stats-value"))
                        .to(RISK_AGENT_STATS.name(), Produced.<String, AgentStats>with(keys, serdes.value(RISK_AGENT_STATS))
                                .withName("risk-agent-stats")), "stats"))
                .defaultBranch(Branched.withConsumer(alerts -> alerts
                        .mapValues(out -> ((AgentOutput.AlertChange) out).alert(), Named.as("alert-value"))
                        .to(ALERTS.name(), Produced.with(keys, serdes.value(ALERTS)).withName("alerts")), "alerts"));
        return reconciled;
    }

    // Stores are in memory (changelogged): one small entry per key (per row of a CVaR window in cvar-rows), bounded
    // by the windows; caching on the window stores coalesces the changelog writes of a key's rows within a commit interval.
    private static ProcessorSupplier<String, ReconciledAlpha, String, StrategyRegimeRisk> cvar(RiskSettings settings, Clock clock) {
        return ProcessorWithStores.of(() -> new CvarProcessor(settings, clock),
                inMemoryKeyValue(CvarProcessor.WINDOWS, Serdes.ByteArray()).withCachingEnabled(),
                // no caching: a row's entry is written once (and deleted once, much later), so a cache would coalesce
                // nothing and, full of row entries, would push the agent windows out and flush them on every eviction
                inMemoryKeyValue(CvarProcessor.ROWS, Serdes.ByteArray()),
                inMemoryKeyValue(CvarProcessor.PUBLISHED, new PlainAvroSerde<>(StrategyRegimeRisk.class)));
    }

    private static ProcessorSupplier<String, AgentInput, String, AgentOutput> agentStats(RiskSettings settings, Clock clock) {
        return ProcessorWithStores.of(() -> new AgentStatsProcessor(settings, clock),
                inMemoryKeyValue(AgentStatsProcessor.WINDOWS, Serdes.ByteArray()).withCachingEnabled(),
                inMemoryKeyValue(AgentStatsProcessor.ALERTS, Serdes.ByteArray()),
                inMemoryKeyValue(AgentStatsProcessor.PUBLISHED, new PublishedAgentStatsSerde()));
    }
}
