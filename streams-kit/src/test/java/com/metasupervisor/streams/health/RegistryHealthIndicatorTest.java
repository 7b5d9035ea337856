package com.metasupervisor.streams.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.schemas.RegistrySettings;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.health.HealthStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.management.health.indicator.HealthResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The registry check against a stand-in registry: its answer, its reasons for DOWN, one probe per 5 s. */
class RegistryHealthIndicatorTest {

    private final AtomicInteger requests = new AtomicInteger();
    private final SteppingClock clock = new SteppingClock();
    private volatile int status = 200;
    private HttpServer registry;
    private HttpClient http;

    @BeforeEach
    void startRegistry() throws IOException {
        registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext("/apis/registry/v3/system/info", exchange -> {
            requests.incrementAndGet();
            byte[] body = "{\"name\":\"Apicurio Registry\",\"version\":\"3.3.3\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        registry.start();
        http = HttpClient.create(null);
    }

    @AfterEach
    void stop() {
        registry.stop(0);
        http.close();
    }

    @Test
    void upWhileTheRegistryAnswersAndOneProbeServesEveryRequestForFiveSeconds() {
        RegistryHealthIndicator indicator = indicatorFor("http://127.0.0.1:" + registry.getAddress().getPort());

        HealthResult first = result(indicator);
        assertThat(first.getStatus()).isEqualTo(HealthStatus.UP);
        assertThat(first.getName()).isEqualTo("registry");
        assertThat(details(first)).containsEntry("url",
                "http://127.0.0.1:" + registry.getAddress().getPort() + "/apis/registry/v3/system/info");

        for (int i = 0; i < 20; i++) {
            clock.step(Duration.ofMillis(200)); // 4 s of a probe storm
            assertThat(result(indicator).getStatus()).isEqualTo(HealthStatus.UP);
        }
        assertThat(requests).hasValue(1);

        status = 503;
        clock.step(Duration.ofSeconds(1)); // 5 s after the first probe: asked again
        HealthResult down = result(indicator);
        assertThat(requests).hasValue(2);
        assertThat(down.getStatus()).isEqualTo(HealthStatus.DOWN);
        assertThat(details(down)).containsEntry("error", "answered 503 Service Unavailable");
    }

    @Test
    void downWithTheReasonWhileNothingListens() throws IOException {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HealthResult down = result(indicatorFor("http://127.0.0.1:" + closedPort));
        assertThat(down.getStatus()).isEqualTo(HealthStatus.DOWN);
        assertThat((String) details(down).get("error")).startsWith("unreachable: ").containsIgnoringCase("connect");
    }

    @Test
    void downAfterTwoSecondsWhenTheRegistryAcceptsButDoesNotAnswer() throws IOException {
        try (var silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            long started = System.nanoTime();
            HealthResult down = result(indicatorFor("http://127.0.0.1:" + silent.getLocalPort()));
            long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertThat(down.getStatus()).isEqualTo(HealthStatus.DOWN);
            assertThat((String) details(down).get("error")).satisfiesAnyOf(
                    e -> assertThat(e).isEqualTo("no answer within 2 s"),
                    e -> assertThat(e).containsIgnoringCase("read timeout"));
            assertThat(tookMillis).isBetween(1_900L, 4_000L);
        }
    }

    private RegistryHealthIndicator indicatorFor(String url) {
        return new RegistryHealthIndicator(RegistrySettings.of(url), http, clock);
    }

    private static HealthResult result(RegistryHealthIndicator indicator) {
        return Mono.from(indicator.getResult()).block(Duration.ofSeconds(10));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(HealthResult result) {
        return (Map<String, Object>) result.getDetails();
    }

    /** A clock the test moves on. */
    private static final class SteppingClock extends Clock {
        private Instant now = Instant.parse("2026-11-30T12:00:00Z");

        void step(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
