package com.metasupervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.platform.credentials.AccessTokens;
import com.metasupervisor.platform.credentials.InstallationCredentials;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./ms token}: the printed token verifies with the secret and carries its subject, role and lifetime. */
class TokenCommandTest {

    @TempDir
    Path dir;

    @Test
    void anAgentTokenRoundTrips() throws Exception {
        String secret = AccessTokens.newSecret();
        Path secretFile = Files.writeString(dir.resolve("token-secret"), secret + "\n");
        Instant before = Instant.now().minusSeconds(1);

        CommandRun run = CommandRun.of("token", "agent", "momentum_01", "--secret-file", secretFile.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out().lines()).as("only the token").hasSize(1);
        String token = run.out().strip();
        assertThat(InstallationCredentials.verifies(token, secret, AccessTokens.AGENT, Instant.now())).isTrue();
        assertThat(InstallationCredentials.verifies(token, AccessTokens.newSecret(), AccessTokens.AGENT, Instant.now())).isFalse();
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("momentum_01");
        assertThat(claims.getStringListClaim("roles")).containsExactly("AGENT");
        Duration lifetime = Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant());
        assertThat(lifetime).as("the default --ttl").isEqualTo(Duration.ofDays(90));
        assertThat(claims.getIssueTime().toInstant()).isAfter(before);
    }

    @Test
    void anOperatorTokenWithItsOwnLifetime() throws Exception {
        String secret = AccessTokens.newSecret();
        Path secretFile = Files.writeString(dir.resolve("token-secret"), secret);

        CommandRun run = CommandRun.of("token", "operator", "alice", "--ttl", "PT12H", "--secret-file", secretFile.toString());

        assertThat(run.exitCode()).isZero();
        JWTClaimsSet claims = SignedJWT.parse(run.out().strip()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringListClaim("roles")).containsExactly("OPERATOR");
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant())).isEqualTo(Duration.ofHours(12));
        assertThat(InstallationCredentials.verifies(run.out(), secret, AccessTokens.OPERATOR, Instant.now())).isTrue();
    }

    @Test
    void aBadNameOrLifetimeIsAUsageError() throws Exception {
        Path secretFile = Files.writeString(dir.resolve("token-secret"), AccessTokens.newSecret());

        CommandRun badName = CommandRun.of("token", "agent", "two words", "--secret-file", secretFile.toString());
        assertThat(badName.exitCode()).isEqualTo(2);
        assertThat(badName.out()).isEmpty();
        assertThat(badName.err()).contains("'two words'");

        CommandRun badTtl = CommandRun.of("token", "agent", "a1", "--ttl", "-P1D", "--secret-file", secretFile.toString());
        assertThat(badTtl.exitCode()).isEqualTo(2);
        assertThat(badTtl.err()).contains("lifetime must be positive");

        assertThat(CommandRun.of("token", "agent").exitCode()).as("no name").isEqualTo(2);
        assertThat(CommandRun.of("token").exitCode()).as("no subcommand").isEqualTo(2);
    }

    @Test
    void aMissingOrShortSecretExitsOneNamingWhereItLookedAndNotTheSecret() throws Exception {
        Path missing = dir.resolve("nowhere");
        CommandRun none = CommandRun.of("token", "agent", "a1", "--secret-file", missing.toString());
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).contains(missing.toString()).contains("--secret-file");

        Path shortSecret = Files.writeString(dir.resolve("short"), "xyzzy-too-short");
        CommandRun tooShort = CommandRun.of("token", "operator", "alice", "--secret-file", shortSecret.toString());
        assertThat(tooShort.exitCode()).isEqualTo(1);
        assertThat(tooShort.err()).contains(shortSecret.toString()).contains("15 bytes").doesNotContain("xyzzy");
    }

    @Test
    void theSecretComesFromTheOptionThenTheEnvironmentThenTheDataDirectory() throws Exception {
        String inFile = AccessTokens.newSecret();
        String inEnv = AccessTokens.newSecret();
        String inData = AccessTokens.newSecret();
        Path file = Files.writeString(dir.resolve("secret-file"), inFile);
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("credentials"));
        Files.writeString(data.resolve("credentials/token-secret"), inData + "\n");
        Map<String, String> all = Map.of("MS_TOKEN_SECRET_FILE", file.toString(), "MS_TOKEN_SECRET", inEnv, "MS_DATA_DIR", data.toString());

        assertThat(LocalCredentials.tokenSecret(file, Map.of("MS_TOKEN_SECRET", inEnv))).isEqualTo(inFile);
        assertThat(LocalCredentials.tokenSecret(null, all)).isEqualTo(inFile);
        assertThat(LocalCredentials.tokenSecret(null, Map.of("MS_TOKEN_SECRET", inEnv, "MS_DATA_DIR", data.toString()))).isEqualTo(inEnv);
        assertThat(LocalCredentials.tokenSecret(null, Map.of("MS_DATA_DIR", data.toString()))).isEqualTo(inData);
        assertThatThrownBy(() -> LocalCredentials.tokenSecret(null, Map.of("MS_DATA_DIR", dir.resolve("empty").toString())))
                .hasMessageContaining(dir.resolve("empty/credentials/token-secret").toString())
                .hasMessageContaining("MS_TOKEN_SECRET_FILE").hasMessageContaining("./ms run creates it");
        assertThatThrownBy(() -> LocalCredentials.tokenSecret(null, Map.of("MS_TOKEN_SECRET", "xyzzy")))
                .hasMessageContaining("env MS_TOKEN_SECRET").hasMessageContaining("5 bytes").hasMessageNotContaining("xyzzy");
    }

    @Test
    void aNewSecretIsPrintedAndUsable() {
        CommandRun first = CommandRun.of("token", "secret");
        CommandRun second = CommandRun.of("token", "secret");
        assertThat(first.exitCode()).isZero();
        assertThat(AccessTokens.whyUnusable(first.out().strip())).isNull();
        assertThat(first.out()).isNotEqualTo(second.out());
    }

    @Test
    void theHelpNamesTheSubcommandsAndWhereTheSecretComesFrom() {
        CommandRun help = CommandRun.of("token", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("agent", "operator", "secret", "MS_TOKEN_SECRET_FILE", "credentials/token-secret");
        assertThat(CommandRun.of("token", "agent", "--help").out()).contains("--ttl", "P90D", "--secret-file");
    }
}
