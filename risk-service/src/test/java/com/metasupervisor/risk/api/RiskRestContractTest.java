package com.metasupervisor.risk.api;

import static com.metasupervisor.testkit.ReconciledRowBuilder.reconciledRow;
import static com.metasupervisor.testkit.IdleStreamsService.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.schemas.UnreconcilableHeaders;
import com.metasupervisor.risk.config.RiskSettings;
import com.metasupervisor.risk.topology.DriverStores;
import com.metasupervisor.risk.topology.RiskDriver;
import com.metasupervisor.risk.topology.RiskTopology;
import com.metasupervisor.testkit.IdleStreamsService;
import com.metasupervisor.testkit.RestProbe;
import com.metasupervisor.testkit.TestCredentials;
import com.metasupervisor.testkit.TopologyDriver;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The risk REST API's contract, every endpoint walked without a broker: each error (404, 405, 406, 400, 413,
 * 503) is {@code application/problem+json}; each JSON field is snake_case, named as the Avro record's
 * field, timestamps ISO-8601. The service runs as itself (Micronaut, its controller, streams-kit's error
 * handling, the kit's security: reads open, {@code /loggers} for operators) over a Kafka Streams application that is never started (service-test-kit's IdleStreamsService: 503), or over stores the risk topology fills on a
 * TopologyTestDriver ({@link DriverStores}).
 */
class RiskRestContractTest {

    private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");
    private static final String AGENT = "agent-d";
    private static final String STRATEGY = "macro";

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

