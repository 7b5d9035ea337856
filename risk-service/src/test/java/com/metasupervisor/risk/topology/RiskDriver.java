package com.metasupervisor.risk.topology;

import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.avro.SimModel;
import com.metasupervisor.avro.SimModelStatus;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.risk.config.RiskSettings;
import com.metasupervisor.schemas.TopicKeys;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.schemas.UnreconcilableHeaders;
import com.metasupervisor.streams.deadletter.DeadLetter;
import com.metasupervisor.testkit.TopologyDriver;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/** The risk topology on TopologyTestDriver (service-test-kit's {@link TopologyDriver}: registry-free, at-least-once). */
public final class RiskDriver implements AutoCloseable {

    static final Instant UPDATED_AT = Instant.parse("2030-01-01T00:00:00Z");

    final RiskSettings settings;
    final TopologyDriver topology;
    final TopologyTestDriver driver;
    final TestInputTopic<String, ReconciledAlpha> reconciled;
    final TestInputTopic<String, byte[]> eventsDlq;
    final TestInputTopic<String, SimModel> models;
    final TestOutputTopic<String, StrategyRegimeRisk> cvar;
    final TestOutputTopic<String, AgentStats> stats;
    final TestOutputTopic<String, Alert> alerts;

    public RiskDriver(RiskSettings settings) {
        this.settings = settings;
        this.topology = TopologyDriver.start("risk-test", Instant.parse("2026-01-01T00:00:00Z"), (builder, deadLetters) -> RiskTopology
                .build(builder, TopologyDriver.SERDES, settings, Clock.fixed(UPDATED_AT, ZoneOffset.UTC), deadLetters));
        this.driver = topology.driver();
        reconciled = topology.input(Topics.ALPHA_RECONCILED);
        eventsDlq = topology.rawInput(Topics.ALPHA_EVENTS.deadLetterTopic());
        models = topology.input(Topics.MODELS_SIM);
        cvar = topology.output(Topics.RISK_STRATEGY_CVAR);
        stats = topology.output(Topics.RISK_AGENT_STATS);
        alerts = topology.output(Topics.ALERTS);
    }

    public void send(ReconciledAlpha row) {
        reconciled.pipeInput(new TestRecord<>(row.getAgent(), row, row.getMaturedAt()));
    }

    /** A dead-lettered event of {@code agent}; {@code horizonHours} null for one rejected before reconciliation. */
    public void deadLetter(String agent, Instant at, String reason, Integer horizonHours) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetter.REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetter.STAGE, "validate".getBytes(StandardCharsets.UTF_8));
        if (horizonHours != null) {
            headers.add(UnreconcilableHeaders.HORIZON_HOURS, horizonHours.toString().getBytes(StandardCharsets.UTF_8));
        }
        eventsDlq.pipeInput(new TestRecord<>(agent, new byte[] {0, 1, 2}, headers, at));
    }

    public void model(int horizonHours, Double holdoutRmse) {
        SimModel model = SimModel.newBuilder()
                .setHorizonHours(horizonHours)
                .setStatus(holdoutRmse == null ? SimModelStatus.INSUFFICIENT_ROWS : SimModelStatus.TRAINED)
                .setHoldoutRmseBps(holdoutRmse)
                .setRmseBps(holdoutRmse)
                .setN(500)
                .setLambda(1.0)
                .setTrainedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .setVersion("ridge_h" + horizonHours + "_v1")
                .setFeatureNames(List.of("score_final", "confidence"))
                .build();
        models.pipeInput(TopicKeys.simModel(horizonHours), model);
    }

    KeyValueStore<String, byte[]> bytesStore(String name) {
        return topology.store(name);
    }

    public <V> KeyValueStore<String, V> store(String name) {
        return topology.store(name);
    }

    @Override
    public void close() {
        topology.close();
    }
}
