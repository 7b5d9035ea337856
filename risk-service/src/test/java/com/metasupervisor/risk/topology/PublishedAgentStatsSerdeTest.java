package com.metasupervisor.risk.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.avro.AgentStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The agent-stats-published store reads what this build and the release before it wrote. */
class PublishedAgentStatsSerdeTest {

    private final PublishedAgentStatsSerde serde = new PublishedAgentStatsSerde();

    @Test
    void aRecordOfThisBuildRoundTripsBehindItsVersionByte() {
        AgentStats stats = stats("agent-a", 0.125, 0.25);
        byte[] bytes = serde.serializer().serialize("t", stats);

        assertThat(bytes[0]).isEqualTo(PublishedAgentStatsSerde.VERSION);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(stats);
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void aRecordTheReleaseBeforeWroteReadsWithUnpricedRateZeroWhateverTheAgentIdsLength() throws IOException {
        for (int length = 1; length <= 300; length++) {
            AgentStats before = stats("a".repeat(length), 0.2, 0.0);
            byte[] legacy = writtenBeforeUnpricedRate(before);
            assertThat(legacy[0]).as("a record without a version byte never starts with one").isNotEqualTo(PublishedAgentStatsSerde.VERSION);

            AgentStats read = serde.deserializer().deserialize("t", legacy);

            assertThat(read).as("agent id of %d characters", length).isEqualTo(before);
            assertThat(read.getUnpricedRate()).isZero();
        }
    }

    @Test
    void truncatedBytesAreRefusedNamingWhatTheyWere() throws IOException {
        byte[] legacy = writtenBeforeUnpricedRate(stats("agent-b", 0.1, 0.0));
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(legacy, legacy.length - 3)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("the release before unpriced_rate");
        byte[] current = serde.serializer().serialize("t", stats("agent-b", 0.1, 0.0));
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(current, current.length - 3)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void version1IsTheAgentStatsOfThisBuild() {
        // the parsing form ignores docs and defaults: it changes exactly when the binary layout does
        assertThat(SchemaNormalization.parsingFingerprint64(AgentStats.getClassSchema()))
                .as("AgentStats changed: give PublishedAgentStatsSerde version 2 and keep reading version 1 with a copy "
                        + "of the schema it had")
                .isEqualTo(VERSION_1_FINGERPRINT);
        assertThat(PublishedAgentStatsSerde.schemaBeforeUnpricedRate().getField("unpriced_rate")).isNull();
    }

    private static final long VERSION_1_FINGERPRINT = 0x5EC293B51AD652A0L;

    private static AgentStats stats(String agent, double errorRate, double unpricedRate) {
        return AgentStats.newBuilder().setAgent(agent).setStrategyClass("arb").setHorizonHours(24).setN(12)
                .setPnl7dBps(1.5).setPnl30dBps(-2.5).setPnlSumBps(3.5).setSharpe30d(null).setWinrate30d(0.5)
                .setHitRate(0.25).setMaxDrawdown30dBps(-4).setErrorRate(errorRate).setUnpricedRate(unpricedRate)
                .setAvgAbsErrorBps(7.0).setRmseBps(null).setConfidenceMultiplier(0.75)
                .setLastMaturedAt(Instant.parse("2026-03-02T12:00:00Z")).setUpdatedAt(Instant.parse("2030-01-01T00:00:00Z"))
                .build();
    }

    /** Plain Avro binary of the AgentStats the release before had (no unpriced_rate), as its store held it. */
    private static byte[] writtenBeforeUnpricedRate(AgentStats stats) throws IOException {
        Schema before = PublishedAgentStatsSerde.schemaBeforeUnpricedRate();
        GenericRecord record = new GenericData.Record(before);
        for (Schema.Field field : before.getFields()) {
            Object value = stats.get(AgentStats.getClassSchema().getField(field.name()).pos());
            record.put(field.name(), value instanceof Instant at ? at.toEpochMilli() : value);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(before).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
