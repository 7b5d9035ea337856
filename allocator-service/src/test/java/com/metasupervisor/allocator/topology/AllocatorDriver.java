package com.metasupervisor.allocator.topology;

import com.metasupervisor.allocator.config.AllocatorSettings;
import com.metasupervisor.allocator.config.CompositeSettings;
import com.metasupervisor.allocator.config.PnlProportionalSettings;
import com.metasupervisor.allocator.config.RegimeSettings;
import com.metasupervisor.allocator.config.SoftPenaltySettings;
import com.metasupervisor.avro.AgentAllocation;
import com.metasupervisor.avro.AgentLifecycle;
import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.AgentStatus;
import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AlertSubjectKind;
import com.metasupervisor.avro.AlertTransition;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.GuardianState;
import com.metasupervisor.avro.PolicyLedger;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.avro.RegimeState;
import com.metasupervisor.avro.Severity;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.avro.StrategyState;
import com.metasupervisor.avro.StrategyStatus;
import com.metasupervisor.schemas.TopicKeys;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.testkit.ReconciledRowBuilder;
import com.metasupervisor.testkit.TopologyDriver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The allocator topology on TopologyTestDriver (service-test-kit's {@link TopologyDriver}: registry-free,
 * at-least-once), with a record builder per input topic. Every input is stamped with the driver's event clock,
 * which moves one second per input unless told otherwise.
 */
