package com.metasupervisor.risk.topology;

import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.avro.SimModel;
import com.metasupervisor.avro.SimModelStatus;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.risk.config.RiskSettings;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.streams.StreamsConventions;
import com.metasupervisor.streams.deadletter.DeadLetter;
import com.metasupervisor.streams.deadletter.DeadLetterMetrics;
import com.metasupervisor.streams.state.PlainTopicSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/** The risk topology on TopologyTestDriver, registry-free, at-least-once (as the reconciler's test). */
final class RiskDriver implements AutoCloseable {

    static final Instant UPDATED_AT = Instant.parse("2030-01-01T00:00:00Z");

    final RiskSettings settings;
    final TopologyTestDriver driver;
    final TestInputTopic<String, ReconciledAlpha> reconciled;
    final TestInputTopic<String, byte[]> eventsDlq;
    final TestInputTopic<String, SimModel> models;
    final TestOutputTopic<String, StrategyRegimeRisk> cvar;
    final TestOutputTopic<String, AgentStats> stats;
    final TestOutputTopic<String, Alert> alerts;

    RiskDriver(RiskSettings settings) {
        this.settings = settings;
        StreamsBuilder builder = new StreamsBuilder();
        PlainTopicSerdes serdes = new PlainTopicSerdes();
        RiskTopology.build(builder, serdes, settings, Clock.fixed(UPDATED_AT, ZoneOffset.UTC));
        Properties props = StreamsConventions.forApplication("risk-test", "unused:9092", DeadLetterMetrics.standalone());
        // TopologyTestDriver drops dead letters sent while a record is deserialised under exactly-once
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        driver = new TopologyTestDriver(builder.build(), props, Instant.parse("2026-01-01T00:00:00Z"));
        StringSerializer keys = new StringSerializer();
        reconciled = driver.createInputTopic(Topics.ALPHA_RECONCILED.name(), keys, serdes.value(Topics.ALPHA_RECONCILED).serializer());
        eventsDlq = driver.createInputTopic(Topics.ALPHA_EVENTS.deadLetterTopic(), keys, new ByteArraySerializer());
        models = driver.createInputTopic(Topics.MODELS_SIM.name(), keys, serdes.value(Topics.MODELS_SIM).serializer());
        StringDeserializer keyOut = new StringDeserializer();
        cvar = driver.createOutputTopic(Topics.RISK_STRATEGY_CVAR.name(), keyOut, serdes.value(Topics.RISK_STRATEGY_CVAR).deserializer());
        stats = driver.createOutputTopic(Topics.RISK_AGENT_STATS.name(), keyOut, serdes.value(Topics.RISK_AGENT_STATS).deserializer());
        alerts = driver.createOutputTopic(Topics.ALERTS.name(), keyOut, serdes.value(Topics.ALERTS).deserializer());
    }

    void send(ReconciledAlpha row) {
        reconciled.pipeInput(new TestRecord<>(row.getAgent(), row, row.getMaturedAt()));
    }

    /** A dead-lettered event of {@code agent}; {@code horizonHours} null for one rejected before reconciliation. */
    void deadLetter(String agent, Instant at, String reason, Integer horizonHours) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetter.REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetter.STAGE, "validate".getBytes(StandardCharsets.UTF_8));
        if (horizonHours != null) {
            headers.add(com.metasupervisor.schemas.UnreconcilableHeaders.HORIZON_HOURS, horizonHours.toString().getBytes(StandardCharsets.UTF_8));
        }
        eventsDlq.pipeInput(new TestRecord<>(agent, new byte[] {0, 1, 2}, headers, at));
    }

    void model(int horizonHours, Double holdoutRmse) {
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
        models.pipeInput("h" + horizonHours, model);
    }

    KeyValueStore<String, byte[]> bytesStore(String name) {
        return driver.getKeyValueStore(name);
    }

    <V> KeyValueStore<String, V> store(String name) {
        return driver.getKeyValueStore(name);
    }

    @Override
    public void close() {
        driver.close();
    }
}
