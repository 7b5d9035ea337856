package com.metasupervisor.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo's operator calls: the token sent as a bearer credential, each answer read into the summary's outcome. */
class OperatorTrainingTest {

    private static final String TOKEN = "the.operator.token";
    private static final Map<String, String> ANSWERS = Map.of(
            "/models/1/train", "{\"horizon_hours\":1,\"status\":\"insufficient_rows\",\"version\":null,\"n\":12,\"required_rows\":250}",
            "/models/4/train", "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"the window of h4 is elsewhere\"}",
            "/models/24/train", "{\"horizon_hours\":24,\"status\":\"trained\",\"version\":\"v3\",\"n\":1200}");

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer reconciler;

    @BeforeEach
    void start() throws IOException {
        reconciler = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        reconciler.createContext("/models", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(exchange.getRequestMethod() + " " + authorization);
            String path = exchange.getRequestURI().getPath();
            boolean allowed = ("Bearer " + TOKEN).equals(authorization);
            int status = !allowed ? 401 : path.equals("/models/4/train") ? 503 : 200;
            byte[] body = (allowed ? ANSWERS.get(path) : "{\"status\":401,\"detail\":\"no valid bearer token\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        reconciler.start();
    }

    @AfterEach
    void stop() {
        reconciler.stop(0);
    }

    @Test
    void everyHorizonIsTrainedWithTheOperatorTokenAndEachAnswerSummarised() throws Exception {
        List<OperatorTraining.Outcome> outcomes = OperatorTraining.trainAll(url(), TOKEN);

        assertThat(authorizations).containsExactly("POST Bearer " + TOKEN, "POST Bearer " + TOKEN, "POST Bearer " + TOKEN);
        assertThat(outcomes).extracting(OperatorTraining.Outcome::text).containsExactly(
                "h1 insufficient_rows (12 rows)", "h4 HTTP 503: the window of h4 is elsewhere", "h24 trained v3 on 1200 rows");
        assertThat(outcomes).extracting(OperatorTraining.Outcome::trained).containsExactly(false, false, true);
    }

    @Test
    void aRefusedTokenIsSaidWithTheProblemsDetailAndNotTheToken() throws Exception {
        List<OperatorTraining.Outcome> outcomes = OperatorTraining.trainAll(url(), "a.wrong.token");

        assertThat(outcomes).extracting(OperatorTraining.Outcome::text)
                .allMatch(t -> t.endsWith("HTTP 401: no valid bearer token"))
                .noneMatch(t -> t.contains("a.wrong.token"));
    }

    @Test
    void noReconcilerIsSaidPerHorizon() throws Exception {
        URI url = url();
        reconciler.stop(0);
        assertThat(OperatorTraining.trainAll(url, TOKEN)).extracting(OperatorTraining.Outcome::text)
                .allMatch(t -> t.contains(" no answer: "));
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + reconciler.getAddress().getPort());
    }
}
