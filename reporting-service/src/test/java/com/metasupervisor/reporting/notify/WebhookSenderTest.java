package com.metasupervisor.reporting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.metasupervisor.reporting.config.WebhookSettings;
import com.metasupervisor.reporting.domain.report.AlertLine;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Webhook posts received by a local HTTP server: content, escaping, and what each answer means to the executor. */
class WebhookSenderTest {

    /** The secret part of a webhook URL, as Slack puts it in the path. */
    private static final String SECRET_PATH = "/services/T0SECRET/B0SECRET/xoxTokenValue42";
    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** The answer the server gives next: status, headers, body. */
    private volatile Answer answer = new Answer(200, Map.of(), "ok");

    record Received(String method, String path, String contentType, String body) {
    }

    record Answer(int status, Map<String, String> headers, String body) {
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), new String(body, StandardCharsets.UTF_8)));
            Answer now = answer;
            now.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] out = now.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(now.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(out);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + SECRET_PATH;
    }

    private WebhookSender sender(WebhookSettings settings) {
        return new WebhookSender(settings, InstantSource.fixed(NOW));
    }

    private static Notification alert(String subject) {
        return Notification.alert(new AlertLine(NOW, "al-1", subject, "OPENED", "HIGH", "live PnL 3σ below backtest"));
    }

    @Test
    void aNotificationIsPostedAsSlackJsonWithItsContentAsPlainText() throws Exception {
        try (WebhookSender sender = sender(WebhookSettings.of(url()))) {
            assertThat(sender.send(alert("alpha <!channel> & co"))).isTrue();
        }

        assertThat(received).hasSize(1);
        Received post = received.getFirst();
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.path()).isEqualTo(SECRET_PATH);
        assertThat(post.contentType()).startsWith("application/json");
        JsonNode body = JSON.readTree(post.body());
        assertThat(body.get("text").asText()).startsWith("Alert OPENED: alpha <\u200B!channel> & co")
                .contains("Message: live PnL 3σ below backtest");
        JsonNode header = body.get("blocks").get(0);
        assertThat(header.get("type").asText()).isEqualTo("header");
        assertThat(header.get("text").get("type").asText()).isEqualTo("plain_text");
        assertThat(header.get("text").get("text").asText()).isEqualTo("Alert OPENED: alpha <!channel> & co");
        assertThat(body.get("blocks").get(2).get("text").get("text").asText()).contains("Severity: HIGH", "Alert id: al-1");
    }

    @Test
    void kindsNotConfiguredAndAnAbsentUrlSendNothing() {
        WebhookSettings alertsOnly = new WebhookSettings(Optional.of(url()), List.of("ALERT"), Duration.ofSeconds(5));
        try (WebhookSender sender = sender(alertsOnly)) {
            Notification decision = new Notification(NotificationKind.DECISION, "d", List.of());
            assertThat(sender.send(decision)).isFalse();
            assertThat(sender.send(alert("a"))).isTrue();
        }
        try (WebhookSender sender = sender(WebhookSettings.defaults())) {
            assertThat(sender.sends(NotificationKind.ALERT)).isFalse();
            assertThat(sender.send(alert("b"))).isFalse();
        }
        assertThat(received).hasSize(1);
    }

    @Test
    void eachAnswerIsTheRightFailureAndNoneShowsTheSecret() throws IOException {
        ListAppender<ILoggingEvent> logs = captureLogs();
        List<String> texts = new ArrayList<>();
        try (WebhookSender sender = sender(WebhookSettings.of(url()))) {
            answer = new Answer(429, Map.of("Retry-After", "7"), "rate limited");
            Throwable limited = catchThrowable(() -> sender.send(alert("a")));
            assertThat(limited).isInstanceOf(RateLimitedDeliveryException.class);
            assertThat(((RateLimitedDeliveryException) limited).retryAfter()).isEqualTo(Duration.ofSeconds(7));
            texts.add(limited.getMessage());

            String in90s = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(90).atZone(ZoneOffset.UTC));
            answer = new Answer(429, Map.of("Retry-After", in90s), "");
            Throwable dated = catchThrowable(() -> sender.send(alert("a")));
            assertThat(((RateLimitedDeliveryException) dated).retryAfter()).isEqualTo(Duration.ofSeconds(90));

            answer = new Answer(429, Map.of(), "");
            Throwable unsaid = catchThrowable(() -> sender.send(alert("a")));
            assertThat(((RateLimitedDeliveryException) unsaid).retryAfter()).isEqualTo(WebhookSender.DEFAULT_RETRY_AFTER);

            // a receiver that echoes the URL in its error page: masked
            answer = new Answer(500, Map.of(), "upstream failed for " + url());
            Throwable serverError = catchThrowable(() -> sender.send(alert("a")));
            assertThat(serverError).isExactlyInstanceOf(RetryableDeliveryException.class).hasMessageContaining("500");
            texts.add(serverError.getMessage());

            answer = new Answer(404, Map.of(), "no_service " + SECRET_PATH);
            Throwable gone = catchThrowable(() -> sender.send(alert("a")));
            assertThat(gone).isInstanceOf(PermanentDeliveryException.class).hasMessageContaining("404").hasMessageContaining("no_service");
            texts.add(gone.getMessage());

            answer = new Answer(200, Map.of(), "ok");
            assertThat(sender.send(alert("a"))).isTrue();
            texts.add(sender.toString());
            // nothing listens there: an I/O failure, retryable
            try (WebhookSender refusing = sender(WebhookSettings.of("http://127.0.0.1:" + freePort() + SECRET_PATH))) {
                Throwable refused = catchThrowable(() -> refusing.send(alert("a")));
                assertThat(refused).isExactlyInstanceOf(RetryableDeliveryException.class);
                texts.add(refused.getMessage());
            }
        } finally {
            release(logs);
        }

        assertThat(logs.list).isNotEmpty();
        logs.list.forEach(event -> texts.add(event.getFormattedMessage()));
        assertThat(texts).allSatisfy(text -> assertThat(text).doesNotContain("T0SECRET", "B0SECRET", "xoxTokenValue42"));
        assertThat(texts.getFirst()).contains("http://127.0.0.1:" + server.getAddress().getPort() + "/***");
        assertThat(WebhookSettings.of(url()).toString()).doesNotContain("xoxTokenValue42").contains("/***");
    }

    @Test
    void retryAfterReadsSecondsOrADateAndFallsBackOnNonsense() {
        assertThat(WebhookSender.retryAfter(Optional.of("0"), NOW)).isEqualTo(Duration.ZERO);
        assertThat(WebhookSender.retryAfter(Optional.of(" 120 "), NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(WebhookSender.retryAfter(Optional.of("-5"), NOW)).isEqualTo(WebhookSender.DEFAULT_RETRY_AFTER);
        assertThat(WebhookSender.retryAfter(Optional.of("soon"), NOW)).isEqualTo(WebhookSender.DEFAULT_RETRY_AFTER);
        assertThat(WebhookSender.retryAfter(Optional.of("Mon, 30 Nov 2026 07:00:00 GMT"), NOW)).isEqualTo(Duration.ZERO);
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static ListAppender<ILoggingEvent> captureLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        captured.start();
        root.addAppender(captured);
        ((Logger) LoggerFactory.getLogger("com.metasupervisor")).setLevel(Level.DEBUG);
        return captured;
    }

    private static void release(ListAppender<ILoggingEvent> captured) {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(captured);
        ((Logger) LoggerFactory.getLogger("com.metasupervisor")).setLevel(null);
    }
}
