package com.metasupervisor.allocator.topology;

import com.metasupervisor.streams.regime.RegimeMajority;
import com.metasupervisor.streams.topology.SkippedInputs;
import com.metasupervisor.allocator.config.AllocatorSettings;
import com.metasupervisor.allocator.domain.AgentStatusView;
import com.metasupervisor.allocator.domain.FleetState;
import com.metasupervisor.allocator.domain.FleetView;
import com.metasupervisor.allocator.domain.Lifecycle;
import com.metasupervisor.allocator.domain.PaperLedger;
import com.metasupervisor.allocator.domain.PolicyBook;
import com.metasupervisor.allocator.domain.PolicyName;
import com.metasupervisor.allocator.domain.Publication;
import com.metasupervisor.allocator.domain.StrategyDisable;
import com.metasupervisor.avro.AgentAllocation;
import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.AgentStatus;
import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AlertTransition;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.avro.PolicyLedger;
import com.metasupervisor.avro.RegimeState;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.avro.StrategyState;
import com.metasupervisor.avro.StrategyStatus;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.topology.EventTimeRefresh;
import com.metasupervisor.streams.topology.PublishOnChange;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The whole fleet in one task (the single partition of {@code fleet-inputs}): applies each input to the
 * {@link FleetState} and to the stores (so a restart rebuilds the state), credits reconciled rows to every policy's
 * paper ledger, evaluates every policy after each risk input and every evaluation interval of event time
 * ({@link EventTimeRefresh}), and forwards what the active policy publishes and, per evaluation, every ledger that
 * changed.
 *
 * <p>An input the domain refuses (e.g. a row whose PnL is not finite, a registry record without a strategy) is
 * skipped: counted in the task's metric {@code skipped-inputs-total} (group {@code stream-allocator-metrics}, tag
 * {@code allocator-id} = its topic) and logged; the service never stops on it.
 */
final class FleetProcessor implements Processor<String, FleetInput, String, FleetOutput> {


    static final String INPUTS = "allocator-inputs";
    static final String REGIMES = "allocator-regimes";
    static final String HELD = "allocator-held";
    static final String LEDGERS = "allocator-ledgers";
    static final String HISTORY = "allocator-history";
    static final String SHADOW_PUBLISHED = "allocator-shadow-published";
    /** The key of the recent alpha events' regimes in {@link #REGIMES}. */
    static final String RECENT = "recent";
    /** The key of every record on allocations and of every input on fleet-inputs. */
    static final String FLEET = "fleet";
    static final String SKIPPED_METRIC_SCOPE = "allocator";
    static final String SKIPPED_METRIC = SkippedInputs.METRIC;

    private final AllocatorSettings settings;
    private final FleetInputSerde serde = new FleetInputSerde();
    private ProcessorContext<String, FleetOutput> context;
    private KeyValueStore<String, byte[]> inputs;
    private KeyValueStore<String, byte[]> regimes;
    private KeyValueStore<String, AllocationSnapshot> held;
    private KeyValueStore<String, byte[]> ledgers;
    private KeyValueStore<String, AllocationSnapshot> history;
    private PublishOnChange<PolicyLedger> shadow;
    private SkippedInputs skipped;
    private FleetState state;
    private PolicyBook book;

    FleetProcessor(AllocatorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, FleetOutput> context) {
        this.context = context;
        skipped = new SkippedInputs(context, SKIPPED_METRIC_SCOPE, "the allocator");
        inputs = context.getStateStore(INPUTS);
        regimes = context.getStateStore(REGIMES);
        held = context.getStateStore(HELD);
        ledgers = context.getStateStore(LEDGERS);
        history = context.getStateStore(HISTORY);
        shadow = PublishOnChange.ignoringUpdatedAt(context.getStateStore(SHADOW_PUBLISHED), PolicyLedger.getClassSchema());
        EventTimeRefresh.schedule(context, settings.evaluationInterval(), this::refresh);
    }

