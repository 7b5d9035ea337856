package com.metasupervisor.governance.topology;

import com.metasupervisor.avro.AgentLifecycle;
import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.AgentStatus;
import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AlertSubjectKind;
import com.metasupervisor.avro.AlertTransition;
import com.metasupervisor.avro.AlphaEvent;
import com.metasupervisor.avro.GovernanceDecision;
import com.metasupervisor.avro.OpsAction;
import com.metasupervisor.avro.OpsActionKind;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.avro.RegimeState;
import com.metasupervisor.avro.Severity;
import com.metasupervisor.avro.StrategyLimits;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.avro.StrategyState;
import com.metasupervisor.avro.StrategyStatus;
import com.metasupervisor.governance.config.DecisionSettings;
import com.metasupervisor.governance.config.DryRunSettings;
import com.metasupervisor.governance.config.GovernanceSettings;
import com.metasupervisor.governance.config.PromotionGateSettings;
import com.metasupervisor.governance.config.RegimeSettings;
import com.metasupervisor.governance.config.StrategyClassSettings;
import com.metasupervisor.schemas.TopicKeys;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.testkit.ReconciledRowBuilder;
import com.metasupervisor.testkit.TopologyDriver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The governance topology on TopologyTestDriver (service-test-kit's {@link TopologyDriver}: registry-free,
 * at-least-once), with a record builder per input topic. Every input is stamped with the driver's event clock, which
 * moves one second per input unless told otherwise.
 */
