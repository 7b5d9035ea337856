package com.metasupervisor.streams.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.metasupervisor.platform.credentials.AccessTokens;
import com.metasupervisor.platform.credentials.InstallationCredentials;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * One token revoked without touching the others: its {@code jti} in the revoked tokens file makes it a 401
 * {@code bad_credential} within the check interval, on a running service, while another token of the same subject
 * still works; removing the line lets it in again. A missing file revokes nothing; an unreadable one keeps its last
 * list.
 */
class RevokedTokensTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration WITHIN = RevokedTokens.CHECK_INTERVAL.plusSeconds(4);

    @TempDir
    Path dir;

    private EmbeddedServer service;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logged.start();
        ((Logger) LoggerFactory.getLogger(RevokedTokens.class)).addAppender(logged);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.getApplicationContext().close();
        }
        ((Logger) LoggerFactory.getLogger(RevokedTokens.class)).detachAppender(logged);
    }

    @Test
    void aRevokedTokenIsRefusedWithinTheIntervalAnotherOfTheSameSubjectIsNotAndRemovingTheLineRestoresIt() throws Exception {
        Path file = Files.writeString(dir.resolve("revoked-tokens"), "# revoked token ids\n");
        start(file);
        String leaked = operator("ops-1");
        String kept = operator("ops-1");
        assertThat(post(leaked)).isEqualTo(200);

        Files.writeString(file, jti(leaked) + " # ops-1, leaked\n", StandardOpenOption.APPEND);

        await().atMost(WITHIN).until(() -> post(leaked) == 401);
        assertThat(post(kept)).isEqualTo(200);
        assertThat(refused("bad_credential")).isGreaterThanOrEqualTo(1);
        assertThat(refused("no_credential")).isZero();

        Files.writeString(file, "# revoked token ids\n");

        await().atMost(WITHIN).until(() -> post(leaked) == 200);
        assertThat(logged.list).noneMatch(event -> event.getFormattedMessage().contains(leaked));
    }

    @Test
    void aMissingFileRevokesNothingWarnsOnceAndCountsOnceCreated() throws Exception {
        Path file = dir.resolve("not-yet");
        start(file);
        String token = agent("alpha-7");

        assertThat(post(token, "/kit-test/access/agent")).isEqualTo(200);
        assertThat(post(token, "/kit-test/access/agent")).isEqualTo(200);
        assertThat(warnings()).containsExactly("the revoked tokens file " + file + " does not exist: no token is revoked until it"
                + " does (./ms token revoke creates it)");

        Files.writeString(file, jti(token) + "\n");

        await().atMost(WITHIN).until(() -> post(token, "/kit-test/access/agent") == 401);
        assertThat(warnings()).hasSize(1);
    }

    @Test
    void withoutAFileConfiguredNoTokenIsRevokedAndATokenWithoutJtiIsAccepted() throws Exception {
        start(null);

        assertThat(post(operator("ops-1"))).isEqualTo(200);
        assertThat(post(withoutJti("ops-2"))).isEqualTo(200);
        assertThat(warnings()).isEmpty();
    }

    @Test
    void theFileIsLookedAtAtMostOncePerIntervalAndReadWhenItChanged() throws IOException {
        Path file = Files.writeString(dir.resolve("revoked-tokens"), "a\n");
        MovableClock clock = new MovableClock();
        RevokedTokens revoked = new RevokedTokens(new RevokedTokensSettings(file.toString()), clock);
        assertThat(revoked.isRevoked("a")).isTrue();

        Files.writeString(file, "b\n");
        clock.move(RevokedTokens.CHECK_INTERVAL.minusMillis(1));
        assertThat(revoked.isRevoked("a")).as("not looked at again yet").isTrue();
        assertThat(revoked.isRevoked("b")).isFalse();

        clock.move(Duration.ofMillis(1));
        assertThat(revoked.isRevoked("a")).isFalse();
        assertThat(revoked.isRevoked("b")).isTrue();
        assertThat(revoked.isRevoked(null)).isFalse();
    }

    @Test
    void anUnreadableFileKeepsTheLastListAndWarnsWithoutItsContent() throws IOException {
        Path file = Files.writeString(dir.resolve("revoked-tokens"), "jti-1\n");
        MovableClock clock = new MovableClock();
        RevokedTokens revoked = new RevokedTokens(new RevokedTokensSettings(file.toString()), clock);
        assertThat(revoked.isRevoked("jti-1")).isTrue();

        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, '\n'}); // not UTF-8: cannot be read
        clock.move(RevokedTokens.CHECK_INTERVAL);
        assertThat(revoked.isRevoked("jti-1")).isTrue();
        assertThat(revoked.isRevoked("jti-2")).isFalse();
        clock.move(RevokedTokens.CHECK_INTERVAL);
        assertThat(revoked.isRevoked("jti-1")).isTrue();
        assertThat(warnings()).as("once until it can be read again").containsExactly("cannot read the revoked tokens file " + file
                + " (MalformedInputException): the 1 token ids read before stay revoked");

        Files.writeString(file, "jti-3\n");
        clock.move(RevokedTokens.CHECK_INTERVAL);
        assertThat(revoked.isRevoked("jti-1")).isFalse();
        assertThat(revoked.isRevoked("jti-3")).isTrue();
    }

    @Test
    void commentsAndBlankLinesAreNoIdsAsForTheCliThatWritesTheFile() {
        String text = "# header\n\n  id-1  \nid-2 # ops-1 (OPERATOR)\r\n   # indented comment\n#id-3\n";

        assertThat(RevokedTokens.parse(text)).isEqualTo(Set.of("id-1", "id-2"));
        // the platform kit, which ./ms token revoke appends with, is no run-time dependency of a service: the rule is pinned here
        assertThat(RevokedTokens.parse(text)).isEqualTo(InstallationCredentials.revokedIds(text));
        String header = InstallationCredentials.REVOKED_TOKENS_HEADER + "\n";
        assertThat(RevokedTokens.parse(header)).isEmpty();
    }

    private void start(Path file) {
        Map<String, Object> config = new HashMap<>();
        config.put(SecuredTestController.ENABLED, true);
        config.put("kafka.enabled", false);
        config.put("registry.url", "http://127.0.0.1:1");
        config.put("micronaut.server.port", -1);
        config.put(RevokedTokensSettings.FILE_KEY, file == null ? "" : file.toString());
        TestSecret.in(config);
        service = ApplicationContext.run(EmbeddedServer.class, config);
    }

    private List<String> warnings() {
        return logged.list.stream().filter(event -> event.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private double refused(String reason) {
        return service.getApplicationContext().getBean(MeterRegistry.class)
                .get(AccessRefusals.METER).tag(AccessRefusals.TAG, reason).counter().count();
    }

    private static String agent(String name) {
        return AccessTokens.issue(TestSecret.VALUE, name, AccessTokens.AGENT, Instant.now(), HOUR);
    }

    private static String operator(String name) {
        return AccessTokens.issue(TestSecret.VALUE, name, AccessTokens.OPERATOR, Instant.now(), HOUR);
    }

    private static String jti(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
    }

    /** Signed with the right secret, every claim AccessTokens sets but {@code jti}. */
    private static String withoutJti(String subject) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(AccessTokens.ISSUER).subject(subject).claim("roles", List.of("OPERATOR"))
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(HOUR))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(TestSecret.VALUE.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private int post(String token) {
        return post(token, "/kit-test/access/operator");
    }

    private int post(String token, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + service.getPort() + path))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-30T12:00:00Z");

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