    /**
     * The fleet state and the policy book as the stores hold them, built before the first record or punctuation
     * (Kafka Streams restores the stores before either; building here rather than in init also lets a test hand a
     * fresh topology the stores of a closed one).
     */
    private void restored() {
        if (state != null) {
            return;
        }
        state = new FleetState(settings);
        book = new PolicyBook(settings);
        try (KeyValueIterator<String, byte[]> it = inputs.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value == null) {
                    return;
                }
                FleetInput input = serde.fromBytes(kv.value);
                try {
                    apply(input);
                } catch (IllegalArgumentException e) {
                    // kept under other settings and refused under these (e.g. a horizon): as any refused input
                    skip(topicOf(input), input.key(), e);
                }
            });
        }
        byte[] recent = regimes.get(RECENT);
        if (recent != null) {
            state.restoreRecentRegimes(RegimeMajority.fromBytes(recent, settings.regime().majorityEvents()));
        }
        for (PolicyName p : PolicyName.values()) {
            AllocationSnapshot snapshot = held.get(p.id());
            byte[] ledger = ledgers.get(p.id());
            if (snapshot != null || ledger != null) {
                book.restore(p, snapshot == null ? null : AllocationRecords.allocation(snapshot, settings),
                        ledger == null ? PaperLedger.empty() : PaperLedger.fromBytes(ledger));
            }
        }
    }

    @Override
    public void process(Record<String, FleetInput> record) {
        restored();
        FleetInput input = record.value();
        if (input == null) {
            return;
        }
        long at = record.timestamp();
        switch (input) {
            case FleetInput.Row row -> {
                try {
                    ArgChecker.notNegative(row.maturedAt(), "matured_at");
                    book.credit(row.key(), row.realizedPnlBps(), row.maturedAt());
                } catch (IllegalArgumentException e) {
                    skip(Topics.ALPHA_RECONCILED.name(), row.key(), e);
                    return;
                }
                // kept at once (a restart must not lose a credit), published with the next evaluation: a ledger record
                // per matured row would flood allocations.shadow with the whole weight map of every policy
                keepLedgers();
            }
            case FleetInput.EventRegime event -> {
                Optional<String> before = state.recentRegimes().majority();
                try {
                    state.eventRegime(event.regime());
                } catch (IllegalArgumentException e) {
                    skip(Topics.ALPHA_EVENTS.name(), event.key(), e);
                    return;
                }
                regimes.put(RECENT, state.recentRegimes().toBytes());
                if (!state.recentRegimes().majority().equals(before)) {
                    evaluate(at);
                }
            }
            default -> {
                try {
                    apply(input);
                } catch (IllegalArgumentException e) {
                    skip(topicOf(input), input.key(), e);
                    return;
                }
                if (isTombstone(input)) {
                    inputs.delete(input.storeKey());
                } else {
                    inputs.put(input.storeKey(), serde.toBytes(input));
                }
                evaluate(at);
            }
        }
    }

    private void refresh(long now) {
        restored();
        evaluate(now);
    }

    /** Applies a kept input (not a row or an alpha event) to the fleet state; the domain's refusal is an IllegalArgumentException. */
    private void apply(FleetInput input) {
        switch (input) {
            case FleetInput.Stats s -> state.figures(s.key(), s.value() == null ? null : AllocationRecords.figures(s.value()));
            case FleetInput.Cvar c -> applyCvar(c.key(), c.value());
            case FleetInput.AlertChange a -> applyAlert(a.key(), a.value());
            case FleetInput.Status s -> {
                AgentStatus v = s.value();
                state.governanceStatus(s.key(), v == null ? null : new AgentStatusView(Lifecycle.valueOf(v.getStatus().name()), v.getReason()));
            }
            case FleetInput.Strategy s -> {
                StrategyStatus v = s.value();
                state.strategyStatus(s.key(), v == null || v.getStatus() != StrategyState.DISABLED ? null
                        : new StrategyDisable(s.key(), v.getReasons()));
            }
            case FleetInput.Registry r -> {
                AgentManifest v = r.value();
                state.registry(r.key(), v == null ? null : v.getStrategyClass(), v == null ? null : Lifecycle.valueOf(v.getStatus().name()));
            }
            case FleetInput.Regime r -> {
                RegimeState v = r.value();
                if (v == null) {
                    state.regime(null, null, null);
                } else {
                    state.regime(v.getRegime(), v.getRiskMultiplier(), v.getSource());
                }
            }
            case FleetInput.Guardian g -> state.guardian(g.value() != null && g.value().getPaused());
            case FleetInput.EventRegime e -> state.eventRegime(e.regime());
            case FleetInput.Row row -> book.credit(row.key(), row.realizedPnlBps(), row.maturedAt());
        }
    }

    /** A CVaR key is strategy|regime|horizon (TopicKeys.strategyRisk); a tombstone withdraws it (strategy and regime may not hold '|'). */
    private void applyCvar(String key, StrategyRegimeRisk value) {
        if (value != null) {
            state.strategyCvar(value.getStrategyClass(), value.getRegime(), value.getHorizonHours(), value.getCvar95ShortfallBps());
            return;
        }
        String[] parts = key.split("\\|", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a risk.strategy-cvar key must be strategy|regime|horizon, was '" + key + "'");
        }
        int horizon;
        try {
            horizon = Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the horizon of risk.strategy-cvar key '" + key + "' is not a number");
        }
        state.strategyCvar(parts[0], parts[1], horizon, null);
    }

    /** OPENED and ESCALATED open the agent's haircut under the alert's id; RESOLVED closes that id. */
    private void applyAlert(String agent, Alert alert) {
        state.alert(agent, alert.getAlertId(), alert.getKind(), alert.getTransition() != AlertTransition.RESOLVED);
    }

    private void evaluate(long at) {
        FleetView view = state.view(at);
        Map<PolicyName, Optional<Publication>> decisions = book.evaluate(view);
        for (Map.Entry<PolicyName, Optional<Publication>> e : decisions.entrySet()) {
            if (e.getValue().isPresent()) {
                published(e.getKey(), e.getValue().get(), at);
            }
        }
        publishLedgers(at);
    }

    /** A policy published: keep its held snapshot and ledger; the active one goes out on allocations and by-agent. */
    private void published(PolicyName policy, Publication publication, long at) {
        AllocationSnapshot previous = held.get(policy.id());
        long sequence = book.ledger(policy).figures().weightChanges();
        AllocationSnapshot snapshot = AllocationRecords.snapshot(publication, snapshotId(at, sequence),
                previous == null ? null : previous.getSnapshotId(), settings.horizonHours());
        held.put(policy.id(), snapshot);
        ledgers.put(policy.id(), book.ledger(policy).toBytes());
        if (policy != book.active()) {
            return;
        }
        history.put(historyKey(sequence), snapshot);
        if (sequence > settings.historySize()) {
            history.delete(historyKey(sequence - settings.historySize()));
        }
        context.forward(new Record<>(FLEET, new FleetOutput.Snapshot(snapshot), at));
        Map<String, AgentAllocation> before = new LinkedHashMap<>();
        if (previous != null) {
            previous.getAllocations().forEach(a -> before.put(a.getAgent(), a));
        }
        for (AgentAllocation now : snapshot.getAllocations()) {
            AgentAllocation was = before.remove(now.getAgent());
            if (!sameButStamp(was, now)) {
                context.forward(new Record<>(now.getAgent(), new FleetOutput.ByAgent(now), at));
            }
        }
        for (String gone : before.keySet()) {
            context.forward(new Record<>(gone, new FleetOutput.ByAgent(null), at));
        }
    }

    /** "alloc-" + as_of millis + "-" + the policy's publish count: the same on a replay of the same inputs. */
    static String snapshotId(long asOf, long sequence) {
        return "alloc-" + asOf + "-" + sequence;
    }

    /** The history store's key of the n-th publish: zero-padded, so the store's key order is publish order. */
    static String historyKey(long sequence) {
        return String.format("%019d", sequence);
    }

    private static boolean sameButStamp(AgentAllocation was, AgentAllocation now) {
        if (was == null) {
            return false;
        }
        AgentAllocation copy = AgentAllocation.newBuilder(was).setAsOf(now.getAsOf()).setSnapshotId(now.getSnapshotId()).build();
        return copy.equals(now);
    }

    private void keepLedgers() {
        for (PolicyName p : PolicyName.values()) {
            ledgers.put(p.id(), book.ledger(p).toBytes());
        }
    }

    private void publishLedgers(long at) {
        for (PolicyName p : PolicyName.values()) {
            PolicyLedger ledger = AllocationRecords.ledger(p, p == book.active(), book.ledger(p), at);
            if (shadow.changed(p.id(), ledger)) {
                context.forward(new Record<>(p.id(), new FleetOutput.Ledger(ledger), at));
            }
        }
    }

    private void skip(String topic, String key, IllegalArgumentException e) {
        skipped.skip(topic, Objects.toString(key), e);
    }

    private static boolean isTombstone(FleetInput input) {
        return switch (input) {
            case FleetInput.Stats s -> s.value() == null;
            case FleetInput.Cvar c -> c.value() == null;
            case FleetInput.AlertChange a -> a.value().getTransition() == AlertTransition.RESOLVED;
            case FleetInput.Status s -> s.value() == null;
            case FleetInput.Strategy s -> s.value() == null;
            case FleetInput.Registry r -> r.value() == null;
            case FleetInput.Regime r -> r.value() == null;
            case FleetInput.Guardian g -> g.value() == null;
            case FleetInput.EventRegime e -> false;
            case FleetInput.Row r -> false;
        };
    }

    private static String topicOf(FleetInput input) {
        return switch (input) {
            case FleetInput.Stats s -> Topics.RISK_AGENT_STATS.name();
            case FleetInput.Cvar c -> Topics.RISK_STRATEGY_CVAR.name();
            case FleetInput.AlertChange a -> Topics.ALERTS.name();
            case FleetInput.Status s -> Topics.GOVERNANCE_AGENT_STATUS.name();
            case FleetInput.Strategy s -> Topics.GOVERNANCE_STRATEGY_STATUS.name();
            case FleetInput.Registry r -> Topics.AGENTS_REGISTRY.name();
            case FleetInput.Regime r -> Topics.MARKET_REGIME.name();
            case FleetInput.Guardian g -> Topics.CONTROL_GUARDIAN.name();
            case FleetInput.EventRegime e -> Topics.ALPHA_EVENTS.name();
            case FleetInput.Row r -> Topics.ALPHA_RECONCILED.name();
        };
    }
}