final class GovernanceDriver implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    static final Instant DEAD_LETTER_AT = Instant.parse("2030-01-01T00:00:00Z");

    final TopologyDriver topology;
    final TestInputTopic<String, AgentStats> stats;
    final TestInputTopic<String, StrategyRegimeRisk> cvar;
    final TestInputTopic<String, Alert> alerts;
    final TestInputTopic<String, RegimeState> regime;
    final TestInputTopic<String, AgentManifest> registry;
    final TestInputTopic<String, StrategyLimits> limits;
    final TestInputTopic<String, ReconciledAlpha> reconciled;
    final TestInputTopic<String, OpsAction> ops;
    final TestInputTopic<String, AlphaEvent> events;
    final TestOutputTopic<String, GovernanceDecision> decisions;
    final TestOutputTopic<String, AgentStatus> status;
    final TestOutputTopic<String, StrategyStatus> strategies;
    private Instant now = T0;
    private int seq;

    GovernanceDriver() {
        this(DryRunSettings.defaults());
    }

    GovernanceDriver(DryRunSettings dryRun) {
        this(dryRun, RegimeSettings.defaults());
    }

    GovernanceDriver(DryRunSettings dryRun, RegimeSettings regimes) {
        this.topology = TopologyDriver.start("governance-test", T0, (builder, deadLetters) -> GovernanceTopology.build(builder,
                TopologyDriver.SERDES, GovernanceSettings.defaults(), DecisionSettings.defaults(), PromotionGateSettings.defaults(),
                StrategyClassSettings.defaults(), regimes, dryRun, Clock.fixed(DEAD_LETTER_AT, ZoneOffset.UTC), deadLetters));
        stats = topology.input(Topics.RISK_AGENT_STATS);
        cvar = topology.input(Topics.RISK_STRATEGY_CVAR);
        alerts = topology.input(Topics.ALERTS);
        regime = topology.input(Topics.MARKET_REGIME);
        registry = topology.input(Topics.AGENTS_REGISTRY);
        limits = topology.input(Topics.GOVERNANCE_STRATEGY_LIMITS);
        reconciled = topology.input(Topics.ALPHA_RECONCILED);
        ops = topology.input(Topics.CONTROL_OPS);
        events = topology.input(Topics.ALPHA_EVENTS);
        decisions = topology.output(Topics.GOVERNANCE_DECISIONS);
        status = topology.output(Topics.GOVERNANCE_AGENT_STATUS);
        strategies = topology.output(Topics.GOVERNANCE_STRATEGY_STATUS);
    }

    Instant now() {
        return now;
    }

    private Instant tick() {
        now = now.plusSeconds(1);
        return now;
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    void manifest(String agent, String strategyClass, AgentLifecycle lifecycle) {
        registry.pipeInput(new TestRecord<>(agent, new AgentManifest(agent, strategyClass, lifecycle, "desk", now), tick()));
    }

    /** Figures of a sound agent that does not qualify for promotion (n 60): nothing fires. */
    static AgentStats.Builder sound(String agent, String strategyClass) {
        return AgentStats.newBuilder().setAgent(agent).setStrategyClass(strategyClass).setHorizonHours(24).setN(60)
                .setPnl7dBps(10.0).setPnl30dBps(40.0).setPnlSumBps(40.0).setSharpe30d(0.8).setWinrate30d(0.55).setHitRate(0.55)
                .setMaxDrawdown30dBps(-50).setErrorRate(0.02).setUnpricedRate(0).setAvgAbsErrorBps(null).setRmseBps(null)
                .setConfidenceMultiplier(1.0).setLastMaturedAt(T0).setUpdatedAt(T0);
    }

    /** Figures that meet every PROMOTE criterion. */
    static AgentStats.Builder promotable(String agent, String strategyClass) {
        return sound(agent, strategyClass).setN(150).setSharpe30d(1.5).setWinrate30d(0.6).setMaxDrawdown30dBps(-100);
    }

    void stats(AgentStats.Builder s) {
        AgentStats value = s.setUpdatedAt(now).build();
        stats.pipeInput(new TestRecord<>(value.getAgent(), value, tick()));
    }

    void regime(String name) {
        regime.pipeInput(new TestRecord<>("current", new RegimeState(name, 1.0, "ops", now), tick()));
    }

    void cvar(String strategyClass, String regimeName, double shortfallBps, long n) {
        StrategyRegimeRisk r = new StrategyRegimeRisk(strategyClass, regimeName, 24, n, shortfallBps, shortfallBps / 2, 0.0, 0.5, 0.0,
                T0, now, now);
        cvar.pipeInput(new TestRecord<>(TopicKeys.strategyRisk(strategyClass, regimeName, 24), r, tick()));
    }

    void limits(String strategyClass, StrategyState state, Double maxDrawdownBps, Double minHitRate, Map<String, Double> cvarLimits) {
        limits.pipeInput(new TestRecord<>(strategyClass, new StrategyLimits(strategyClass, state, state == StrategyState.DISABLED
                ? "written by a person" : null, maxDrawdownBps, minHitRate, cvarLimits, "c0ffee", now), tick()));
    }

    void row(String agent, String strategyClass, double realizedBps) {
        ReconciledAlpha row = ReconciledRowBuilder.reconciledRow().eventId("e-" + (++seq)).agent(agent).strategy(strategyClass)
                .regime("TREND").horizonHours(24).maturedAt(tick()).realizedBps(realizedBps).build();
        reconciled.pipeInput(new TestRecord<>(agent, row, now));
    }

    /** An agent's alpha event seeing {@code regimeName} (blank: an event without a regime). */
    void event(String agent, String regimeName) {
        AlphaEvent e = new AlphaEvent("a-" + (++seq), agent, "BTC", 1, 0.5, 0.5, regimeName, now, 100.0, List.of(24), null);
        events.pipeInput(new TestRecord<>(agent, e, tick()));
    }

    void divergence(String agent, String alertId, AlertTransition transition) {
        Alert alert = Alert.newBuilder().setAlertId(alertId).setSubject(agent).setSubjectKind(AlertSubjectKind.AGENT).setKind("DIVERGENCE")
                .setTransition(transition).setSeverity(Severity.MEDIUM).setAction("HAIRCUT").setTriggers(List.of()).setMetrics(Map.of())
                .setOpenedAt(now).setAt(now).setMessage("diverging").build();
        alerts.pipeInput(new TestRecord<>(agent, alert, tick()));
    }

    void operator(OpsActionKind kind, String subject, String reason, String who) {
        ops.pipeInput(new TestRecord<>(subject, new OpsAction("op-" + (++seq), kind, subject, reason, who, now), tick()));
    }

    @Override
    public void close() {
        topology.close();
    }
}
