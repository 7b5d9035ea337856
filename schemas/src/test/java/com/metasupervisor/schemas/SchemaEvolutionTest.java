package com.metasupervisor.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.avro.AgentAllocation;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AlertSubjectKind;
import com.metasupervisor.avro.AllocationSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

/**
 * The schemas changed by issues 9, 11, 12 and 13 stay BACKWARD-compatible (what the registry enforces): the current schema reads
 * everything written with the previous one, kept under {@code previous/} as it was released.
 */
class SchemaEvolutionTest {

    /** Parse order: the shared enums before the records that name them. */
    private static final List<String> PREVIOUS_FILES =
            List.of("AlertSubjectKind", "AlertTransition", "Severity", "Alert", "AgentStats", "AgentAllocation", "AllocationSnapshot",
                    "AgentLifecycle", "StrategyState", "GovernanceAction", "GovernanceDecision", "StrategyStatus",
                    "ReportingKind", "ReportingStatus", "ReportingAction");

    private static final Map<String, Schema> PREVIOUS = parsePrevious();

    private static Map<String, Schema> parsePrevious() {
        Schema.Parser parser = new Schema.Parser();
        for (String name : PREVIOUS_FILES) {
            try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream("previous/" + name + ".avsc")) {
                parser.parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.of(
                "AgentStats", parser.getTypes().get("com.metasupervisor.avro.AgentStats"),
                "Alert", parser.getTypes().get("com.metasupervisor.avro.Alert"),
                "AlertSubjectKind", parser.getTypes().get("com.metasupervisor.avro.AlertSubjectKind"),
                "AgentAllocation", parser.getTypes().get("com.metasupervisor.avro.AgentAllocation"),
                "AllocationSnapshot", parser.getTypes().get("com.metasupervisor.avro.AllocationSnapshot"),
                "GovernanceAction", parser.getTypes().get("com.metasupervisor.avro.GovernanceAction"),
                "GovernanceDecision", parser.getTypes().get("com.metasupervisor.avro.GovernanceDecision"),
                "StrategyStatus", parser.getTypes().get("com.metasupervisor.avro.StrategyStatus"),
                "ReportingKind", parser.getTypes().get("com.metasupervisor.avro.ReportingKind"),
                "ReportingAction", parser.getTypes().get("com.metasupervisor.avro.ReportingAction"));
    }

    @Test
    void everyChangedSchemaReadsWhatItsPreviousVersionWrote() {
        Map<String, Schema> current = Map.of(
                "AgentStats", AgentStats.getClassSchema(),
                "Alert", Alert.getClassSchema(),
                "AlertSubjectKind", AlertSubjectKind.getClassSchema(),
                "AgentAllocation", AgentAllocation.getClassSchema(),
                "AllocationSnapshot", AllocationSnapshot.getClassSchema(),
                "GovernanceAction", com.metasupervisor.avro.GovernanceAction.getClassSchema(),
                "GovernanceDecision", com.metasupervisor.avro.GovernanceDecision.getClassSchema(),
                "StrategyStatus", com.metasupervisor.avro.StrategyStatus.getClassSchema(),
                "ReportingKind", com.metasupervisor.avro.ReportingKind.getClassSchema(),
                "ReportingAction", com.metasupervisor.avro.ReportingAction.getClassSchema());
        current.forEach((name, schema) -> {
            SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(schema, PREVIOUS.get(name));
            assertThat(result.getType()).as(name + ": " + result.getDescription())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        });
        // the copies really are the previous versions, so the check above compares something
        assertThat(PREVIOUS.get("AgentStats").getField("unpriced_rate")).isNull();
        assertThat(PREVIOUS.get("AlertSubjectKind").getEnumSymbols()).doesNotContain("SYMBOL");
        assertThat(PREVIOUS.get("AgentAllocation").getField("explanation")).isNull();
        assertThat(PREVIOUS.get("AllocationSnapshot").getField("turnover")).isNull();
        assertThat(PREVIOUS.get("GovernanceDecision").getField("dry_run")).isNull();
        assertThat(PREVIOUS.get("GovernanceAction").getEnumSymbols()).doesNotContain("HOLD");
        assertThat(PREVIOUS.get("StrategyStatus").getField("decision_id")).isNull();
        assertThat(PREVIOUS.get("ReportingKind").getEnumSymbols()).doesNotContain("WEBHOOK");
        assertThat(PREVIOUS.get("ReportingAction").getField("request")).isNull();
    }

    @Test
    void agentStatsWrittenBeforeUnpricedRateReadsAsZero() throws IOException {
        Schema previous = PREVIOUS.get("AgentStats");
        GenericRecord old = new GenericData.Record(previous);
        for (Schema.Field field : previous.getFields()) {
            old.put(field.name(), switch (field.schema().getType()) {
                case STRING -> "a1";
                case INT -> 24;
                case LONG -> 1_700_000_000_000L;
                case DOUBLE -> 0.25;
                default -> null; // the optional ["null", T] fields
            });
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(previous).write(old, encoder);
        encoder.flush();

        AgentStats read = new SpecificDatumReader<AgentStats>(previous, AgentStats.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

        assertThat(read.getErrorRate()).isEqualTo(0.25);
        assertThat(read.getUnpricedRate()).isEqualTo(0.0);
    }

    @Test
    void aSubjectKindAddedLaterResolvesToAgent() {
        // a writer from the future with a kind this reader does not know: the enum default keeps the reader going
        Schema future = Schema.createEnum("AlertSubjectKind", null, "com.metasupervisor.avro",
                List.of("AGENT", "STRATEGY", "SYMBOL", "VENUE"));
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(AlertSubjectKind.getClassSchema(), future)
                .getType()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(PREVIOUS.get("AlertSubjectKind"), future)
                .getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
        assertThat(AlertSubjectKind.getClassSchema().getEnumDefault()).isEqualTo("AGENT");
    }
}
