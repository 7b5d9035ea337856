package com.metasupervisor.streams.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.metasupervisor.platform.credentials.AccessTokens;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Who may call what on a service built on the kit (contract "Credentials (REST)"): the kit's test routes and the
 * management endpoints of an in-process server, with tokens minted by AccessTokens as {@code ./ms token} mints them.
 * Every refusal is a problem that never carries the token, counted under {@code ms.access.refused} by reason; and no
 * log line (Micronaut security's DEBUG included) carries a token either.
 */
class AccessControlTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration HOUR = Duration.ofHours(1);

    private EmbeddedServer service;
    private final List<String> sentTokens = new ArrayList<>();
    private final List<String> answers = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Level securityLevel;

    @BeforeEach
    void captureLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logged.start();
        root.addAppender(logged);
        Logger security = (Logger) LoggerFactory.getLogger("io.micronaut.security");
        securityLevel = security.getLevel();
        security.setLevel(Level.DEBUG);
    }

    @AfterEach
    void stopAndScan() {
        if (service != null) {
            service.getApplicationContext().close();
        }
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(logged);
        ((Logger) LoggerFactory.getLogger("io.micronaut.security")).setLevel(securityLevel);
        for (String token : sentTokens) {
            String signature = token.substring(token.lastIndexOf('.') + 1);
            assertThat(answers).as("answers").noneMatch(answer -> answer.contains(token) || (!signature.isEmpty() && answer.contains(signature)));
            assertThat(logged.list).as("log lines").noneMatch(event -> event.getFormattedMessage().contains(token)
                    || (!signature.isEmpty() && event.getFormattedMessage().contains(signature)));
        }
        assertThat(answers).noneMatch(answer -> answer.contains(TestSecret.VALUE));
        assertThat(logged.list).noneMatch(event -> event.getFormattedMessage().contains(TestSecret.VALUE));
    }

    @Test
    void withoutATokenAnOperatorRouteIs401BearerAndCounted() {
        start(Map.of());

        Answer answer = post("/kit-test/access/operator", null);

        assertThat(answer.status).isEqualTo(401);
        assertThat(answer.wwwAuthenticate).isEqualTo("Bearer");
        assertThat(answer.body).contains("\"status\":401").contains("POST /kit-test/access/operator needs a bearer token")
                .contains("with role OPERATOR");
        assertThat(answer.contentType).startsWith("application/problem+json");
        assertThat(refused("no_credential")).isEqualTo(1);
        assertThat(refused("bad_credential")).isZero();
    }

    @Test
    void aMalformedTokenIs401InvalidTokenAndCountedAsBadCredential() {
        start(Map.of());

        Answer answer = post("/kit-test/access/operator", "not-a-jwt");

        assertThat(answer.status).isEqualTo(401);
        assertThat(answer.wwwAuthenticate).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(answer.body).contains("the bearer token was refused");
        assertThat(refused("bad_credential")).isEqualTo(1);
        assertThat(refused("no_credential")).isZero();
    }

    @Test
    void aTokenSignedWithAnotherSecretExpiredOrFromAnotherIssuerIs401() throws Exception {
        start(Map.of());
        Instant now = Instant.now();
        String otherSecret = AccessTokens.newSecret();

        assertThat(post("/kit-test/access/operator", AccessTokens.issue(otherSecret, "mallory", AccessTokens.OPERATOR, now, HOUR)).status)
                .isEqualTo(401);
        assertThat(post("/kit-test/access/operator",
                AccessTokens.issue(TestSecret.VALUE, "ops-1", AccessTokens.OPERATOR, now.minus(Duration.ofHours(2)), HOUR)).status)
                .isEqualTo(401);
        assertThat(post("/kit-test/access/operator", foreignIssuer(now)).status).isEqualTo(401);

        assertThat(refused("bad_credential")).isEqualTo(3);
    }

    @Test
    void anAgentOnAnOperatorRouteIs403NamingRoleAndCaller() {
        start(Map.of());

        Answer answer = post("/kit-test/access/operator", agent("alpha-7"));

        assertThat(answer.status).isEqualTo(403);
        assertThat(answer.wwwAuthenticate).isNull();
        assertThat(answer.body).contains("alpha-7 [AGENT] may not POST /kit-test/access/operator: it needs role OPERATOR");
        assertThat(refused("wrong_role")).isEqualTo(1);
    }

    @Test
    void eachRoleIsLetIntoItsOwnRoutesOnly() {
        start(Map.of());

        Answer asOperator = post("/kit-test/access/operator", operator("ops-1"));
        Answer asAgent = post("/kit-test/access/agent", agent("alpha-7"));
        Answer operatorAsAgent = post("/kit-test/access/agent", operator("ops-1"));

        assertThat(asOperator.status).isEqualTo(200);
        assertThat(asOperator.body).isEqualTo("operator ops-1");
        assertThat(asAgent.status).isEqualTo(200);
        assertThat(asAgent.body).isEqualTo("agent alpha-7");
        assertThat(operatorAsAgent.status).isEqualTo(403);
        assertThat(operatorAsAgent.body).contains("it needs role AGENT");
    }

    @Test
    void anAnonymousRouteIsOpenARouteWithoutSecuredIsRefusedAnUnknownPathStays404() {
        start(Map.of());

        assertThat(get("/kit-test/access/open", null).status).isEqualTo(200);
        // a bad token on an open route is ignored, not refused
        assertThat(get("/kit-test/access/open", "not-a-jwt").status).isEqualTo(200);
        assertThat(get("/kit-test/access/unannotated", null).status).isEqualTo(401);
        assertThat(get("/kit-test/access/unannotated", agent("alpha-7")).status).isEqualTo(403);
        assertThat(get("/kit-test/no-such-path", null).status).isEqualTo(404);
    }

    @Test
    void healthAndPrometheusAreOpenAndLoggersIsForOperatorsOnly() {
        start(Map.of());

        assertThat(get("/health/liveness", null).status).isEqualTo(200);
        assertThat(get("/health", null).body).contains("\"status\"");
        assertThat(get("/health", null).status).isNotIn(401, 403);
        assertThat(get("/prometheus", null).status).isEqualTo(200);

        assertThat(get("/loggers", null).status).isEqualTo(401);
        assertThat(get("/loggers", agent("alpha-7")).status).isEqualTo(403);
        Answer levels = get("/loggers/com.metasupervisor", operator("ops-1"));
        assertThat(levels.status).isEqualTo(200);
        assertThat(levels.body).contains("\"effectiveLevel\":\"INFO\"");

        Answer change = send(HttpRequest.newBuilder(uri("/loggers/com.metasupervisor.kit-test"))
                .header("Authorization", "Bearer " + operator("ops-1")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"configuredLevel\":\"DEBUG\"}")));
        assertThat(change.status).isBetween(200, 204);
        assertThat(LoggerFactory.getLogger("com.metasupervisor.kit-test").isDebugEnabled()).isTrue();
        assertThat(send(HttpRequest.newBuilder(uri("/loggers/com.metasupervisor.kit-test"))
                .header("Authorization", "Bearer " + agent("alpha-7")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"configuredLevel\":\"TRACE\"}"))).status).isEqualTo(403);
        assertThat(LoggerFactory.getLogger("com.metasupervisor.kit-test").isTraceEnabled()).isFalse();
    }

    @Test
    void prometheusIsForOperatorsOnlyWhenMadeSensitive() {
        start(Map.of("endpoints.prometheus.sensitive", true));

        assertThat(get("/prometheus", null).status).isEqualTo(401);
        assertThat(get("/prometheus", agent("alpha-7")).status).isEqualTo(403);
        Answer metrics = get("/prometheus", operator("ops-1"));
        assertThat(metrics.status).isEqualTo(200);
        // the counter's series, one per reason, no other tag
        assertThat(metrics.body).contains("ms_access_refused_total{reason=\"no_credential\"} 1.0")
                .contains("ms_access_refused_total{reason=\"wrong_role\"} 1.0")
                .contains("ms_access_refused_total{reason=\"bad_credential\"} 0.0")
                .contains("ms_access_refused_total{reason=\"other_agent\"} 0.0");
        assertThat(get("/health/liveness", null).status).isEqualTo(200);
    }

    @Test
    void aSecretFileIsReadTrimmed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path file = dir.resolve("token-secret");
        java.nio.file.Files.writeString(file, TestSecret.VALUE + "\n");
        Map<String, Object> config = new HashMap<>();
        config.put(TokenSecretSettings.VALUE_KEY, "");
        config.put(TokenSecretSettings.FILE_KEY, file.toString());

        start(config);

        assertThat(post("/kit-test/access/operator", operator("ops-1")).status).isEqualTo(200);
    }

    private void start(Map<String, Object> more) {
        Map<String, Object> config = new HashMap<>();
        config.put(SecuredTestController.ENABLED, true);
        config.put("kafka.enabled", false);
        config.put("registry.url", "http://127.0.0.1:1");
        config.put("micronaut.server.port", -1);
        TestSecret.in(config);
        config.putAll(more);
        service = ApplicationContext.run(EmbeddedServer.class, config);
    }

    private double refused(String reason) {
        return service.getApplicationContext().getBean(MeterRegistry.class)
                .get(AccessRefusals.METER).tag(AccessRefusals.TAG, reason).counter().count();
    }

    private String agent(String name) {
        return AccessTokens.issue(TestSecret.VALUE, name, AccessTokens.AGENT, Instant.now(), HOUR);
    }

    private String operator(String name) {
        return AccessTokens.issue(TestSecret.VALUE, name, AccessTokens.OPERATOR, Instant.now(), HOUR);
    }

    /** Signed with the right secret, every claim right but {@code iss}. */
    private static String foreignIssuer(Instant now) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("someone-else").subject("ops-1").claim("roles", List.of("OPERATOR"))
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(HOUR))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(TestSecret.VALUE.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private Answer get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        return send(token == null ? request : request.header("Authorization", "Bearer " + token), token);
    }

    private Answer post(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
        return send(token == null ? request : request.header("Authorization", "Bearer " + token), token);
    }

    private Answer send(HttpRequest.Builder request) {
        request.build().headers().firstValue("Authorization").ifPresent(header -> sentTokens.add(header.substring("Bearer ".length())));
        return send(request, null);
    }

    private Answer send(HttpRequest.Builder request, String token) {
        if (token != null) {
            sentTokens.add(token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Answer answer = new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("WWW-Authenticate").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""));
            answers.add(answer.body + " " + response.headers().map());
            return answer;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + service.getPort() + path);
    }

    private record Answer(int status, String body, String wwwAuthenticate, String contentType) {
    }
}
