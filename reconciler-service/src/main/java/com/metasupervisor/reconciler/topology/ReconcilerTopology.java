package com.metasupervisor.reconciler.topology;

import static com.metasupervisor.schemas.Topics.AGENTS_REGISTRY;
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
import com.metasupervisor.reconciler.domain.AlphaEventValidator;
import com.metasupervisor.reconciler.domain.ExpectedPnl;
import com.metasupervisor.reconciler.domain.StrategyClass;
import com.metasupervisor.schemas.TopicSerdes;
import com.metasupervisor.streams.deadletter.DeadLetter;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import com.metasupervisor.streams.state.PlainAvroSerde;
import com.metasupervisor.streams.validation.PriceTickValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
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
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * alpha.events + market.prices → alpha.reconciled (SPEC §3), read top to bottom.
 */
public final class ReconcilerTopology {

    /** The global store of the newest sim model per horizon key. */
    public static final String MODELS_STORE = PriceMatcher.MODELS;


    private ReconcilerTopology() {
    }

    /** Adds the topology to {@code builder}; returns its first stream (Micronaut builds the application from such beans). */
    public static KStream<String, AlphaEvent> build(StreamsBuilder builder, TopicSerdes serdes, ReconcilerSettings settings, Clock clock,
                             ReconcilerMetrics metrics, DeadLetterMetrics deadLetters) {
        Serde<String> keys = Serdes.String();
        EventTimestamps eventTime = new EventTimestamps(clock, settings.maxFutureSkew());
        Serde<AlphaEvent> alphaEvents = serdes.value(ALPHA_EVENTS);

        // the agent registry and the newest sim model per horizon, on every instance
        GlobalKTable<String, AgentManifest> registry = builder.globalTable(AGENTS_REGISTRY.name(),
                Consumed.with(keys, serdes.value(AGENTS_REGISTRY)), Materialized.as("agent-registry"));
        builder.globalTable(MODELS_SIM.name(), Consumed.with(keys, serdes.value(MODELS_SIM)),
                Materialized.<String, SimModel, KeyValueStore<Bytes, byte[]>>as(PriceMatcher.MODELS));

        // 1. alpha events in, by event time (bytes that do not deserialise go to alpha.events.dlq)
        KStream<String, AlphaEvent> events = builder.stream(ALPHA_EVENTS.name(),
                Consumed.with(keys, alphaEvents).withTimestampExtractor(eventTime).withName("alpha-events"));
        // 2. invalid events go to alpha.events.dlq with every violation
        KStream<String, AlphaEvent> valid = new AlphaEventValidator(clock, settings.maxFutureSkew()).filterValid(events);
        // 3. an (agent, event_id) seen before is dropped and counted
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(DuplicateEventFilter.STORE, settings.dedupWindow(), Duration.ofMillis(1), false),
                keys, Serdes.Long()));
        KStream<String, AlphaEvent> firstSeen = valid.processValues(
                () -> new DuplicateEventFilter(settings.dedupWindow(), metrics), Named.as("drop-duplicates"), DuplicateEventFilter.STORE);
        // 4. strategy class: the event's override, else the registry's, else unknown
        KStream<String, AlphaEvent> classified = firstSeen.leftJoin(registry, (agent, event) -> agent,
                (event, manifest) -> withStrategyClass(event, StrategyClass.of(event, manifest)), Named.as("strategy-class"));
        // 5. prices in, by event time; invalid ticks go to market.prices.dlq
        KStream<String, PriceTick> ticks = new PriceTickValidator().filterValid(builder.stream(MARKET_PRICES.name(),
                Consumed.with(keys, serdes.value(MARKET_PRICES)).withTimestampExtractor(eventTime).withName("market-prices")));

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
        KStream<String, MatchOutcome> outcomes = bySymbol.process(matcher(settings, metrics), Named.as("match-prices"));

        // 8. reconciled rows out; unpriceable (event, horizon) pairs to alpha.events.dlq as unreconcilable
        outcomes.split(Named.as("outcome-"))
                .branch((agent, outcome) -> outcome instanceof MatchOutcome.Reconciled, Branched.withConsumer(reconciled -> {
                    KStream<String, ReconciledAlpha> rows = reconciled
                            .mapValues(outcome -> ((MatchOutcome.Reconciled) outcome).row(), Named.as("reconciled-row"));
                    rows.to(ALPHA_RECONCILED.name(), Produced.with(keys, serdes.value(ALPHA_RECONCILED)).withName("alpha-reconciled"));
                    // 9. the same rows, by horizon, into the training window of each horizon's sim model
                    rows.selectKey((agent, row) -> ExpectedPnl.modelKey(row.getHorizonHours()), Named.as("key-by-horizon"))
                            .repartition(Repartitioned.with(keys, new PlainAvroSerde<>(ReconciledAlpha.class))
                                    .withName("rows-by-horizon").withNumberOfPartitions(1))
                            .process(trainingWindow(settings.model().maxRows()), Named.as("training-window"));
                }, "reconciled"))
                .defaultBranch(Branched.withConsumer(unpriced -> unpriced
                        .processValues(() -> new UnreconcilableDeadLetter(deadLetters), Named.as("unreconcilable-headers"))
                        .to(ALPHA_EVENTS.deadLetterTopic(), Produced.with(keys, alphaEvents).withName("alpha-events-dlq")),
                        "unreconcilable"));
        return events;
    }

    private static ProcessorSupplier<String, MatchInput, String, MatchOutcome> matcher(ReconcilerSettings settings,
                                                                                      ReconcilerMetrics metrics) {
        return new ProcessorSupplier<>() {
            @Override
            public PriceMatcher get() {
                return new PriceMatcher(settings, metrics);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                Serde<String> keys = Serdes.String();
                return Set.of(
                        Stores.windowStoreBuilder(Stores.persistentWindowStore(PriceMatcher.HISTORY, settings.priceHistory(),
                                Duration.ofMillis(1), true), keys, Serdes.Double()),
                        // in memory (changelogged): every tick range-scans the pending matches of its symbol, and
                        // RocksDB seeks slow down over the tombstones this store's put/delete churn leaves
                        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PriceMatcher.PENDING), keys, new PendingMatchSerde()),
                        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PriceMatcher.SYMBOL_CLOCKS), keys, Serdes.Long()));
            }
        };
    }

    private static ProcessorSupplier<String, ReconciledAlpha, Void, Void> trainingWindow(int maxRows) {
        return new ProcessorSupplier<>() {
            @Override
            public TrainingWindow get() {
                return new TrainingWindow(maxRows);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(TrainingWindow.STORE),
                        Serdes.String(), Serdes.ByteArray()));
            }
        };
    }

    private static AlphaEvent withStrategyClass(AlphaEvent event, String strategyClass) {
        return strategyClass.equals(event.getStrategyClass()) ? event
                : AlphaEvent.newBuilder(event).setStrategyClass(strategyClass).build();
    }

    /** Marks an unpriceable (event, horizon) for the dead-letter topic: reason {@code unreconcilable}, and counts it. */
    private static final class UnreconcilableDeadLetter implements FixedKeyProcessor<String, MatchOutcome, AlphaEvent> {

        static final String STAGE = "reconcile";
        private final DeadLetterMetrics deadLetters;
        private FixedKeyProcessorContext<String, AlphaEvent> context;

        UnreconcilableDeadLetter(DeadLetterMetrics deadLetters) {
            this.deadLetters = deadLetters;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, AlphaEvent> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, MatchOutcome> record) {
            var unpriced = (MatchOutcome.Unreconcilable) record.value();
            DeadLetter letter = new DeadLetter(ALPHA_EVENTS.name(), -1, -1, null, null, null, STAGE, "unreconcilable",
                    unpriced.detail(), Instant.ofEpochMilli(record.timestamp()));
            var headers = letter.headers();
            headers.add(com.metasupervisor.schemas.UnreconcilableHeaders.HORIZON_HOURS, Integer.toString(unpriced.horizonHours()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            headers.add(com.metasupervisor.schemas.UnreconcilableHeaders.EVENT_ID, unpriced.event().getEventId().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            deadLetters.record(ALPHA_EVENTS.name(), STAGE, "unreconcilable");
            context.forward(record.withValue(unpriced.event()).withHeaders(headers));
        }
    }

}
