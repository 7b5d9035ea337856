package com.metasupervisor.reconciler.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.metasupervisor.avro.SimModel;
import com.metasupervisor.avro.SimModelStatus;
import com.metasupervisor.reconciler.domain.sim.InsufficientRows;
import com.metasupervisor.reconciler.domain.sim.Trained;
import com.metasupervisor.testkit.TestCredentials;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reconciler's REST contract (issue 8, acceptance 4): every error it answers, its own and the
 * framework's, is an RFC 9457 {@code application/problem+json} body whose {@code status} is the HTTP
 * status, and every JSON field of every body, success or error, is snake_case with timestamps as
 * ISO-8601 text. Without a broker: one instance whose Kafka and registry are unreachable, one whose
 * publisher sends through a mock producer.
 */
class ReconcilerRestContractTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final String VALID = """
            {"event_id":"%s","agent":"%s","symbol":"BTC-USD","direction":1,"score_final":0.42,
             "confidence":0.8,"regime":"TREND","emitted_at":"2026-03-01T10:00:00Z"}""";

    /** The agent every valid event names, posting as itself. */
    private static final String AGENT = "agent-c";

    /** Kafka and the registry unreachable, Kafka Streams not started. */
    private static EmbeddedServer unreachable;
    /** The publisher on a mock producer ({@link MockKafkaPublisherFactory}). */
    private static EmbeddedServer mockKafka;

    @BeforeAll
    static void start() {
        unreachable = ApplicationContext.run(EmbeddedServer.class, config(false));
        mockKafka = ApplicationContext.run(EmbeddedServer.class, config(true));
    }

    @AfterAll
    static void stop() {
        for (EmbeddedServer server : new EmbeddedServer[]{unreachable, mockKafka}) {
            if (server != null) {
                server.getApplicationContext().close();
            }
        }
    }

    @Test
    void everyErrorOfPostAlphaEventsIsAProblem() throws Exception {
        assertProblem(post(unreachable, "/alpha-events", "not json"), 400);
        assertProblem(post(unreachable, "/alpha-events", ""), 400);
        assertProblem(post(unreachable, "/alpha-events", "[]"), 400);
        assertProblem(post(unreachable, "/alpha-events", "42"), 400);
        assertProblem(post(unreachable, "/alpha-events", "[" + valid("c-1") + "," + valid("c-2") + "," + valid("c-3") + "]"), 413);
        assertProblem(post(unreachable, "/alpha-events", valid("c-4")), 503); // registry unreachable

        JsonNode invalid = assertProblem(post(unreachable, "/alpha-events",
                "[{\"eventId\":\"c-5\",\"agent\":\"agent-c\",\"direction\":NaN}]"), 400);
        assertThat(invalid.get("detail").asText()).isEqualTo("invalid alpha events");
        assertThat(invalid.get("invalid").get(0).get("errors")).isNotEmpty();

        assertProblem(send(unreachable, HttpRequest.newBuilder(uri(unreachable, "/alpha-events"))
                .header("Authorization", TestCredentials.bearer(TestCredentials.agent(AGENT)))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(valid("c-6")))), 415);
        assertProblem(send(unreachable, HttpRequest.newBuilder(uri(unreachable, "/alpha-events")).GET()), 405);
    }

    @Test
    void publishFailuresAreProblems() throws Exception {
        JsonNode refused = assertProblem(post(mockKafka, "/alpha-events", TestCredentials.agent(MockKafkaPublisherFactory.REFUSED_AGENT),
                VALID.formatted("c-refused", MockKafkaPublisherFactory.REFUSED_AGENT)), 500);
        assertThat(refused.get("detail").asText()).contains("could not be encoded").contains("nothing was published");

        MockProducer<?, ?> producer = mockKafka.getApplicationContext().getBean(MockProducer.class);
        producer.sendException = new NotLeaderOrFollowerException("gone");
        try {
            JsonNode kafkaDown = assertProblem(post(mockKafka, "/alpha-events", valid("c-kafka-down")), 503);
            assertThat(kafkaDown.get("detail").asText()).startsWith("Kafka refused the records (NotLeaderOrFollowerException)")
                    .endsWith("(event ids make a retry of the whole batch safe: the reconciler drops duplicates)");
        } finally {
            producer.sendException = null;
        }
    }

    @Test
    void everyErrorOfTheModelsApiIsAProblem() throws Exception {
        assertProblem(get(unreachable, "/models"), 503); // the streams are not running
        assertProblem(get(unreachable, "/models/1/rows"), 503);
        assertProblem(post(unreachable, "/models/1/train", ""), 503);
        assertProblem(get(unreachable, "/models/abc/rows"), 400);
        assertProblem(post(unreachable, "/models/h7/train", ""), 404);
        JsonNode unknown = assertProblem(get(unreachable, "/models/7/rows"), 404);
        assertThat(unknown.get("detail").asText()).startsWith("no sim model for horizon 7 h");
        assertProblem(get(unreachable, "/no-such-resource"), 404);
    }

    @Test
    void refusedCredentialsAreProblemsToo() throws Exception {
        assertProblem(post(unreachable, "/models/1/train", null, ""), 401);
        assertProblem(post(unreachable, "/models/1/train", TestCredentials.agent(AGENT), ""), 403);
        assertProblem(post(unreachable, "/alpha-events", null, valid("c-7")), 401);
        assertProblem(post(unreachable, "/alpha-events", "not-a-token", valid("c-7")), 401);
        assertProblem(post(unreachable, "/alpha-events", TestCredentials.operator("ops-1"), valid("c-7")), 403);
        JsonNode otherAgent = assertProblem(post(unreachable, "/alpha-events", TestCredentials.agent("agent-d"), valid("c-7")), 403);
        assertThat(otherAgent.get("other_agent_items")).extracting(JsonNode::asInt).containsExactly(0);
    }

    @Test
    void theAcceptedBodyIsSnakeCase() throws Exception {
        HttpResponse<String> response = post(mockKafka, "/alpha-events", "[" + valid("c-ok-1") + "," + valid("c-ok-2") + "]");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(fieldNames(body)).containsExactly("accepted", "event_ids");
        assertThat(body.get("event_ids")).extracting(JsonNode::asText).containsExactly("c-ok-1", "c-ok-2");
    }

    @Test
    void theModelViewsAreSnakeCaseWithIsoTimestamps() throws Exception {
        JsonMapper mapper = unreachable.getApplicationContext().getBean(JsonMapper.class);
        Instant at = Instant.parse("2026-03-01T10:00:00.250Z");
        Trained trained = new Trained(24, 31.5, -2.25, 0.75, 41.0, 44.5, 300, 5, at, "ridge_h24_v3");
        SimModel published = SimModel.newBuilder().setHorizonHours(24).setStatus(SimModelStatus.TRAINED).setVersion("ridge_h24_v3")
                .setCoefScoreFinal(31.5).setCoefConfidence(-2.25).setIntercept(0.75).setRmseBps(41.0).setHoldoutRmseBps(44.5)
                .setN(300).setLambda(5).setTrainedAt(at).build();

        JsonNode fromTraining = JSON.readTree(mapper.writeValueAsString(ModelController.ModelView.of(trained, 5)));
        JsonNode fromTopic = JSON.readTree(mapper.writeValueAsString(ModelController.ModelView.of(published)));
        JsonNode insufficient = JSON.readTree(mapper.writeValueAsString(
                ModelController.ModelView.of(new InsufficientRows(1, 100, 250, at), 5)));
        JsonNode window = JSON.readTree(mapper.writeValueAsString(new ModelController.WindowView(4, 120, 250, 12_000)));

        assertThat(fieldNames(fromTraining)).containsExactlyInAnyOrder("horizon_hours", "status", "version", "coef_score_final",
                "coef_confidence", "intercept", "rmse_bps", "holdout_rmse_bps", "n", "lambda", "trained_at");
        assertThat(fromTopic).isEqualTo(fromTraining);
        assertThat(fromTraining.get("holdout_rmse_bps").asDouble()).isEqualTo(44.5);
        assertThat(Instant.parse(fromTraining.get("trained_at").asText())).isEqualTo(at);
        assertThat(fieldNames(insufficient)).containsExactlyInAnyOrder("horizon_hours", "status", "n", "lambda", "trained_at",
                "required_rows");
        assertThat(insufficient.get("required_rows").asInt()).isEqualTo(250);
        assertThat(Instant.parse(insufficient.get("trained_at").asText())).isEqualTo(at);
        assertThat(fieldNames(window)).containsExactlyInAnyOrder("horizon_hours", "rows", "min_rows", "max_rows");
    }

    /** Asserts {@code response} is a problem of {@code status} with snake_case fields; returns its body. */
    private static JsonNode assertProblem(HttpResponse<String> response, int status) throws Exception {
        String what = response.request().method() + " " + response.uri().getPath() + " → " + response.body();
        assertThat(response.statusCode()).as(what).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).as(what)
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("type").asText()).as(what).isEqualTo("about:blank");
        assertThat(body.get("title").asText()).as(what).isEqualTo(HttpStatus.valueOf(status).getReason());
        assertThat(body.get("status").asInt()).as(what).isEqualTo(status);
        assertThat(body.get("detail").asText()).as(what).isNotBlank().doesNotContain("Exception:").doesNotContain("127.0.0.1");
        assertThat(fieldNames(body)).as(what).allMatch(name -> SNAKE_CASE.matcher(name).matches());
        return body;
    }

    /** Every field name in {@code node}, at any depth, in document order. */
    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node.isObject()) {
            node.properties().forEach(p -> {
                names.add(p.getKey());
                names.addAll(fieldNames(p.getValue()));
            });
        } else if (node.isArray()) {
            node.forEach(element -> names.addAll(fieldNames(element)));
        }
        return names;
    }

    private static String valid(String eventId) {
        return VALID.formatted(eventId, AGENT);
    }

    private static Map<String, Object> config(boolean mockKafka) {
        Map<String, Object> config = new HashMap<>(Map.of(
                // nothing listens on port 1
                "kafka.bootstrap.servers", "127.0.0.1:1",
                "registry.url", "http://127.0.0.1:1",
                "micronaut.server.port", -1,
                "kafka.streams.default.application.id", "rest-contract-test-" + UUID.randomUUID(),
                "kafka.streams.default.start-kafka-streams", false,
                "reconciler.api.max-batch", 2,
                "reconciler.api.send-timeout", "PT2S"));
        config.put(MockKafkaPublisherFactory.ENABLED, mockKafka);
        return TestCredentials.in(config);
    }

    private static HttpResponse<String> get(EmbeddedServer server, String path) throws Exception {
        return send(server, HttpRequest.newBuilder(uri(server, path)).GET());
    }

    /** {@code body} posted as the path's caller: agent {@value #AGENT} to /alpha-events, an operator elsewhere. */
    private static HttpResponse<String> post(EmbeddedServer server, String path, String body) throws Exception {
        String token = path.startsWith("/alpha-events") ? TestCredentials.agent(AGENT) : TestCredentials.operator("ops-1");
        return post(server, path, token, body);
    }

    /** {@code body} posted with {@code token} (none when null). */
    private static HttpResponse<String> post(EmbeddedServer server, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(server, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", TestCredentials.bearer(token));
        }
        return send(server, request);
    }

    private static HttpResponse<String> send(EmbeddedServer server, HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(EmbeddedServer server, String path) {
        return URI.create("http://localhost:" + server.getPort() + path);
    }
}
