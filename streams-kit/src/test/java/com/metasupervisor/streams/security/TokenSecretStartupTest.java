package com.metasupervisor.streams.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.platform.credentials.AccessTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.SystemPropertiesPropertySource;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service does not start without exactly one usable token secret; the message names the keys, their env variables
 * and the file's path, never the secret. The rule is AccessTokens' (which mints the tokens).
 */
class TokenSecretStartupTest {

    private static final String SHORT_SECRET = "short-secret-31-bytes-long-xxxx";

    @Test
    void neitherKeySetRefusesTheStartNamingBothKeysAndTheirEnv() {
        assertThat(refusal(Map.of())).isEqualTo("the token secret is not set: set meta-supervisor.security.token-secret-file"
                + " (env MS_TOKEN_SECRET_FILE) to the path of a file holding it, or meta-supervisor.security.token-secret"
                + " (env MS_TOKEN_SECRET) to the secret itself (at least 32 bytes; ./ms token secret makes one)");
    }

    @Test
    void bothKeysSetRefusesTheStart(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("token-secret"), TestSecret.VALUE);

        String message = refusal(Map.of(TokenSecretSettings.VALUE_KEY, TestSecret.VALUE, TokenSecretSettings.FILE_KEY, file.toString()));

        assertThat(message).isEqualTo("the token secret is set twice: set only one of meta-supervisor.security.token-secret-file"
                + " (env MS_TOKEN_SECRET_FILE) and meta-supervisor.security.token-secret (env MS_TOKEN_SECRET)");
    }

    @Test
    void aShortSecretRefusesTheStartWithoutShowingIt(@TempDir Path dir) throws IOException {
        assertThat(SHORT_SECRET.length()).isEqualTo(AccessTokens.MIN_SECRET_BYTES - 1);

        assertThat(refusal(Map.of(TokenSecretSettings.VALUE_KEY, SHORT_SECRET))).isEqualTo("meta-supervisor.security.token-secret"
                + " (env MS_TOKEN_SECRET) cannot sign tokens: it is 31 bytes long; HS256 needs at least 32")
                .doesNotContain(SHORT_SECRET);

        Path file = Files.writeString(dir.resolve("token-secret"), SHORT_SECRET + "\n");
        assertThat(refusal(Map.of(TokenSecretSettings.FILE_KEY, file.toString()))).isEqualTo(
                "meta-supervisor.security.token-secret-file (env MS_TOKEN_SECRET_FILE): the secret in " + file.toAbsolutePath()
                        + " cannot sign tokens: it is 31 bytes long; HS256 needs at least 32");
    }

    @Test
    void anUnreadableFileRefusesTheStartNamingKeyAndPath(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("no-such-file");
        assertThat(refusal(Map.of(TokenSecretSettings.FILE_KEY, missing.toString()))).isEqualTo(
                "meta-supervisor.security.token-secret-file (env MS_TOKEN_SECRET_FILE): cannot read " + missing.toAbsolutePath()
                        + " (NoSuchFileException)");
        assertThat(refusal(Map.of(TokenSecretSettings.FILE_KEY, dir.toString()))).startsWith(
                "meta-supervisor.security.token-secret-file (env MS_TOKEN_SECRET_FILE): cannot read " + dir.toAbsolutePath() + " (");
    }

    @Test
    void theRuleIsAccessTokensOwn() {
        assertThat(TokenSecretSettings.MIN_BYTES).isEqualTo(AccessTokens.MIN_SECRET_BYTES);
        assertThat(Roles.AGENT).isEqualTo(AccessTokens.AGENT);
        assertThat(Roles.OPERATOR).isEqualTo(AccessTokens.OPERATOR);
        for (String secret : new String[] {"", " ", SHORT_SECRET, SHORT_SECRET + "x", AccessTokens.newSecret(), "é".repeat(16)}) {
            assertThat(TokenSecretSettings.whyUnusable(secret)).as(secret).isEqualTo(AccessTokens.whyUnusable(secret));
        }
        assertThat(new TokenSecretSettings(null, TestSecret.VALUE).toString()).doesNotContain(TestSecret.VALUE);
    }

    @Test
    void systemPropertiesOverrideTheKitsDefaults() {
        // as -D options reach Micronaut (a service process started with them): a source of their own, below a test's
        // properties; the kit's defaults must lie below it, as below application.yml and the environment
        PropertySource systemProperties = PropertySource.of("system", Map.of(TokenSecretSettings.VALUE_KEY, TestSecret.VALUE,
                "endpoints.prometheus.sensitive", "true"), PropertySource.Origin.of("system"), SystemPropertiesPropertySource.POSITION);

        try (ApplicationContext context = ApplicationContext.builder().properties(Map.of("kafka.enabled", false))
                .propertySources(systemProperties).start()) {
            assertThat(context.getBean(TokenSecretSettings.class).tokenSecret()).isEqualTo(TestSecret.VALUE);
            assertThat(context.getProperty("endpoints.prometheus.sensitive", Boolean.class)).contains(true);
        }
    }

    @Test
    void theCommandLineNeedsNoSecret() {
        try (ApplicationContext cli = ApplicationContext.builder().environments(Environment.CLI)
                .properties(Map.of("kafka.enabled", false)).start()) {
            assertThat(cli.findBean(TokenSecretSettings.class)).isEmpty();
        }
    }

    /** The message of the ConfigurationException that stops a service's start with {@code secretKeys}. */
    private static String refusal(Map<String, Object> secretKeys) {
        Map<String, Object> config = new HashMap<>();
        config.put("kafka.enabled", false);
        config.put("micronaut.server.port", -1);
        // what the defaults hold when neither env variable is set
        config.put(TokenSecretSettings.VALUE_KEY, "");
        config.put(TokenSecretSettings.FILE_KEY, "");
        config.putAll(secretKeys);
        Throwable[] thrown = new Throwable[1];
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, config).close()).satisfies(e -> thrown[0] = e);
        for (Throwable cause = thrown[0]; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigurationException refused) {
                return refused.getMessage();
            }
        }
        throw new AssertionError("no ConfigurationException in " + thrown[0], thrown[0]);
    }
}
