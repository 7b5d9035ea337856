package com.metasupervisor.reporting.topology;

import static com.metasupervisor.schemas.Topics.ALERTS;
import static com.metasupervisor.schemas.Topics.ALLOCATIONS;
import static com.metasupervisor.schemas.Topics.GOVERNANCE_DECISIONS;
import static com.metasupervisor.schemas.Topics.GOVERNANCE_PROPOSALS;
import static com.metasupervisor.schemas.Topics.GOVERNANCE_STRATEGY_STATUS;
import static com.metasupervisor.schemas.Topics.REPORTING_LEDGER;
import static com.metasupervisor.streams.topology.ProcessorWithStores.inMemoryKeyValue;

import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.avro.GovernanceDecision;
import com.metasupervisor.avro.ReportingAction;
import com.metasupervisor.avro.StrategyStatus;
import com.metasupervisor.reporting.config.EmailSettings;
import com.metasupervisor.reporting.config.LpReportSettings;
import com.metasupervisor.reporting.config.PlannerSettings;
import com.metasupervisor.reporting.config.PullRequestSettings;
import com.metasupervisor.reporting.config.WebhookSettings;
import com.metasupervisor.schemas.Topic;
import com.metasupervisor.schemas.TopicSerdes;
import com.metasupervisor.streams.state.PlainAvroSerde;
import com.metasupervisor.streams.topology.CatalogInput;
import com.metasupervisor.streams.topology.ProcessorWithStores;
import java.time.Clock;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

/**
 * The reporting planner (SPEC §7, the outbox's "plan" half): governance.decisions, alerts, allocations,
 * governance.strategy-status and governance.proposals → reporting.ledger STARTED actions, each with the full request it will perform, read top
 * to bottom. The service runs it exactly-once, so an action is in the ledger if and only if the state change that
 * decided it (a debounce window emptied, a schedule's fire time recorded, its key remembered) is committed.
 *
 * <p>Bad input: a record that does not deserialise is dead-lettered by the streams conventions' handler; a record the
 * reporting domain refuses (a NaN metric, a weight outside [0, 1]) is skipped and counted ({@code SkippedInputs}):
 * the services that write these topics validate them, so no second dead letter.
 */
public final class ReportingTopology {

    /** The single-partition repartition every input goes through, in one order, to one task. */
    public static final String REPORTING_INPUTS = "reporting-inputs";
    /** The processor that keeps the state and plans. */
    public static final String PLANNER = "reporting-planner";
    /** The key of every record on reporting-inputs. */
    public static final String PLANNER_KEY = "planner";
    /** Sink node of reporting.ledger. */
    public static final String SINK_LEDGER = "reporting-ledger";

    /** The planner's stores (see {@link ReportingPlanner} for what each holds). */
    public static final String PENDING_DECISIONS_STORE = ReportingPlanner.PENDING;
    public static final String PENDING_SINCE_STORE = ReportingPlanner.PENDING_SINCE;
    public static final String PLANNED_STORE = ReportingPlanner.PLANNED;
    public static final String PLANNED_DECISIONS_STORE = ReportingPlanner.PLANNED_DECISIONS;
    public static final String AGENT_PULL_REQUESTS_STORE = ReportingPlanner.AGENT_PULL_REQUESTS;
    public static final String OPEN_ALERTS_STORE = ReportingPlanner.OPEN_ALERTS;
    public static final String ALLOCATION_STORE = ReportingPlanner.ALLOCATION;
    public static final String STRATEGY_STATUS_STORE = ReportingPlanner.STRATEGY_STATUS;
    public static final String SCHEDULES_STORE = ReportingPlanner.SCHEDULES;
    /** Every store, for tests and operations. */
    public static final List<String> STORES = List.of(PENDING_DECISIONS_STORE, PENDING_SINCE_STORE, PLANNED_STORE,
            PLANNED_DECISIONS_STORE, AGENT_PULL_REQUESTS_STORE, OPEN_ALERTS_STORE, ALLOCATION_STORE, STRATEGY_STATUS_STORE,
            SCHEDULES_STORE);

    private ReportingTopology() {
    }

