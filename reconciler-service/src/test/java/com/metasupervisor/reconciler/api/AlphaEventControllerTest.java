package com.metasupervisor.reconciler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.testkit.TestCredentials;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP contract of {@code POST /alpha-events} without a broker: status codes and response
 * shapes of every rejection, and 503 (not a stack trace) when the registry cannot be reached.
 * Producing to a real broker is {@link AlphaEventApiIT}.
 */
class AlphaEventControllerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String VALID = """
            {"event_id":"e-1","agent":"arb-7","symbol":"BTC-USD","direction":1,"score_final":0.42,
             "confidence":0.8,"regime":"TREND","emitted_at":"2026-03-01T10:00:00Z"}""";

    /** The agent of {@link #VALID}, posting as itself. */
    private static final String AGENT = TestCredentials.bearer(TestCredentials.agent("arb-7"));

    private static EmbeddedServer server;
    private static JsonMapper json;

    @BeforeAll
    static void start() {
        server = ApplicationContext.run(EmbeddedServer.class, TestCredentials.in(new HashMap<>(Map.of(
                // nothing listens on port 1: Kafka and the registry are unreachable
                "kafka.bootstrap.servers", "127.0.0.1:1",
                "registry.url", "http://127.0.0.1:1",
                "micronaut.server.port", -1,
                "kafka.streams.default.application.id", "alpha-api-test-" + UUID.randomUUID(),
                "kafka.streams.default.start-kafka-streams", false,
                "reconciler.api.max-batch", 3,
                "reconciler.api.send-timeout", "PT2S"))));
        json = server.getApplicationContext().getBean(JsonMapper.class);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.getApplicationContext().close();
        }
    }

    @Test
    void invalidItemsAre400WithEveryErrorOfEveryInvalidItem() throws Exception {
        HttpResponse<String> response = post("[" + VALID + ","
                + VALID.replace("e-1", "e-2").replace("\"direction\":1", "\"direction\":\"long\"").replace("0.8", "1.5") + ","
                + "{\"agent\":\"arb-7\",\"direction\":NaN}]");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        Map<String, Object> body = map(response);
        assertThat(body).containsOnlyKeys("type", "title", "status", "detail", "invalid")
                .containsEntry("type", "about:blank").containsEntry("title", "Bad Request").containsEntry("status", 400)
                .containsEntry("detail", "invalid alpha events");
        List<Map<String, Object>> invalid = list(body.get("invalid"));
        assertThat(invalid).hasSize(2);

        assertThat(invalid.get(0)).containsOnlyKeys("index", "event_id", "errors")
                .containsEntry("index", 1).containsEntry("event_id", "e-2");
        assertThat(list(invalid.get(0).get("errors"))).containsExactly(
                Map.of("field", "direction", "reason", "wrong_type",
                        "message", "direction must be the number +1 (long) or -1 (short), was the string \"long\""),
                Map.of("field", "confidence", "reason", "confidence_out_of_range",
                        "message", "confidence must be in [0,1], was 1.5"));

        assertThat(invalid.get(1)).containsEntry("index", 2).containsEntry("event_id", null);
        assertThat(list(invalid.get(1).get("errors"))).extracting(e -> e.get("field") + ":" + e.get("reason")).containsExactly(
                "event_id:missing_event_id", "symbol:missing_symbol", "direction:not_finite", "score_final:missing_score_final",
                "confidence:missing_confidence", "regime:missing_regime", "emitted_at:missing_emitted_at");
    }

    @Test
    void aBodyThatIsNotABatchIs400WithAMessage() throws Exception {
        for (String body : List.of("not json", "", "[]", "42")) {
            HttpResponse<String> response = post(body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("content-type")).as(body)
                    .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
            assertThat(map(response)).as(body).containsOnlyKeys("type", "title", "status", "detail")
                    .containsEntry("status", 400).containsEntry("title", "Bad Request")
                    .hasEntrySatisfying("detail", e -> assertThat((String) e).startsWith("the request body "));
        }
    }

    @Test
    void moreEventsThanMaxBatchIs413() throws Exception {
        HttpResponse<String> response = post("[" + VALID + "," + VALID + "," + VALID + "," + VALID + "]");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(map(response)).isEqualTo(Map.of("type", "about:blank", "title", "Request Entity Too Large", "status", 413,
                "detail", "too many alpha events in one request: at most 3 are accepted per request; split the batch"));
    }

    @Test
    void aRegistryOutageIs503WithAMessageAndNoInternals() throws Exception {
        HttpResponse<String> response = post(VALID);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(map(response)).isEqualTo(Map.of("type", "about:blank", "title", "Service Unavailable", "status", 503,
                "detail", "the schema registry is unavailable; nothing was published, retry later"));
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("127.0.0.1");
    }

    @Test
    void onlyJsonIsAccepted() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri()).header("Authorization", AGENT)
                        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(VALID)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
    }

    @Test
    void badSettingsStopTheStartNamingTheKey() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("reconciler.api.max-batch", 0)).close())
                .hasStackTraceContaining("reconciler.api.max-batch must be >= 1, was 0");
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("reconciler.api.send-timeout", "PT0.5S")).close())
                .hasStackTraceContaining("reconciler.api.send-timeout must be between 1 s and 10 min, was PT0.5S");
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri()).header("Authorization", AGENT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri() {
        return URI.create("http://localhost:" + server.getPort() + "/alpha-events");
    }

    private static Map<String, Object> map(HttpResponse<String> response) throws Exception {
        return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
