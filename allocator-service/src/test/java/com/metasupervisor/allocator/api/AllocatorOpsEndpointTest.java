package com.metasupervisor.allocator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.allocator.topology.AllocatorDriver;
import com.metasupervisor.allocator.topology.AllocatorTopology;
import com.metasupervisor.testkit.IdleStreamsService;
import com.metasupervisor.testkit.RestProbe;
import com.metasupervisor.testkit.TestCredentials;
import com.metasupervisor.testkit.TopologyDriver;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's switches ({@code POST /ops/guardian}, {@code POST /ops/regime}) on the service as it runs with no
 * broker (Kafka at {@code localhost:1}): no token or a bad one 401, an agent's 403, a malformed body 400 naming the
 * member; a well-formed request by an operator gets as far as publishing, which fails here: 503 with Retry-After (the
 * 202 and the records are AllocatorServiceIT's).
 */
class AllocatorOpsEndpointTest {

    private static final String GUARDIAN = "/ops/guardian";
    private static final String REGIME = "/ops/regime";
    private static IdleStreamsService service;
    private static String base;

    @BeforeAll
    static void start() {
        service = IdleStreamsService.start("allocator-ops", (builder, deadLetters) -> AllocatorTopology.build(builder, TopologyDriver.SERDES,
                AllocatorDriver.defaults(), Clock.systemUTC(), deadLetters),
                Map.of("kafka.bootstrap.servers", "localhost:1"));
        base = service.baseUrl();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void onlyAnOperatorMaySetTheSwitches() throws Exception {
        for (String path : List.of(GUARDIAN, REGIME)) {
            HttpResponse<String> none = post(path, null, "{}");
            RestProbe.problem(none, 401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            RestProbe.problem(post(path, "not-a-jwt", "{}"), 401);
            assertThat(RestProbe.problem(post(path, TestCredentials.agent("a1"), "{}"), 403).get("detail").asText()).contains("OPERATOR");
        }
    }

    @Test
    void aMalformedBodyIs400NamingTheMemberAndAWellFormedOneGoesAsFarAsKafka() throws Exception {
        String operator = TestCredentials.operator("alice");
        Map<String, String> guardian = new LinkedHashMap<>();
        guardian.put("", "the body is empty: the body must be a JSON object {\"paused\": true, \"reason\": \"...\"}");
        guardian.put("[true]", "the body must be a JSON object {\"paused\": true, \"reason\": \"...\"}");
        guardian.put("{\"reason\": \"outage\"}", "paused is required (true or false)");
        guardian.put("{\"paused\": \"yes\", \"reason\": \"outage\"}", "paused must be true or false");
        guardian.put("{\"paused\": true}", "reason is required");
        guardian.put("{\"paused\": true, \"reason\": \" \"}", "reason must not be blank");
        guardian.put("{\"paused\": true, \"reason\": \"" + "x".repeat(501) + "\"}", "reason must be at most 500 characters, was 501");
        guardian.put("{\"paused\": true, \"reason\": \"outage\", \"set_by\": \"carol\"}",
                "unknown member(s) set_by: the body must be a JSON object {\"paused\": true, \"reason\": \"...\"} (the operator is the token's subject)");
        guardian.forEach((body, detail) -> assertThat(detailOf(GUARDIAN, operator, body)).as(body).isEqualTo(detail));

        Map<String, String> regime = new LinkedHashMap<>();
        regime.put("{}", "regime is required");
        regime.put("{\"regime\": 3}", "regime must be a JSON string");
        regime.put("{\"regime\": \"CRI SIS\"}", "regime must be a word of letters, digits and _ of at most 32 (e.g. TREND, RANGE, CRISIS)");
        regime.put("{\"regime\": \"CRISIS\", \"risk_multiplier\": 1.5}", "risk_multiplier must be in [0, 1], was 1.5");
        regime.put("{\"regime\": \"CRISIS\", \"risk_multiplier\": \"half\"}", "risk_multiplier must be a number");
        regime.forEach((body, detail) -> assertThat(detailOf(REGIME, operator, body)).as(body).isEqualTo(detail));

        for (Map.Entry<String, String> ok : Map.of(GUARDIAN, "{\"paused\": false, \"reason\": \"resume\"}",
                REGIME, "{\"regime\": \"CRISIS\", \"risk_multiplier\": null}").entrySet()) {
            HttpResponse<String> response = post(ok.getKey(), operator, ok.getValue());
            assertThat(RestProbe.problem(response, 503).get("detail").asText()).contains("was not published");
            assertThat(response.headers().firstValue("Retry-After")).contains("5");
        }
    }

    private static String detailOf(String path, String bearer, String body) {
        try {
            return RestProbe.problem(post(path, bearer, body), 400).get("detail").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> post(String path, String bearer, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return RestProbe.send(request.build());
    }
}