public final class AllocatorDriver implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    static final Instant DEAD_LETTER_AT = Instant.parse("2030-01-01T00:00:00Z");
    /** Every store of the topology: what a restart restores from the changelogs. */
    static final List<String> STORES = List.of(AllocatorTopology.INPUTS_STORE, AllocatorTopology.REGIMES_STORE, AllocatorTopology.HELD_STORE,
            AllocatorTopology.LEDGERS_STORE, AllocatorTopology.HISTORY_STORE, AllocatorTopology.SHADOW_PUBLISHED_STORE);

    final AllocatorSettings settings;
    final TopologyDriver topology;
    final TestInputTopic<String, AgentStats> stats;
    final TestInputTopic<String, StrategyRegimeRisk> cvar;
    final TestInputTopic<String, Alert> alerts;
    final TestInputTopic<String, AgentStatus> status;
    final TestInputTopic<String, StrategyStatus> strategies;
    final TestInputTopic<String, AgentManifest> registry;
    final TestInputTopic<String, RegimeState> regime;
    final TestInputTopic<String, GuardianState> guardian;
    final TestInputTopic<String, AlphaEvent> events;
    final TestInputTopic<String, ReconciledAlpha> reconciled;
    final TestOutputTopic<String, AllocationSnapshot> snapshots;
    final TestOutputTopic<String, AgentAllocation> byAgent;
    final TestOutputTopic<String, PolicyLedger> shadow;
    private Instant now = T0;
    private int eventNumber;

    public AllocatorDriver(AllocatorSettings settings) {
        this.settings = settings;
        this.topology = TopologyDriver.start("allocator-test", T0, (builder, deadLetters) -> AllocatorTopology.build(builder,
                TopologyDriver.SERDES, settings, Clock.fixed(DEAD_LETTER_AT, ZoneOffset.UTC), deadLetters));
        stats = topology.input(Topics.RISK_AGENT_STATS);
        cvar = topology.input(Topics.RISK_STRATEGY_CVAR);
        alerts = topology.input(Topics.ALERTS);
        status = topology.input(Topics.GOVERNANCE_AGENT_STATUS);
        strategies = topology.input(Topics.GOVERNANCE_STRATEGY_STATUS);
        registry = topology.input(Topics.AGENTS_REGISTRY);
        regime = topology.input(Topics.MARKET_REGIME);
        guardian = topology.input(Topics.CONTROL_GUARDIAN);
        events = topology.input(Topics.ALPHA_EVENTS);
        reconciled = topology.input(Topics.ALPHA_RECONCILED);
        snapshots = topology.output(Topics.ALLOCATIONS);
        byAgent = topology.output(Topics.ALLOCATIONS_BY_AGENT);
        shadow = topology.output(Topics.ALLOCATIONS_SHADOW);
    }

    /** SPEC §5's defaults with another policy. */
    static AllocatorSettings settings(String policy) {
        AllocatorSettings d = AllocatorSettings.defaults();
        return new AllocatorSettings(policy, d.horizonHours(), d.evaluationInterval(), d.publishThreshold(), d.alertMultiplier(),
                d.weightsFile(), d.historySize(), d.regime(), d.pnlProportional(), d.composite(), d.softPenalty());
    }

    public static AllocatorSettings defaults() {
        return settings("soft_penalty");
    }

    Instant now() {
        return now;
    }

    /** The next input's time: one second on. */
    private Instant tick() {
        now = now.plusSeconds(1);
        return now;
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    public void registered(String agent, String strategyClass, AgentLifecycle lifecycle) {
        registry.pipeInput(new TestRecord<>(agent, new AgentManifest(agent, strategyClass, lifecycle, "ops", now), tick()));
    }

    /** risk.agent-stats of a sound agent: error rate 0.05, hit rate 0.5, confidence 1, no error figures, no drawdown. */
    public void stats(String agent, String strategyClass, double pnlSumBps) {
        stats.pipeInput(new TestRecord<>(agent, stats(agent, strategyClass, pnlSumBps, now), tick()));
    }

    static AgentStats stats(String agent, String strategyClass, double pnlSumBps, Instant at) {
        return AgentStats.newBuilder().setAgent(agent).setStrategyClass(strategyClass).setHorizonHours(24).setN(100)
                .setPnl7dBps(pnlSumBps / 4).setPnl30dBps(pnlSumBps / 2).setPnlSumBps(pnlSumBps).setSharpe30d(1.0).setWinrate30d(0.5)
                .setHitRate(0.5).setMaxDrawdown30dBps(0).setErrorRate(0.05).setUnpricedRate(0).setAvgAbsErrorBps(null)
                .setRmseBps(null).setConfidenceMultiplier(1.0).setLastMaturedAt(at).setUpdatedAt(at).build();
    }

    void stats(AgentStats s) {
        stats.pipeInput(new TestRecord<>(s.getAgent(), s, tick()));
    }

    void withdrawStats(String agent) {
        stats.pipeInput(new TestRecord<>(agent, null, tick()));
    }

    public void governance(String agent, AgentLifecycle lifecycle, String reason) {
        status.pipeInput(new TestRecord<>(agent, new AgentStatus(agent, lifecycle, "governance", reason, "d-" + agent, now), tick()));
    }

    void strategy(String strategyClass, StrategyState state, List<String> reasons) {
        strategies.pipeInput(new TestRecord<>(strategyClass,
                new StrategyStatus(strategyClass, state, reasons, Map.of(), null, now, null, "decision"), tick()));
    }

    void cvar(String strategyClass, String regimeName, double shortfallBps) {
        StrategyRegimeRisk r = new StrategyRegimeRisk(strategyClass, regimeName, 24, 100L, shortfallBps, shortfallBps / 2, 0.0, 0.5, 0.0,
                T0, now, now);
        cvar.pipeInput(new TestRecord<>(TopicKeys.strategyRisk(strategyClass, regimeName, 24), r, tick()));
    }

    void withdrawCvar(String strategyClass, String regimeName) {
        cvar.pipeInput(new TestRecord<>(TopicKeys.strategyRisk(strategyClass, regimeName, 24), null, tick()));
    }

    void alert(String agent, String alertId, AlertTransition transition) {
        Alert a = new Alert(alertId, agent, AlertSubjectKind.AGENT, "DIVERGENCE", transition, Severity.MEDIUM,
                "REDUCE_ALLOC_AND_BLOCK_PROMOTION", List.of(), Map.of(), now, now, "divergence");
        alerts.pipeInput(new TestRecord<>(agent, a, tick()));
    }

    public void marketRegime(String regimeName, Double multiplier) {
        regime.pipeInput(new TestRecord<>("current", new RegimeState(regimeName, multiplier, "ops", now), tick()));
    }

    void withdrawMarketRegime() {
        regime.pipeInput(new TestRecord<>("current", null, tick()));
    }

    void guardian(boolean paused) {
        guardian.pipeInput(new TestRecord<>("guardian", new GuardianState(paused, "ops pause", "ops", now), tick()));
    }

    void event(String agent, String regimeName) {
        AlphaEvent e = new AlphaEvent("e" + (++eventNumber), agent, "BTC", 1, 0.5, 0.5, regimeName, now, 100.0, List.of(24), null);
        events.pipeInput(new TestRecord<>(agent, e, tick()));
    }

    /** A reconciled row at horizon {@code horizonHours} maturing now. */
    public void row(String agent, double realizedBps, int horizonHours) {
        Instant at = tick();
        reconciled.pipeInput(new TestRecord<>(agent, ReconciledRowBuilder.reconciledRow().eventId("r" + (++eventNumber)).agent(agent)
                .horizonHours(horizonHours).maturedAt(at).realizedBps(realizedBps).build(), at));
    }

    void row(ReconciledAlpha row) {
        reconciled.pipeInput(new TestRecord<>(row.getAgent(), row, tick()));
    }

    /** The snapshots published since the last call, oldest first. */
    List<AllocationSnapshot> newSnapshots() {
        return snapshots.readValuesToList();
    }

    /** The newest by-agent record per agent published since the last call (null: a tombstone). */
    Map<String, AgentAllocation> newByAgent() {
        Map<String, AgentAllocation> out = new HashMap<>();
        for (KeyValue<String, AgentAllocation> kv : byAgent.readKeyValuesToList()) {
            out.put(kv.key, kv.value);
        }
        return out;
    }

    /** The ledgers published since the last call, oldest first. */
    List<PolicyLedger> newLedgers() {
        return shadow.readValuesToList();
    }

    public <V> KeyValueStore<String, V> store(String name) {
        return topology.store(name);
    }

    /** Every entry of every store: what the changelogs would give a new instance. */
    Map<String, List<KeyValue<String, Object>>> storeContents() {
        Map<String, List<KeyValue<String, Object>>> out = new HashMap<>();
        for (String name : STORES) {
            List<KeyValue<String, Object>> entries = new ArrayList<>();
            try (KeyValueIterator<String, Object> it = topology.<Object>store(name).all()) {
                it.forEachRemaining(entries::add);
            }
            out.put(name, entries);
        }
        return out;
    }

    /** Puts {@code contents} into this (new) topology's stores, as a restore from the changelogs does. */
    void restore(Map<String, List<KeyValue<String, Object>>> contents, Instant clock) {
        contents.forEach((name, entries) -> {
            KeyValueStore<String, Object> store = topology.store(name);
            entries.forEach(kv -> store.put(kv.key, kv.value));
        });
        now = clock;
    }

    @Override
    public void close() {
        topology.close();
    }
}
