package com.metasupervisor.reconciler.topology;

import static com.metasupervisor.schemas.Topics.AGENTS_REGISTRY;
import static com.metasupervisor.schemas.Topics.ALERTS;
import static com.metasupervisor.schemas.Topics.ALPHA_EVENTS;
import static com.metasupervisor.schemas.Topics.ALPHA_RECONCILED;
import static com.metasupervisor.schemas.Topics.MARKET_PRICES;
import static com.metasupervisor.schemas.Topics.MODELS_SIM;

import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.PriceTick;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.avro.SimModel;
import com.metasupervisor.reconciler.config.ReconcilerSettings;
import com.metasupervisor.schemas.TopicKeys;
import com.metasupervisor.schemas.TopicSerdes;
import com.metasupervisor.schemas.UnreconcilableHeaders;
import com.metasupervisor.streams.deadletter.DeadLetter;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import com.metasupervisor.streams.deadletter.DerivedDeadLetters;
import com.metasupervisor.streams.state.PlainAvroSerde;
import com.metasupervisor.streams.topology.ProcessorWithStores;
import com.metasupervisor.streams.validation.Sourced;
import com.metasupervisor.streams.validation.ValidationStep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * alpha.events + market.prices → alpha.reconciled, and PRICE_FEED_GAP alerts (SPEC §3), read top to bottom.
 */
public final class ReconcilerTopology {

    /** The global store of the newest sim model per horizon key. */
    public static final String MODELS_STORE = PriceMatcher.MODELS;

    private static final String GIVE_UP_STAGE = "reconcile";

    private ReconcilerTopology() {
    }

