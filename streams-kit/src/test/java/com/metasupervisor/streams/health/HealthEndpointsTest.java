package com.metasupervisor.streams.health;

import com.metasupervisor.streams.security.TestSecret;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a service built on the kit answers on {@code /health}, {@code /health/readiness} and {@code /health/liveness}
 * while the broker or the registry is away: the first two DOWN (503) naming the check, liveness UP, so an
 * orchestrator stops routing to it and does not restart it. Liveness goes DOWN only when its Kafka Streams stopped.
 * The kit's test service, its streams not started, the broker at a closed port, the registry a stand-in.
 */
class HealthEndpointsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private volatile int registryStatus = 200;
    private HttpServer registry;
    private EmbeddedServer service;

    @BeforeEach
    void startRegistry() throws IOException {
        registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext("/apis/registry/v3/system/info", exchange -> {
            byte[] body = "{\"version\":\"3.3.3\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(registryStatus, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        registry.start();
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.getApplicationContext().close();
        }
        registry.stop(0);
    }

    @Test
    void allUpWhileTheRegistryAnswers() {
        start(false);
        assertThat(get("/health")).startsWith("200 ").containsPattern(check("registry", "UP"));
        assertThat(get("/health/readiness")).startsWith("200 ").containsPattern(check("registry", "UP"));
        assertThat(get("/health/liveness")).startsWith("200 ").containsPattern(check("streams-alive", "UP"))
                .doesNotContain("\"registry\"");
    }

    @Test
    void aRegistryOutageIsReadinessDownAndLivenessUp() {
        registryStatus = 503;
        start(false);
        assertThat(get("/health")).startsWith("503 ")
                .containsPattern(check("registry", "DOWN")).contains("answered 503 Service Unavailable");
        assertThat(get("/health/readiness")).startsWith("503 ").contains("answered 503 Service Unavailable");
        assertThat(get("/health/liveness")).startsWith("200 ").containsPattern(check("streams-alive", "UP"))
                .doesNotContain("\"registry\"");
    }

    @Test
    void aBrokerOutageIsReadinessDownAndLivenessUp() {
        start(true);
        assertThat(get("/health")).startsWith("503 ").containsPattern(check("kafka", "DOWN"));
        assertThat(get("/health/readiness")).startsWith("503 ").containsPattern(check("kafka", "DOWN"))
                .containsPattern(check("registry", "UP"));
        assertThat(get("/health/liveness")).startsWith("200 ").containsPattern(check("streams-alive", "UP"))
                .doesNotContain("\"kafka\"");
    }

    @Test
    void livenessGoesDownOnlyWhenTheStreamsStopped() {
        start(false);
        KafkaStreams streams = service.getApplicationContext().getBean(KafkaStreams.class);
        assertThat(get("/health/liveness")).startsWith("200 ").contains("\"CREATED\"");

        streams.close();

        assertThat(streams.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
        assertThat(get("/health/liveness")).startsWith("503 ")
                .containsPattern(check("streams-alive", "DOWN")).contains("\"NOT_RUNNING\"");
    }

    /** The test service; {@code brokerChecked}: the {@code kafka} check runs against the closed port (else it is off). */
    private void start(boolean brokerChecked) {
        Map<String, Object> config = new HashMap<>();
        config.put("test.price-gate.enabled", true);
        config.put("kafka.bootstrap.servers", "127.0.0.1:1");
        config.put("kafka.health-timeout", "1s");
        config.put("kafka.health.enabled", brokerChecked);
        // streams not started here: their own check (UP only while running) is not what these tests look at
        config.put("kafka.health.streams.enabled", false);
        config.put("kafka.streams.default.start-kafka-streams", false);
        config.put("kafka.streams.default.application.id", "health-test-" + UUID.randomUUID());
        config.put("registry.url", "http://127.0.0.1:" + registry.getAddress().getPort());
        config.put("micronaut.server.port", -1);
        service = ApplicationContext.run(EmbeddedServer.class, TestSecret.in(config));
    }

    /** A check's entry in a health body with {@code status} (the aggregator names every entry "application"). */
    private static String check(String name, String status) {
        return "\"" + name + "\":\\{\"name\":\"[^\"]*\",\"status\":\"" + status + "\"";
    }

    /** The status code, a space, then the body. */
    private String get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + service.getPort() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(path + ": " + e, e);
        }
    }
}