    /**
     * Adds the planner to {@code builder}; returns the merged inputs. {@code clock} is the wall clock the planner reads
     * (debounce windows, schedules, the ledger's {@code at}); its punctuator runs every {@code planner.tick()} of wall
     * clock, so a test moves both together.
     */
    public static KStream<String, CatalogInput> build(StreamsBuilder builder, TopicSerdes serdes, PullRequestSettings pullRequests,
                                                      PlannerSettings planner, WebhookSettings webhook, EmailSettings email,
                                                      LpReportSettings lpReport, Clock clock) {
        Serde<String> keys = Serdes.String();

        // 1. sources, each record carried with its topic and key (a null value is a tombstone)
        KStream<String, CatalogInput> decisions = source(builder, serdes, GOVERNANCE_DECISIONS);
        KStream<String, CatalogInput> alerts = source(builder, serdes, ALERTS);
        KStream<String, CatalogInput> allocations = source(builder, serdes, ALLOCATIONS);
        KStream<String, CatalogInput> strategyStatus = source(builder, serdes, GOVERNANCE_STRATEGY_STATUS);
        KStream<String, CatalogInput> proposals = source(builder, serdes, GOVERNANCE_PROPOSALS);

        // 2. every input to one task, in one order: one key, a single-partition repartition
        KStream<String, CatalogInput> merged = decisions
                .merge(alerts, Named.as("merge-alerts"))
                .merge(allocations, Named.as("merge-allocations"))
                .merge(strategyStatus, Named.as("merge-strategy-status"))
                .merge(proposals, Named.as("merge-proposals"));
        merged.selectKey((key, input) -> PLANNER_KEY, Named.as("key-planner"))
                .repartition(Repartitioned.with(keys, CatalogInput.serde()).withName(REPORTING_INPUTS).withNumberOfPartitions(1))
                // 3. the planner: its state, the debounce windows, the schedules
                .process(planner(pullRequests, planner, webhook, email, lpReport, clock), Named.as(PLANNER))
                // 4. the ledger, keyed by action key
                .to(REPORTING_LEDGER.name(), Produced.with(keys, serdes.value(REPORTING_LEDGER)).withName(SINK_LEDGER));
        return merged;
    }

    static String nodeName(Topic<?> topic) {
        return CatalogInput.nodeName(topic);
    }

    private static <V extends SpecificRecord> KStream<String, CatalogInput> source(StreamsBuilder builder, TopicSerdes serdes, Topic<V> topic) {
        return CatalogInput.source(builder, serdes, topic);
    }

    // In-memory (changelogged) stores: a window of decisions, what was planned within `remember`, one entry per class,
    // open alert and schedule.
    private static ProcessorSupplier<String, CatalogInput, String, ReportingAction> planner(PullRequestSettings pullRequests,
            PlannerSettings planner, WebhookSettings webhook, EmailSettings email, LpReportSettings lpReport, Clock clock) {
        return ProcessorWithStores.of(() -> new ReportingPlanner(pullRequests, planner, webhook, email, lpReport, clock),
                inMemoryKeyValue(ReportingPlanner.PENDING, new PlainAvroSerde<>(GovernanceDecision.class)),
                inMemoryKeyValue(ReportingPlanner.PENDING_SINCE, Serdes.Long()),
                inMemoryKeyValue(ReportingPlanner.PLANNED, Serdes.Long()),
                inMemoryKeyValue(ReportingPlanner.PLANNED_DECISIONS, Serdes.Long()),
                inMemoryKeyValue(ReportingPlanner.AGENT_PULL_REQUESTS, Serdes.String()),
                inMemoryKeyValue(ReportingPlanner.OPEN_ALERTS, new PlainAvroSerde<>(Alert.class)),
                inMemoryKeyValue(ReportingPlanner.ALLOCATION, new PlainAvroSerde<>(AllocationSnapshot.class)),
                inMemoryKeyValue(ReportingPlanner.STRATEGY_STATUS, new PlainAvroSerde<>(StrategyStatus.class)),
                inMemoryKeyValue(ReportingPlanner.SCHEDULES, Serdes.Long()));
    }
}
