package com.metasupervisor.allocator.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.metasupervisor.avro.AgentAllocation;
import com.metasupervisor.avro.AllocationBound;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.streams.connection.KafkaConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The allocation/weights.json document of a snapshot and its atomic replacement. */
class WeightsFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static AllocationSnapshot snapshot(Instant asOf, Map<String, Double> weights, double cash) {
        List<AgentAllocation> agents = new ArrayList<>();
        weights.forEach((agent, w) -> agents.add(AgentAllocation.newBuilder().setAgent(agent).setWeight(w).setPolicy("soft_penalty")
                .setAsOf(asOf).setSnapshotId("s").setBound(AllocationBound.NONE).setMultipliers(Map.of())
                .setExplanation(w == 0 ? "excluded: KILLED (governance: drawdown)" : "in proportion").build()));
        return AllocationSnapshot.newBuilder().setSnapshotId("alloc-" + asOf.toEpochMilli() + "-1").setPolicy("soft_penalty")
                .setAllocations(agents).setCash(cash).setMinAllocation(0.0).setMaxAllocation(0.25).setRegime("TREND")
                .setRegimeMultiplier(1.0).setGuardianPaused(false).setSource(AllocationRecords.SOURCE)
                .setReasonForPublish("first allocation").setWarnings(List.of()).setAsOf(asOf).setTurnover(0.5)
                .setChanges(List.of()).setPreviousSnapshotId(null).setHorizonHours(24).build();
    }

    @Test
    void theDocumentHoldsTheAgentsAboveZeroCashSourceIsoTimeAndBounds() throws IOException {
        Path file = dir.resolve("allocation/weights.json");
        Instant asOf = Instant.parse("2026-03-02T10:15:30.250Z");

        WeightsFile.write(file, snapshot(asOf, Map.of("a1", 0.25, "a2", 0.125, "a3", 0.0), 0.625));

        JsonNode doc = JSON.readTree(file.toFile());
        List<String> fields = new ArrayList<>();
        doc.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("allocations", "cash", "source", "timestamp", "min_allocation", "max_allocation");
        assertThat(JSON.convertValue(doc.get("allocations"), Map.class)).isEqualTo(Map.of("a1", 0.25, "a2", 0.125));
        assertThat(doc.get("cash").asDouble()).isEqualTo(0.625);
        assertThat(doc.get("source").asText()).isEqualTo(AllocationRecords.SOURCE);
        assertThat(Instant.parse(doc.get("timestamp").asText())).isEqualTo(asOf);
        assertThat(doc.get("min_allocation").asDouble()).isEqualTo(0.0);
        assertThat(doc.get("max_allocation").asDouble()).isEqualTo(0.25);
    }

    @Test
    void theFollowerStartsWithTheBeanAndStopsCleanlyEvenWithoutABroker() {
        Path file = dir.resolve("weights.json");
        WeightsFile follower = new WeightsFile(file, KafkaConnection.plaintext("127.0.0.1:1"),
                com.metasupervisor.testkit.TopologyDriver.SERDES.value(com.metasupervisor.schemas.Topics.ALLOCATIONS).deserializer());
        assertThat(followerThreads()).isEqualTo(1);

        assertTimeoutPreemptively(Duration.ofSeconds(15), follower::stop);

        assertThat(followerThreads()).isZero();
        assertThat(file).doesNotExist();
        follower.stop(); // twice is harmless
    }

    @Test
    void theFollowerConnectsWithTheServicesSecuritySettings() {
        KafkaConnection sasl = new KafkaConnection("kafka:29092", Map.of("security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;"));
        assertThat(WeightsFile.consumerConfig(sasl))
                .containsEntry("bootstrap.servers", "kafka:29092")
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsKey("sasl.jaas.config")
                .containsEntry("isolation.level", "read_committed")
                .doesNotContainKey("group.id");
    }

    private static long followerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("allocator-weights-file") && t.isAlive()).count();
    }

    @Test
    void aNewSnapshotReplacesTheWholeFileAndLeavesNoTemporaryFileBehind() throws IOException {
        Path file = dir.resolve("weights.json");
        WeightsFile.write(file, snapshot(Instant.parse("2026-03-02T10:00:00Z"), Map.of("a1", 0.25, "a2", 0.25, "a3", 0.25, "a4", 0.25), 0));
        long before = Files.size(file);

        WeightsFile.write(file, snapshot(Instant.parse("2026-03-02T11:00:00Z"), Map.of("a9", 0.5), 0.5));

        JsonNode doc = JSON.readTree(file.toFile());
        assertThat(JSON.convertValue(doc.get("allocations"), Map.class)).isEqualTo(Map.of("a9", 0.5));
        assertThat(doc.get("timestamp").asText()).isEqualTo("2026-03-02T11:00:00Z");
        assertThat(Files.size(file)).isLessThan(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("weights.json");
        }
    }
}
