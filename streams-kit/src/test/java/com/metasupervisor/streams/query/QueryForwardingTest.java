package com.metasupervisor.streams.query;

import com.metasupervisor.streams.security.TestSecret;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of a service on Micronaut's HTTP server and client: a key's question relayed to the instance
 * holding it (status, content type and body as they are), a store's question gathered from both, a peer that
 * does not answer is a 503; and every error, the framework's own too, is application/problem+json.
 */
class QueryForwardingTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedServer a;
    private static EmbeddedServer b;

    @BeforeAll
    static void start() throws Exception {
        int portA = freePort();
        int portB = freePort();
        a = instance("A", portA, portB, "b-", List.of("a-2", "a-1"));
        b = instance("B", portB, portA, "a-", List.of("b-1"));
    }

    @AfterAll
    static void stop() {
        for (EmbeddedServer s : new EmbeddedServer[] {a, b}) {
            if (s != null && s.isRunning()) {
                s.getApplicationContext().close();
            }
        }
    }

    @Test
    void aKeyOfTheOtherInstanceIsRelayedAsItAnswers() throws Exception {
        HttpResponse<String> found = get(a, "/kit-test/figures/b-1");
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(JSON.readTree(found.body()).get("instance").asText()).isEqualTo("B");

        HttpResponse<String> missing = get(a, "/kit-test/figures/b-2");
        JsonNode problem = problem(missing, 404);
        assertThat(problem.get("detail").asText()).isEqualTo("no figure b-2 on B");

        assertThat(JSON.readTree(get(a, "/kit-test/figures/a-1").body()).get("instance").asText()).isEqualTo("A");
    }

    @Test
    void aStoreQuestionGathersEveryInstanceInOrderAndAForwardedOneStaysLocal() throws Exception {
        assertThat(keysOf(get(a, "/kit-test/figures"))).containsExactly("a-1", "a-2", "b-1");
        assertThat(keysOf(get(b, "/kit-test/figures"))).containsExactly("a-1", "a-2", "b-1");
        HttpResponse<String> forwarded = HTTP.send(HttpRequest.newBuilder(uri(b, "/kit-test/figures"))
                .header(QueryForwarding.FORWARDED, "1").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(keysOf(forwarded)).containsExactly("b-1");
    }

    @Test
    void theFrameworksOwnErrorsAreProblemsToo() throws Exception {
        assertThat(problem(get(a, "/no-such-route"), 404).get("title").asText()).isEqualTo("Not Found");
        problem(get(a, "/kit-test/numbers/abc"), 400);
        problem(HTTP.send(HttpRequest.newBuilder(uri(a, "/kit-test/figures")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()), 405);
        assertThat(problem(get(a, "/kit-test/unavailable"), 503).get("detail").asText())
                .isEqualTo("streams are REBALANCING, not RUNNING");
        HttpResponse<String> boom = get(a, "/kit-test/boom");
        problem(boom, 500);
        assertThat(boom.body()).doesNotContain("secret").doesNotContain("Exception");
    }

    @Test
    void aPeerThatDoesNotAnswerIsA503() throws Exception {
        int deadPort = freePort();
        try (ApplicationContext lonely = instance("C", freePort(), deadPort, "d-", List.of("c-1")).getApplicationContext()) {
            EmbeddedServer c = lonely.getBean(EmbeddedServer.class);
            assertThat(problem(get(c, "/kit-test/figures/d-1"), 503).get("detail").asText()).contains("did not answer");
            assertThat(problem(get(c, "/kit-test/figures"), 503).get("detail").asText()).contains("did not answer");
        }
    }

    private static EmbeddedServer instance(String name, int port, int peerPort, String peerPrefix, List<String> keys) {
        Map<String, Object> config = new HashMap<>();
        config.put(FigureQueries.ENABLED, true);
        config.put("kafka.enabled", false);
        config.put("registry.url", "http://localhost:1");
        config.put("micronaut.server.port", port);
        config.put("test.instance", name);
        config.put("test.peer-port", peerPort);
        config.put("test.peer-prefix", peerPrefix);
        config.put("test.keys", keys);
        return ApplicationContext.run(EmbeddedServer.class, TestSecret.in(config));
    }

    private static JsonNode problem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).isEqualTo("about:blank");
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem;
    }

    private static List<String> keysOf(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        JSON.readTree(response.body()).forEach(n -> keys.add(n.get("key").asText()));
        return keys;
    }

    private static HttpResponse<String> get(EmbeddedServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(server, path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(EmbeddedServer server, String path) {
        return URI.create("http://localhost:" + server.getPort() + path);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
