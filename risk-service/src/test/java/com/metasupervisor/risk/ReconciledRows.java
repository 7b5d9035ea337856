package com.metasupervisor.risk;

import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;

/** Reconciled rows as the reconciler writes them, for the risk tests: built, and produced to the real broker. */
public final class ReconciledRows {

    private ReconciledRows() {
    }

    /** A row of one symbol (BTC, long, entry 100); {@code sigma} null = no sim model priced it. */
    public static ReconciledAlpha row(String eventId, String agent, String strategy, String regime, int horizon, Instant maturedAt,
                                      double realized, double expected, Double sigma) {
        double error = realized - expected;
        return ReconciledAlpha.newBuilder()
                .setEventId(eventId)
                .setAgent(agent)
                .setStrategyClass(strategy)
                .setSymbol("BTC")
                .setRegime(regime)
                .setHorizonHours(horizon)
                .setEmittedAt(maturedAt.minus(Duration.ofHours(horizon)))
                .setMaturedAt(maturedAt)
                .setDirection(1)
                .setScoreFinal(0.5)
                .setConfidence(0.5)
                .setEntryPrice(100.0)
                .setExitPrice(100.0 * (1 + realized / 10_000))
                .setRealizedPnlBps(realized)
                .setExpectedPnlBps(expected)
                .setExpectedSigmaBps(sigma)
                .setPnlErrorBps(error)
                .setAbsErrorBps(Math.abs(error))
                .setSimVersion(sigma == null ? "fallback_zero" : "ridge_h" + horizon + "_v1")
                .setHit(realized > 0)
                .build();
    }

    /** Writes the rows to alpha.reconciled, keyed by agent, through the registry serde; returns when all are acknowledged. */
    public static void produce(LocalPlatform platform, List<ReconciledAlpha> rows) throws Exception {
        try (Serde<ReconciledAlpha> values = Topics.ALPHA_RECONCILED.valueSerde(platform.registry());
             KafkaProducer<String, ReconciledAlpha> producer = new KafkaProducer<>(platform.clientProperties(),
                     Topics.ALPHA_RECONCILED.keySerde().serializer(), values.serializer())) {
            for (ReconciledAlpha row : rows) {
                producer.send(new ProducerRecord<>(Topics.ALPHA_RECONCILED.name(), row.getAgent(), row));
            }
            producer.flush();
        }
    }
}
