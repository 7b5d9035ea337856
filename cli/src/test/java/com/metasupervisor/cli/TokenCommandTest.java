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

/**
 * {@code ./ms token}: the printed token verifies with the secret and carries its subject, role and lifetime; its id goes
 * to stderr; {@code revoke} lists a token's id once, never printing the token.
 */
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
        assertThat(run.out().lines()).as("only the token").hasSize(1);
        String token = run.out().strip();
        assertThat(run.err()).as("its id, for ops to keep").isEqualTo("token id " + SignedJWT.parse(token).getJWTClaimsSet().getJWTID() + "\n");
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
    void aTokenIsRevokedFromAFileOrItselfOnceAndNeverPrinted() throws Exception {
        Path secretFile = Files.writeString(dir.resolve("token-secret"), AccessTokens.newSecret());
        Path revoked = dir.resolve("revoked-tokens");
        CommandRun issued = CommandRun.of("token", "agent", "alpha-7", "--ttl", "P1D", "--secret-file", secretFile.toString());
        String token = issued.out().strip();
        Path tokenFile = Files.writeString(dir.resolve("alpha-7.token"), issued.out());
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        String line = "revoked token " + claims.getJWTID() + " of alpha-7 (AGENT, expires " + claims.getExpirationTime().toInstant() + ")";

        CommandRun fromFile = CommandRun.of("token", "revoke", tokenFile.toString(), "--revoked-file", revoked.toString());

        assertThat(fromFile.exitCode()).isZero();
        assertThat(fromFile.out()).isEqualTo(line + "\n");
        assertThat(fromFile.err()).contains(revoked.toString());
        assertThat(InstallationCredentials.revokedIds(Files.readString(revoked))).containsExactly(claims.getJWTID());
        assertThat(Files.readString(revoked)).startsWith("# Revoked token ids").contains(claims.getJWTID() + " # alpha-7 AGENT, expires ")
                .doesNotContain(token);

        CommandRun again = CommandRun.of("token", "revoke", token, "--revoked-file", revoked.toString());

        assertThat(again.exitCode()).as("idempotent").isZero();
        assertThat(again.out()).isEqualTo("token " + claims.getJWTID() + " of alpha-7 (AGENT, expires "
                + claims.getExpirationTime().toInstant() + ") was revoked already\n");
        assertThat(InstallationCredentials.revokedIds(Files.readString(revoked))).hasSize(1);
        assertThat(fromFile.out() + fromFile.err() + again.out() + again.err()).doesNotContain(token)
                .doesNotContain(token.substring(token.lastIndexOf('.') + 1));
    }

    @Test
    void whatIsNoJwtIsNotRevokedAndNotQuoted() throws Exception {
        Path revoked = dir.resolve("revoked-tokens");

        CommandRun garbage = CommandRun.of("token", "revoke", "xyzzy-not-a-token", "--revoked-file", revoked.toString());
        assertThat(garbage.exitCode()).isEqualTo(1);
        assertThat(garbage.out()).isEmpty();
        assertThat(garbage.err()).isEqualTo("token revoke: the argument is not a signed JWT nor a file\n");

        Path notAToken = Files.writeString(dir.resolve("notes.txt"), "xyzzy\n");
        CommandRun file = CommandRun.of("token", "revoke", notAToken.toString(), "--revoked-file", revoked.toString());
        assertThat(file.exitCode()).isEqualTo(1);
        assertThat(file.err()).contains(notAToken.toString()).contains("is not a signed JWT").doesNotContain("xyzzy\n");
        assertThat(revoked).as("nothing written").doesNotExist();

        assertThat(CommandRun.of("token", "revoke").exitCode()).as("no argument").isEqualTo(2);
    }

    @Test
    void theRevokedFileComesFromTheOptionThenTheEnvironmentThenTheDataDirectory() {
        Path option = dir.resolve("option");
        Path env = dir.resolve("env");
        Map<String, String> all = Map.of("MS_REVOKED_TOKENS_FILE", env.toString(), "MS_DATA_DIR", dir.resolve("data").toString());

        assertThat(LocalCredentials.revokedTokensFile(option, all)).isEqualTo(option);
        assertThat(LocalCredentials.revokedTokensFile(null, all)).isEqualTo(env);
        assertThat(LocalCredentials.revokedTokensFile(null, Map.of("MS_DATA_DIR", dir.resolve("data").toString())))
                .isEqualTo(dir.resolve("data/credentials/revoked-tokens"));
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
        assertThat(help.out()).contains("agent", "operator", "secret", "revoke", "MS_TOKEN_SECRET_FILE", "credentials/token-secret",
                "credentials/revoked-tokens");
        assertThat(CommandRun.of("token", "revoke", "--help").out()).contains("--revoked-file", "MS_REVOKED_TOKENS_FILE", "token-secret");
        assertThat(CommandRun.of("token", "agent", "--help").out()).contains("--ttl", "P90D", "--secret-file");
    }
}
