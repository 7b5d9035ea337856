package com.metasupervisor.allocator.api;

import static com.metasupervisor.avro.AgentLifecycle.KILLED;
import static com.metasupervisor.avro.AgentLifecycle.LIVE;
import static com.metasupervisor.testkit.IdleStreamsService.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.metasupervisor.allocator.topology.AllocatorDriver;
import com.metasupervisor.allocator.topology.AllocatorTopology;
import com.metasupervisor.allocator.topology.DriverStores;
import com.metasupervisor.avro.AgentAllocation;
import com.metasupervisor.avro.AllocationChange;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.avro.PolicyLedger;
import com.metasupervisor.testkit.IdleStreamsService;
import com.metasupervisor.testkit.RestProbe;
import com.metasupervisor.testkit.TopologyDriver;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The allocator REST API's contract, every endpoint walked without a broker: each error (503, 404, 400, 405, 406) is
 * {@code application/problem+json}; each JSON field is snake_case, named as the Avro record's field, timestamps
 * ISO-8601. The service runs as itself (Micronaut, its controller, streams-kit's error handling) over a KafkaStreams
 * that is never started (503), or over stores the allocator topology fills on a TopologyTestDriver ({@link DriverStores}).
 */
class AllocatorRestContractTest {

    private static final List<String> ENDPOINTS = List.of("/allocations/current", "/allocations/current/a1",
            "/allocations/current/document", "/allocations/history", "/allocations/history?limit=5", "/policies/compare");

    private IdleStreamsService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void everyErrorIsAProblem() throws Exception {
        String base = start(Map.of());

        for (String path : ENDPOINTS) {
            JsonNode problem = RestProbe.problem(RestProbe.get(base + path), 503);
            assertThat(problem.get("detail").asText()).as(path).isEqualTo("streams are CREATED, not RUNNING");
        }
        for (String limit : List.of("0", "201", "-3")) {
            assertThat(RestProbe.problem(RestProbe.get(base + "/allocations/history?limit=" + limit), 400).get("detail").asText())
                    .isEqualTo("limit must be in 1..200 (allocator.history-size), was " + limit);
        }
        RestProbe.problem(RestProbe.get(base + "/allocations/history?limit=abc"), 400);
        RestProbe.problem(RestProbe.get(base + "/no-such-route"), 404);
        RestProbe.problem(RestProbe.send(HttpRequest.newBuilder(URI.create(base + "/allocations/current"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build()), 405);
        RestProbe.problem(RestProbe.send(HttpRequest.newBuilder(URI.create(base + "/policies/compare"))
                .header("Accept", "text/html").GET().build()), 406);
    }

    @Test
    void everyAnswerIsSnakeCaseNamedAsTheAvroFieldsWithIsoTimestampsAndUnknownKeysAreProblems() throws Exception {
        String base = start(Map.of(DriverStores.ENABLED, true));
        AllocatorDriver allocator = service.context().getBean(DriverStores.class).allocator();

        assertThat(RestProbe.problem(RestProbe.get(base + "/allocations/current"), 404).get("detail").asText())
                .isEqualTo("no allocation published yet");
        RestProbe.problem(RestProbe.get(base + "/allocations/current/a1"), 404);
        RestProbe.problem(RestProbe.get(base + "/allocations/current/document"), 404);
        assertThat(RestProbe.json(base + "/allocations/history")).isEmpty();

        allocator.marketRegime("TREND", null);
        for (String agent : List.of("a1", "a2", "a3", "a4", "a5")) {
            allocator.registered(agent, "macro", LIVE);
            allocator.stats(agent, "macro", 400);
        }
        allocator.row("a1", 80, 24);
        allocator.governance("a1", KILLED, "drawdown");
        AllocationSnapshot current = allocator.<AllocationSnapshot>store(AllocatorTopology.HELD_STORE).get("soft_penalty");

        JsonNode snapshot = RestProbe.json(base + "/allocations/current");
        RestProbe.assertSnakeCase(snapshot);
        assertThat(fieldNames(snapshot)).containsExactlyElementsOf(fieldNames(AllocationSnapshot.getClassSchema()));
        assertThat(snapshot.get("snapshot_id").asText()).isEqualTo(current.getSnapshotId());
        assertThat(snapshot.get("reason_for_publish").asText()).isEqualTo(current.getReasonForPublish()).contains("a1");
        assertThat(Instant.parse(snapshot.get("as_of").asText())).isEqualTo(current.getAsOf());
        assertThat(snapshot.get("allocations")).hasSize(5);
        assertThat(fieldNames(snapshot.get("allocations").get(0))).containsExactlyElementsOf(fieldNames(AgentAllocation.getClassSchema()));
        assertThat(fieldNames(snapshot.get("changes").get(0))).containsExactlyElementsOf(fieldNames(AllocationChange.getClassSchema()));
        assertThat(snapshot.get("previous_snapshot_id").asText()).isEqualTo(current.getPreviousSnapshotId());

        JsonNode a1 = RestProbe.json(base + "/allocations/current/a1");
        assertThat(fieldNames(a1)).containsExactlyElementsOf(fieldNames(AgentAllocation.getClassSchema()));
        assertThat(a1.get("weight").asDouble()).isZero();
        assertThat(a1.get("status").asText()).isEqualTo("KILLED");
        assertThat(a1.get("excluded_reason").asText()).contains("KILLED");
        assertThat(a1.get("explanation").asText()).isNotBlank();
        assertThat(a1.get("bound").asText()).isEqualTo("NONE");
        assertThat(Instant.parse(a1.get("as_of").asText())).isEqualTo(current.getAsOf());
        JsonNode a2 = RestProbe.json(base + "/allocations/current/a2");
        assertThat(a2.get("excluded_reason").isNull()).isTrue();
        assertThat(a2.get("multipliers").get("hit_rate").asDouble()).isEqualTo(1.1);
        assertThat(RestProbe.problem(RestProbe.get(base + "/allocations/current/nobody"), 404).get("detail").asText())
                .isEqualTo("agent nobody is not in the current allocation");

        JsonNode document = RestProbe.json(base + "/allocations/current/document");
        assertThat(fieldNames(document)).containsExactly("allocations", "cash", "source", "timestamp", "min_allocation", "max_allocation");
        assertThat(fieldNames(document.get("allocations"))).containsExactly("a2", "a3", "a4", "a5");
        assertThat(document.get("cash").asDouble()).isEqualTo(current.getCash());
        assertThat(Instant.parse(document.get("timestamp").asText())).isEqualTo(current.getAsOf());

        JsonNode history = RestProbe.json(base + "/allocations/history");
        assertThat(history.size()).isGreaterThanOrEqualTo(2);
        assertThat(fieldNames(history.get(0))).containsExactly("snapshot_id", "as_of", "reason_for_publish", "turnover", "cash", "regime",
                "regime_multiplier", "guardian_paused", "changes");
        assertThat(history.get(0).get("snapshot_id").asText()).isEqualTo(current.getSnapshotId());
        assertThat(history.get(1).get("snapshot_id").asText()).isEqualTo(current.getPreviousSnapshotId());
        assertThat(Instant.parse(history.get(0).get("as_of").asText())).isAfter(Instant.parse(history.get(1).get("as_of").asText()));
        assertThat(RestProbe.json(base + "/allocations/history?limit=1")).hasSize(1);

        JsonNode compare = RestProbe.json(base + "/policies/compare");
        assertThat(compare).hasSize(3);
        assertThat(compare.get(0).get("policy").asText()).isEqualTo("soft_penalty");
        assertThat(compare.get(0).get("active").asBoolean()).isTrue();
        assertThat(compare.get(1).get("active").asBoolean()).isFalse();
        for (JsonNode ledger : compare) {
            assertThat(fieldNames(ledger)).containsExactlyElementsOf(fieldNames(PolicyLedger.getClassSchema()));
            assertThat(ledger.get("rows").asLong()).isEqualTo(1);
            assertThat(Instant.parse(ledger.get("first_row_at").asText())).isBefore(current.getAsOf());
            assertThat(Instant.parse(ledger.get("updated_at").asText())).isEqualTo(current.getAsOf());
        }
        assertThat(compare.get(0).get("weights").has("a1")).isFalse();
        assertThat(compare.get(0).get("cumulative_pnl_bps").asDouble()).isCloseTo(0.2 * 80, within(1e-9));
    }

    /** The service as it runs over its topology's streams, never started (503), with {@code more} configuration; its base URL. */
    private String start(Map<String, Object> more) {
        service = IdleStreamsService.start("allocator-rest", (builder, deadLetters) -> AllocatorTopology.build(builder, TopologyDriver.SERDES,
                AllocatorDriver.defaults(), Clock.systemUTC(), deadLetters), more);
        return service.baseUrl();
    }
}