        for (String path : List.of("/agents/" + AGENT + "/stats", "/strategies/" + STRATEGY + "/risk",
                "/strategies/" + STRATEGY + "/risk?regime=TREND", "/alerts/open")) {
            JsonNode problem = RestProbe.problem(RestProbe.get(base + path), 503);
            assertThat(problem.get("detail").asText()).as(path).isEqualTo("streams are CREATED, not RUNNING");
        }
        RestProbe.problem(RestProbe.get(base + "/agents/" + AGENT), 404);
        RestProbe.problem(RestProbe.get(base + "/no-such-route"), 404);
        RestProbe.problem(RestProbe.send(HttpRequest.newBuilder(URI.create(base + "/alerts/open"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build()), 405);
        RestProbe.problem(RestProbe.send(HttpRequest.newBuilder(URI.create(base + "/alerts/open"))
                .header("Accept", "text/html").GET().build()), 406);
        RestProbe.problem(RestProbe.get(base + "/agents/" + "a".repeat(10_000) + "/stats"), 413);
        RestProbe.problem(RestProbe.rawGet(service.port(), "/agents/%ZZ/stats"), 400);
    }

    @Test
    void everyAnswerIsSnakeCaseNamedAsTheAvroFieldsWithIsoTimestampsAndUnknownKeysAreProblems() throws Exception {
        String base = start(Map.of(DriverStores.ENABLED, true));
        RiskDriver risk = service.context().getBean(DriverStores.class).risk();
        // 40 rows of small alternating errors, then 80 of +100 bps: the mean error drifts past 40 bps, an alert opens
        for (int i = 0; i < 120; i++) {
            risk.send(reconciledRow().eventId("d" + i).agent(AGENT).strategy(STRATEGY).regime("TREND").horizonHours(24)
                    .maturedAt(T0.plus(Duration.ofHours(i))).realizedBps(i < 40 ? (i % 2 == 0 ? 10 : -10) : 100).build());
        }
        // one pair of a feed gap (unpriced) and one call on a symbol never priced (the agent's error)
        risk.deadLetter(AGENT, T0.plus(Duration.ofHours(119)), UnreconcilableHeaders.UNPRICED, 24);
        risk.deadLetter(AGENT, T0.plus(Duration.ofHours(119)), UnreconcilableHeaders.UNKNOWN_SYMBOL, 24);
        AgentStats published = risk.<AgentStats>store(RiskTopology.AGENT_PUBLISHED_STORE).get(AGENT);

        JsonNode stats = RestProbe.json(base + "/agents/" + AGENT + "/stats");
        assertThat(fieldNames(stats)).containsExactlyElementsOf(fieldNames(AgentStats.getClassSchema()));
        assertThat(stats.get("n").asLong()).isEqualTo(120);
        assertThat(stats.get("pnl_7d_bps").asDouble()).isEqualTo(published.getPnl7dBps());
        assertThat(stats.get("max_drawdown_30d_bps").asDouble()).isEqualTo(published.getMaxDrawdown30dBps());
        assertThat(stats.get("confidence_multiplier").asDouble()).isEqualTo(published.getConfidenceMultiplier());
        assertThat(stats.get("error_rate").asDouble()).isEqualTo(published.getErrorRate()).isGreaterThan(0);
        assertThat(stats.get("unpriced_rate").asDouble()).isEqualTo(published.getUnpricedRate()).isGreaterThan(0);
        assertThat(Instant.parse(stats.get("last_matured_at").asText())).isEqualTo(T0.plus(Duration.ofHours(119)));
        assertThat(Instant.parse(stats.get("updated_at").asText())).isEqualTo(published.getUpdatedAt());

        for (String path : List.of("/strategies/" + STRATEGY + "/risk", "/strategies/" + STRATEGY + "/risk?regime=TREND")) {
            JsonNode figures = RestProbe.json(base + path);
            assertThat(figures).hasSize(1);
            assertThat(fieldNames(figures.get(0))).containsExactlyElementsOf(fieldNames(StrategyRegimeRisk.getClassSchema()));
            assertThat(figures.get(0).get("strategy_class").asText()).isEqualTo(STRATEGY);
            assertThat(figures.get(0).get("cvar95_shortfall_bps").asDouble()).isNotNaN();
            assertThat(Instant.parse(figures.get(0).get("window_start").asText())).isEqualTo(T0);
            assertThat(Instant.parse(figures.get(0).get("window_end").asText())).isEqualTo(T0.plus(Duration.ofHours(119)));
        }

        JsonNode open = RestProbe.json(base + "/alerts/open");
        assertThat(open).hasSize(1);
        assertThat(fieldNames(open.get(0))).containsExactly("alert_id", "agent", "kind", "severity", "opened_at");
        assertThat(open.get(0).get("alert_id").asText()).isEqualTo(AGENT + "#1");
        assertThat(open.get(0).get("kind").asText()).isEqualTo("DIVERGENCE");
        assertThat(Instant.parse(open.get(0).get("opened_at").asText())).isBetween(T0, T0.plus(Duration.ofHours(119)));

        assertThat(RestProbe.problem(RestProbe.get(base + "/agents/nobody/stats"), 404).get("detail").asText())
                .isEqualTo("no stats for agent nobody");
        assertThat(RestProbe.problem(RestProbe.get(base + "/strategies/nothing/risk"), 404).get("detail").asText())
                .isEqualTo("no risk figures for strategy nothing");
        assertThat(RestProbe.problem(RestProbe.get(base + "/strategies/" + STRATEGY + "/risk?regime=RANGE"), 404).get("detail").asText())
                .isEqualTo("no risk figures for strategy macro in regime RANGE");
    }

    @Test
    void readsAndHealthAreOpenAndOnlyAnOperatorReadsOrChangesLogLevels() throws Exception {
        String base = start(Map.of());

        // the reads need no credential: 503 (streams not running), not 401
        RestProbe.problem(RestProbe.get(base + "/alerts/open"), 503);
        assertThat(RestProbe.status(base + "/health")).isIn(200, 503);
        assertThat(RestProbe.status(base + "/health/liveness")).isIn(200, 503);
        assertThat(RestProbe.status(base + "/prometheus")).isEqualTo(200);

        RestProbe.problem(RestProbe.get(base + "/loggers"), 401);
        assertThat(RestProbe.problem(get(base + "/loggers", TestCredentials.agent(AGENT)), 403).get("detail").asText())
                .isEqualTo(AGENT + " [AGENT] may not GET /loggers: it needs role OPERATOR");
        HttpResponse<String> levels = get(base + "/loggers/com.metasupervisor.risk", TestCredentials.operator("ops-1"));
        assertThat(levels.statusCode()).as(levels.body()).isEqualTo(200);
        assertThat(levels.body()).contains("\"effectiveLevel\"");
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        return RestProbe.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", TestCredentials.bearer(token)).GET().build());
    }

    /** The service as it runs over its topology's streams, never started (503), with {@code more} configuration; its base URL. */
    private String start(Map<String, Object> more) {
        service = IdleStreamsService.start("risk-rest", (builder, deadLetters) -> RiskTopology.build(builder, TopologyDriver.SERDES,
                RiskSettings.defaults(), Clock.systemUTC(), deadLetters), more);
        return service.baseUrl();
    }
}
