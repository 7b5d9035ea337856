package com.metasupervisor.governance.api;

import static org.assertj.core.api.Assertions.assertThat;

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
import com.metasupervisor.testkit.IdleStreamsService;
import com.metasupervisor.testkit.RestProbe;
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
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The operator endpoint's guard and its body, on the service as it runs with no broker (Kafka and the registry at
 * {@code localhost:1}, where nothing answers): no token, a badly signed, expired or garbage token → 401; a token without
 * role OPERATOR → 403; a malformed body → 400 naming {@code reason}; a missing or short secret → 401 naming the
 * variable while the rest of the service runs. A well-formed request by an operator gets as far as publishing, which
 * fails here → 503 (the 202 with the record on control.ops is the real-broker IT's). No secret ever reaches the log.
 */
class OperatorEndpointTest {

    static final String SECRET = "operator-secret-for-tests-0123456789abcdef";
    private static final String SHORT_SECRET = "short-secret";
    private static final String KILL = "/ops/agents/a1/kill";
    private static final String DISABLE = "/ops/strategies/macro/disable";

    private IdleStreamsService service;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        for (ILoggingEvent event : log.list) {
            assertThat(event.getFormattedMessage()).as("a log line").doesNotContain(SECRET).doesNotContain(SHORT_SECRET);
            if (event.getThrowableProxy() != null) {
                assertThat(String.valueOf(event.getThrowableProxy().getMessage())).as("a logged exception")
                        .doesNotContain(SECRET).doesNotContain(SHORT_SECRET);
            }
        }
    }

    @Test
    void withoutAValidOperatorTokenEveryOpsRequestIsRefusedAndReadsNeedNone() throws Exception {
        String base = start(SECRET);

        for (String path : List.of(KILL, DISABLE)) {
            HttpResponse<String> none = post(base + path, null, "{\"reason\": \"drawdown\"}");
            assertThat(RestProbe.problem(none, 401).get("detail").asText())
                    .startsWith("operator endpoints need a valid bearer token (JWT signed with GOVERNANCE_OPERATOR_JWT_SECRET) with role OPERATOR");
            assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        }
        String otherKey = token("alice", List.of("OPERATOR"), Instant.now().plusSeconds(600), "another-secret-0123456789abcdef-xyz!");
        String expired = token("alice", List.of("OPERATOR"), Instant.now().minusSeconds(600), SECRET);
        for (String bad : List.of(otherKey, expired, "not-a-jwt", otherKey.substring(0, otherKey.lastIndexOf('.') + 1))) {
            RestProbe.problem(post(base + KILL, bad, "{\"reason\": \"drawdown\"}"), 401);
        }
        String viewer = token("bob", List.of("VIEWER"), Instant.now().plusSeconds(600), SECRET);
        for (String path : List.of(KILL, DISABLE)) {
            assertThat(RestProbe.problem(post(base + path, viewer, "{\"reason\": \"drawdown\"}"), 403).get("detail").asText())
                    .isEqualTo("operator bob lacks role OPERATOR, which operator endpoints need");
        }
        String nobody = token(null, List.of("OPERATOR"), Instant.now().plusSeconds(600), SECRET);
        RestProbe.problem(post(base + KILL, nobody, "{\"reason\": \"drawdown\"}"), 401); // Micronaut authenticates no token without sub
        // the read side needs no credential: a 503 (streams not running), not a 401
        RestProbe.problem(RestProbe.get(base + "/agents/a1/status"), 503);
    }

    @Test
    void anOperatorsMalformedBodyIs400NamingTheFieldAndAWellFormedOneGoesAsFarAsPublishing() throws Exception {
        String base = start(SECRET);
        String operator = token("alice", List.of("OPERATOR"), Instant.now().plusSeconds(600), SECRET);

        Map<String, String> malformed = Map.of(
                "", "reason is required: the body must be a JSON object {\"reason\": \"...\"}",
                "{\"reason\": ", "the body is not valid JSON; the body must be a JSON object {\"reason\": \"...\"}",
                "[\"drawdown\"]", "the body must be a JSON object {\"reason\": \"...\"}",
                "{}", "reason is required: the body must be a JSON object {\"reason\": \"...\"}",
                "{\"reason\": null}", "reason is required: the body must be a JSON object {\"reason\": \"...\"}",
                "{\"reason\": \"   \"}", "reason is required and must not be blank",
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

    @Test
    void withoutTheSecretTheServiceRunsAndEveryOpsRequestIs401NamingTheVariable() throws Exception {
        for (String secret : new String[] {null, "", SHORT_SECRET}) {
            String base = start(secret);
            String signedAnyway = token("alice", List.of("OPERATOR"), Instant.now().plusSeconds(600), SECRET);
            for (String bearer : new String[] {null, signedAnyway}) {
                for (String path : List.of(KILL, DISABLE)) {
                    String detail = RestProbe.problem(post(base + path, bearer, "{\"reason\": \"drawdown\"}"), 401).get("detail").asText();
                    assertThat(detail).as("secret %s", secret).startsWith("operator endpoints need GOVERNANCE_OPERATOR_JWT_SECRET");
                }
            }
            // health needs no credential (it may be DOWN here: nothing answers at the config repository or Kafka)
            assertThat(RestProbe.status(base + "/health")).isIn(200, 503);
            RestProbe.problem(RestProbe.get(base + "/strategies"), 503);
            service.close();
            service = null;
        }
    }

    private String start(String secret) {
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
        service = startService(withSecret(secret));
        return service.baseUrl();
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

    /** The configuration of the tests: Kafka and the registry where nothing answers, the operator secret as given (null: unset). */
    static Map<String, Object> withSecret(String secret) {
        Map<String, Object> config = new HashMap<>(Map.of("kafka.bootstrap.servers", "localhost:1"));
        // the manifest sync starts with the service: a repository of its own, never one in the working directory
        config.put("governance.config-repo.path", SYNC_REPOSITORIES.resolve("config-repo-" + java.util.UUID.randomUUID()).toString());
        if (secret != null) {
            config.put(OperatorSecret.PROPERTY, secret);
        }
        return config;
    }

    /** The service over its topology's streams, never started. */
    static IdleStreamsService startService(Map<String, Object> config) {
        return IdleStreamsService.start("governance-rest", (builder, deadLetters) -> GovernanceTopology.build(builder, TopologyDriver.SERDES,
                GovernanceSettings.defaults(), DecisionSettings.defaults(), PromotionGateSettings.defaults(), StrategyClassSettings.defaults(),
                RegimeSettings.defaults(), DryRunSettings.defaults(), Clock.systemUTC(), deadLetters), config);
    }

    /** A JWT as an identity provider would sign it with {@code secret}: subject {@code name} (null: none), claim {@code roles}. */
    static String token(String name, List<String> roles, Instant expires, String secret) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(name).claim("roles", roles).issueTime(Date.from(expires.minusSeconds(3600)))
                .expirationTime(Date.from(expires)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
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
