package com.metasupervisor.governance.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.metasupervisor.governance.config.DecisionSettings;
import com.metasupervisor.governance.config.DryRunSettings;
import com.metasupervisor.governance.config.GovernanceSettings;
import com.metasupervisor.governance.config.PromotionGateSettings;
import com.metasupervisor.governance.config.RegimeSettings;
import com.metasupervisor.governance.config.StrategyClassSettings;
import com.metasupervisor.governance.topology.GovernanceTopology;
import com.metasupervisor.platform.credentials.AccessTokens;
import com.metasupervisor.streams.security.TokenSecretSettings;
import com.metasupervisor.testkit.IdleStreamsService;
import com.metasupervisor.testkit.RestProbe;
import com.metasupervisor.testkit.TestCredentials;
import com.metasupervisor.testkit.TopologyDriver;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The operator endpoint's guard and its body, on the service as it runs with no broker (Kafka and the registry at
 * {@code localhost:1}, where nothing answers): no token, a badly signed, expired or garbage token → 401; an agent's
 * token → 403 (here and on {@code /loggers}, which an operator may read); a malformed body → 400 naming
 * {@code reason}; no token secret → the service does not start. A well-formed request by an operator gets as far as
 * publishing, which fails here → 503 (the 202 with the record on control.ops is the real-broker IT's). No secret or
 * token ever reaches the log.
 */
class OperatorEndpointTest {

    private static final String KILL = "/ops/agents/a1/kill";
    private static final String DISABLE = "/ops/strategies/macro/disable";

    private IdleStreamsService service;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final List<String> tokens = new ArrayList<>();

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        List<String> secrets = new ArrayList<>(tokens);
        secrets.add(TestCredentials.SECRET);
        for (ILoggingEvent event : log.list) {
            for (String secret : secrets) {
                assertThat(event.getFormattedMessage()).as("a log line").doesNotContain(secret);
                if (event.getThrowableProxy() != null) {
                    assertThat(String.valueOf(event.getThrowableProxy().getMessage())).as("a logged exception").doesNotContain(secret);
                }
            }
        }
    }

    @Test
    void withoutAValidOperatorTokenEveryOpsRequestIsRefusedAndReadsNeedNone() throws Exception {
        String base = start();

        for (String path : List.of(KILL, DISABLE)) {
            HttpResponse<String> none = post(base + path, null, "{\"reason\": \"drawdown\"}");
            assertThat(RestProbe.problem(none, 401).get("detail").asText())
                    .isEqualTo("POST " + path + " needs a bearer token (Authorization: Bearer <token>) with role OPERATOR");
            assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        }
        String otherKey = remember(AccessTokens.issue(AccessTokens.newSecret(), "alice", AccessTokens.OPERATOR, Instant.now(), Duration.ofHours(1)));
        String expired = remember(AccessTokens.issue(TestCredentials.SECRET, "alice", AccessTokens.OPERATOR,
                Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1)));
        for (String bad : List.of(otherKey, expired, "not-a-jwt", otherKey.substring(0, otherKey.lastIndexOf('.') + 1))) {
            HttpResponse<String> refused = post(base + KILL, bad, "{\"reason\": \"drawdown\"}");
            assertThat(RestProbe.problem(refused, 401).get("detail").asText()).startsWith("the bearer token was refused");
            assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");
        }
        String agent = remember(TestCredentials.agent("bob"));
        for (String path : List.of(KILL, DISABLE)) {
            assertThat(RestProbe.problem(post(base + path, agent, "{\"reason\": \"drawdown\"}"), 403).get("detail").asText())
                    .isEqualTo("bob [AGENT] may not POST " + path + ": it needs role OPERATOR");
        }
        RestProbe.problem(post(base + KILL, remember(withoutSubject()), "{\"reason\": \"drawdown\"}"), 401); // Micronaut authenticates no token without sub
        // the read side needs no credential: a 503 (streams not running), not a 401
        RestProbe.problem(RestProbe.get(base + "/agents/a1/status"), 503);
    }

    @Test
    void anAgentMayNotReadOrChangeLogLevelsAnOperatorMay() throws Exception {
        String base = start();
        String agent = remember(TestCredentials.agent("bob"));
        String operator = remember(TestCredentials.operator("alice"));

        RestProbe.problem(get(base + "/loggers", null), 401);
        RestProbe.problem(get(base + "/loggers", agent), 403);
        HttpResponse<String> levels = get(base + "/loggers/com.metasupervisor", operator);
        assertThat(levels.statusCode()).as(levels.body()).isEqualTo(200);
        assertThat(levels.body()).contains("\"effectiveLevel\"");
        // health needs no credential (it may be DOWN here: nothing answers at the config repository or Kafka)
        assertThat(RestProbe.status(base + "/health")).isIn(200, 503);
        // the operator passes the guard: the request fails only at Kafka's door
        RestProbe.problem(post(base + KILL, operator, "{\"reason\": \"drawdown\"}"), 503);
    }

    @Test
    void withoutATokenSecretTheServiceDoesNotStart() {
        Map<String, Object> config = config();
        config.put(TokenSecretSettings.VALUE_KEY, "");

        assertThatThrownBy(() -> startService(config)).hasStackTraceContaining("the token secret is not set: set "
                + TokenSecretSettings.FILE_KEY + " (env " + TokenSecretSettings.FILE_ENV + ")");
    }

    @Test
    void anOperatorsMalformedBodyIs400NamingTheFieldAndAWellFormedOneGoesAsFarAsPublishing() throws Exception {
        String base = start();
        String operator = remember(TestCredentials.operator("alice"));

        Map<String, String> malformed = Map.of(
                "", "the body is empty: the body must be a JSON object {\"reason\": \"...\"}",
                "{\"reason\": ", "the body is not valid JSON; the body must be a JSON object {\"reason\": \"...\"}",
                "[\"drawdown\"]", "the body must be a JSON object {\"reason\": \"...\"}",
                "{}", "reason is required",
                "{\"reason\": null}", "reason is required",
                "{\"reason\": \"   \"}", "reason must not be blank",
                "{\"reason\": 42}", "reason must be a JSON string",
                "{\"reason\": \"" + "x".repeat(501) + "\"}", "reason must be at most 500 characters, was 501",
                "{\"reason\": \"drawdown\", \"requested_by\": \"carol\"}",
                "unknown member(s) requested_by: the body must be a JSON object {\"reason\": \"...\"} (the operator is the token's subject)");
        for (Map.Entry<String, String> body : malformed.entrySet()) {
            for (String path : List.of(KILL, DISABLE)) {
                assertThat(RestProbe.problem(post(base + path, operator, body.getKey()), 400).get("detail").asText())
                        .as("%s with %s", path, body.getKey()).isEqualTo(body.getValue());
            }
        }
        HttpResponse<String> text = RestProbe.send(HttpRequest.newBuilder(URI.create(base + KILL))
                .header("Authorization", "Bearer " + operator).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("drawdown")).build());
        RestProbe.problem(text, 415);
        assertThat(RestProbe.problem(post(base + "/ops/agents/a%01b/kill", operator, "{\"reason\": \"drawdown\"}"), 400)
                .get("detail").asText()).isEqualTo("agent must be a non-blank name without control characters");

        // 500 characters exactly is accepted: the request passes every check and fails only at Kafka's door
        for (String path : List.of(KILL, DISABLE)) {
            HttpResponse<String> response = post(base + path, operator, "{\"reason\": \"" + "x".repeat(500) + "\"}");
            JsonNode unavailable = RestProbe.problem(response, 503);
            assertThat(unavailable.get("detail").asText()).contains("was not published").contains("retry later");
            assertThat(response.headers().firstValue("Retry-After")).contains("5");
        }
    }

    private String start() {
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
        service = startService(config());
        return service.baseUrl();
    }

    /** {@code token}, remembered to be looked for in the log. */
    private String remember(String token) {
        tokens.add(token);
        return token;
    }

    /** Where the services of these tests keep their (created and seeded) config repositories. */
    private static final java.nio.file.Path SYNC_REPOSITORIES = createTempDirectory();

    private static java.nio.file.Path createTempDirectory() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("governance-rest-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The configuration of the tests: Kafka and the registry where nothing answers (the token secret is IdleStreamsService's). */
    static Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>(Map.of("kafka.bootstrap.servers", "localhost:1"));
        // the manifest sync starts with the service: a repository of its own, never one in the working directory
        config.put("governance.config-repo.path", SYNC_REPOSITORIES.resolve("config-repo-" + java.util.UUID.randomUUID()).toString());
        return config;
    }

    /** The service over its topology's streams, never started. */
    static IdleStreamsService startService(Map<String, Object> config) {
        return IdleStreamsService.start("governance-rest", (builder, deadLetters) -> GovernanceTopology.build(builder, TopologyDriver.SERDES,
                GovernanceSettings.defaults(), DecisionSettings.defaults(), PromotionGateSettings.defaults(), StrategyClassSettings.defaults(),
                RegimeSettings.defaults(), DryRunSettings.defaults(), Clock.systemUTC(), deadLetters), config);
    }

    /** An operator token signed with the test secret, every claim right but {@code sub}, which it lacks. */
    private static String withoutSubject() throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(AccessTokens.ISSUER).claim("roles", List.of(AccessTokens.OPERATOR))
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(TestCredentials.SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static HttpResponse<String> get(String url, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (bearer != null) {
            request.header("Authorization", TestCredentials.bearer(bearer));
        }
        return RestProbe.send(request.build());
    }

    private static HttpResponse<String> post(String url, String bearer, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return RestProbe.send(request.build());
    }
}