    /** Adds the topology to {@code builder}; returns the valid alpha events (Micronaut builds the application from such beans). */
    public static KStream<String, AlphaEvent> build(StreamsBuilder builder, TopicSerdes serdes, ReconcilerSettings settings, Clock clock,
                             ReconcilerMetrics metrics, DeadLetterMetrics deadLetters) {
        Serde<String> keys = Serdes.String();
        EventTimestamps eventTime = new EventTimestamps(clock, settings.maxFutureSkew());
        Serde<AlphaEvent> alphaEvents = serdes.value(ALPHA_EVENTS);
        ValidationStep validation = new ValidationStep(deadLetters, clock);

        // the agent registry and the newest sim model per horizon, on every instance
        GlobalKTable<String, AgentManifest> registry = builder.globalTable(AGENTS_REGISTRY.name(),
                Consumed.with(keys, serdes.value(AGENTS_REGISTRY)), Materialized.as("agent-registry"));
        builder.globalTable(MODELS_SIM.name(), Consumed.with(keys, serdes.value(MODELS_SIM)),
                Materialized.<String, SimModel, KeyValueStore<Bytes, byte[]>>as(PriceMatcher.MODELS));

        // 1. alpha events in, by event time (bytes that do not deserialise go to alpha.events.dlq)
        KStream<String, Sourced<AlphaEvent>> events = builder.stream(ALPHA_EVENTS.name(),
                Consumed.with(keys, Sourced.serde(alphaEvents)).withTimestampExtractor(eventTime).withName("alpha-events"));
        // 2. invalid events go to alpha.events.dlq as they came, with every violation
        KStream<String, AlphaEvent> valid = validation.validate(events, ALPHA_EVENTS,
                new AlphaEventValidator(clock, settings.maxFutureSkew()));
        // 3. an (agent, event_id) seen before is dropped and counted
        KStream<String, AlphaEvent> firstSeen = valid.processValues(ProcessorWithStores.ofFixedKey(
                () -> new DuplicateEventFilter(settings.dedupWindow(), metrics),
                Stores.windowStoreBuilder(Stores.persistentWindowStore(DuplicateEventFilter.STORE, settings.dedupWindow(),
                        Duration.ofMillis(1), false), keys, Serdes.Long())), Named.as("drop-duplicates"));
        // 4. strategy class: the event's override, else the registry's, else unknown
        KStream<String, AlphaEvent> classified = firstSeen.leftJoin(registry, (agent, event) -> agent,
                AvroMapping::withStrategyClass, Named.as("strategy-class"));
        // 5. prices in, by event time; invalid ticks go to market.prices.dlq as they came
        KStream<String, PriceTick> ticks = validation.validate(builder.stream(MARKET_PRICES.name(),
                Consumed.with(keys, Sourced.serde(serdes.value(MARKET_PRICES))).withTimestampExtractor(eventTime)
                        .withName("market-prices")), MARKET_PRICES, new PriceTickValidator());

        // 6. calls and prices of a symbol side by side, through ONE repartition topic: each upstream task
        //    passes on its calls and ticks in time order, so the matcher sees them nearly in time order
        //    too (with two inputs, ticks could run hours ahead of the calls during a catch-up)
        KStream<String, MatchInput> bySymbol = classified
                .mapValues(MatchInput::event, Named.as("as-event-input"))
                .merge(ticks.mapValues(MatchInput::tick, Named.as("as-tick-input")), Named.as("calls-and-prices"))
                .selectKey((key, input) -> input.symbol(), Named.as("key-by-symbol"))
                .repartition(Repartitioned.with(keys, new MatchInputSerde())
                        .withName("by-symbol").withNumberOfPartitions(MARKET_PRICES.partitions()));

        // 7. calls meet prices: one outcome per (event, horizon), keyed by agent
        KStream<String, MatchOutcome> outcomes = bySymbol.process(ProcessorWithStores.of(
                () -> new PriceMatcher(settings, metrics),
                Stores.windowStoreBuilder(Stores.persistentWindowStore(PriceMatcher.HISTORY, settings.priceHistory(),
                        Duration.ofMillis(1), true), keys, Serdes.Double()),
                // in memory (changelogged): every tick range-scans the pending matches of its symbol, and
                // RocksDB seeks slow down over the tombstones this store's put/delete churn leaves
                ProcessorWithStores.inMemoryKeyValue(PriceMatcher.PENDING, new PendingMatchSerde()),
                ProcessorWithStores.inMemoryKeyValue(PriceMatcher.SYMBOL_CLOCKS, Serdes.Long()),
                ProcessorWithStores.inMemoryKeyValue(PriceMatcher.FEED_GAPS, new FeedGapSerde())), Named.as("match-prices"));

        // 8. reconciled rows out; feed gaps to alerts (key symbol); pairs given up to alpha.events.dlq with their reason
        outcomes.split(Named.as("outcome-"))
                .branch((agent, outcome) -> outcome instanceof MatchOutcome.Reconciled, Branched.withConsumer(reconciled -> {
                    KStream<String, ReconciledAlpha> rows = reconciled
                            .mapValues(outcome -> ((MatchOutcome.Reconciled) outcome).row(), Named.as("reconciled-row"));
                    rows.to(ALPHA_RECONCILED.name(), Produced.with(keys, serdes.value(ALPHA_RECONCILED)).withName("alpha-reconciled"));
                    // 9. the same rows, by horizon, into the training window of each horizon's sim model
                    rows.selectKey((agent, row) -> TopicKeys.simModel(row.getHorizonHours()), Named.as("key-by-horizon"))
                            .repartition(Repartitioned.with(keys, new PlainAvroSerde<>(ReconciledAlpha.class))
                                    .withName("rows-by-horizon").withNumberOfPartitions(1))
                            .process(ProcessorWithStores.of(() -> new TrainingWindow(settings.model().maxRows()),
                                    ProcessorWithStores.inMemoryKeyValue(TrainingWindow.STORE, Serdes.ByteArray())),
                                    Named.as("training-window"));
                }, "reconciled"))
                .branch((symbol, outcome) -> outcome instanceof MatchOutcome.FeedGapChange, Branched.withConsumer(gaps -> gaps
                        .mapValues(outcome -> ((MatchOutcome.FeedGapChange) outcome).alert(), Named.as("feed-gap-alert"))
                        .to(ALERTS.name(), Produced.with(keys, serdes.value(ALERTS)).withName("alerts")), "feed-gap"))
                .defaultBranch(Branched.withConsumer(givenUp -> givenUp
                        .mapValues(outcome -> (MatchOutcome.GivenUp) outcome, Named.as("given-up-pair"))
                        .processValues(DerivedDeadLetters.of(deadLetters, ReconcilerTopology::givenUp,
                                MatchOutcome.GivenUp::event), Named.as("given-up-headers"))
                        .to(ALPHA_EVENTS.deadLetterTopic(), Produced.with(keys, alphaEvents).withName("alpha-events-dlq")),
                        "given-up"));
        return valid;
    }

    /**
     * An (event, horizon) the matcher gave up, as a dead letter derived from alpha.events with the
     * {@link UnreconcilableHeaders} that risk-service reads: reason {@code unknown_symbol}, {@code unpriced} or
     * {@code unreconcilable} (whose fault: {@link UnreconcilableHeaders#isAgentFault}), stage {@code reconcile}, at
     * the time the pair was given up.
     */
    private static DeadLetter givenUp(MatchOutcome.GivenUp pair, Instant at) {
        return DeadLetter.ofDerived(ALPHA_EVENTS.name(), GIVE_UP_STAGE, pair.reason().code(), pair.detail(), at)
                .withHeader(UnreconcilableHeaders.HORIZON_HOURS, Integer.toString(pair.horizonHours()))
                .withHeader(UnreconcilableHeaders.EVENT_ID, pair.event().getEventId());
    }
}
