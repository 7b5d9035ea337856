package com.metasupervisor.platform.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./ms run}'s credentials: created once, owner-only, kept across starts, the operator token issued again when due. */
class InstallationCredentialsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @TempDir
    Path data;

    @Test
    void aFirstStartCreatesTheSecretAndAnOperatorTokenReadableByTheOwnerOnly() throws Exception {
        Path dir = data.resolve(InstallationCredentials.DIRECTORY);
        InstallationCredentials credentials = InstallationCredentials.ensure(dir, NOW);

        assertThat(credentials.secretFile()).isEqualTo(dir.resolve("token-secret"));
        assertThat(credentials.operatorTokenFile()).isEqualTo(dir.resolve("operator.token"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials.secretFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials.operatorTokenFile()))).isEqualTo("rw-------");
        assertThat(credentials.revokedTokensFile()).isEqualTo(dir.resolve("revoked-tokens"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials.revokedTokensFile()))).isEqualTo("rw-------");
        assertThat(Files.readString(credentials.revokedTokensFile())).startsWith("# Revoked token ids (jti)");
        assertThat(InstallationCredentials.revokedIds(Files.readString(credentials.revokedTokensFile()))).as("a header only").isEmpty();
        assertThat(credentials.operatorIssued()).isEqualTo("there was none");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("token-secret", "operator.token", "revoked-tokens");
        }

        String secret = InstallationCredentials.readSecret(credentials.secretFile());
        assertThat(AccessTokens.whyUnusable(secret)).isNull();
        String token = Files.readString(credentials.operatorTokenFile()).strip();
        assertThat(InstallationCredentials.verifies(token, secret, AccessTokens.OPERATOR, NOW)).isTrue();
        assertThat(InstallationCredentials.verifies(token, secret, AccessTokens.AGENT, NOW)).as("not an agent's").isFalse();
        assertThat(InstallationCredentials.verifies(token, AccessTokens.newSecret(), AccessTokens.OPERATOR, NOW))
                .as("another secret's").isFalse();
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("local-operator");
        assertThat(claims.getStringListClaim("roles")).containsExactly("OPERATOR");
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(30)));
    }

    @Test
    void aLaterStartKeepsTheSecretAndAGoodTokenAndTightensLoosenedModes() throws Exception {
        Path dir = data.resolve("credentials");
        InstallationCredentials first = InstallationCredentials.ensure(dir, NOW);
        String secret = Files.readString(first.secretFile());
        String token = Files.readString(first.operatorTokenFile());
        Files.setPosixFilePermissions(first.secretFile(), PosixFilePermissions.fromString("rw-r--r--"));

        InstallationCredentials second = InstallationCredentials.ensure(dir, NOW.plus(Duration.ofDays(22)));

        assertThat(Files.readString(second.secretFile())).as("the secret, never rewritten").isEqualTo(secret);
        assertThat(Files.readString(second.operatorTokenFile())).as("a token good for 8 more days").isEqualTo(token);
        assertThat(second.operatorIssued()).isNull();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(second.secretFile()))).isEqualTo("rw-------");
    }

    @Test
    void aRevokedTokenIsAppendedOnceAndTheListIsKeptAcrossStarts() throws Exception {
        Path dir = data.resolve("credentials");
        InstallationCredentials first = InstallationCredentials.ensure(dir, NOW);
        Files.setPosixFilePermissions(first.revokedTokensFile(), PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(InstallationCredentials.revoke(first.revokedTokensFile(), "jti-1", "alpha-7 (AGENT)")).isTrue();
        assertThat(InstallationCredentials.revoke(first.revokedTokensFile(), "jti-1", "again")).as("listed already").isFalse();
        assertThat(InstallationCredentials.revoke(first.revokedTokensFile(), "jti-2", null)).isTrue();
        InstallationCredentials second = InstallationCredentials.ensure(dir, NOW);

        String text = Files.readString(second.revokedTokensFile());
        assertThat(text).endsWith("\njti-1 # alpha-7 (AGENT)\njti-2\n");
        assertThat(InstallationCredentials.revokedIds(text)).containsExactlyInAnyOrder("jti-1", "jti-2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(second.revokedTokensFile()))).isEqualTo("rw-------");
        assertThatThrownBy(() -> InstallationCredentials.revoke(second.revokedTokensFile(), "two words", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMissingRevokedTokensFileIsCreatedOwnerOnlyByTheFirstRevocation() throws Exception {
        Path file = data.resolve("revoked");

        assertThat(InstallationCredentials.revoke(file, "jti-1", "ops-2 (OPERATOR)")).isTrue();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).isEqualTo(InstallationCredentials.REVOKED_TOKENS_HEADER + "\njti-1 # ops-2 (OPERATOR)\n");
    }

    @Test
    void aDeletedSecretIsCreatedAnewAndTheOperatorTokenIssuedWithIt() throws Exception {
        Path dir = data.resolve("credentials");
        InstallationCredentials first = InstallationCredentials.ensure(dir, NOW);
        String oldSecret = InstallationCredentials.readSecret(first.secretFile());
        Files.delete(first.secretFile());

        InstallationCredentials second = InstallationCredentials.ensure(dir, NOW);

        String newSecret = InstallationCredentials.readSecret(second.secretFile());
        assertThat(newSecret).isNotEqualTo(oldSecret);
        assertThat(second.operatorIssued()).isEqualTo("the old one was not a valid operator token of this installation's secret");
        assertThat(InstallationCredentials.verifies(Files.readString(second.operatorTokenFile()), newSecret, AccessTokens.OPERATOR, NOW)).isTrue();
    }

    @Test
    void aTokenExpiringWithinSevenDaysIsIssuedAgainWithTheSameSecret() throws Exception {
        Path dir = data.resolve("credentials");
        InstallationCredentials first = InstallationCredentials.ensure(dir, NOW);
        String token = Files.readString(first.operatorTokenFile());
        Instant later = NOW.plus(Duration.ofDays(24));

        InstallationCredentials second = InstallationCredentials.ensure(dir, later);

        String renewed = Files.readString(second.operatorTokenFile()).strip();
        assertThat(renewed).isNotEqualTo(token.strip());
        assertThat(second.operatorIssued()).isEqualTo("the old one expires within 7 days");
        assertThat(InstallationCredentials.verifies(renewed, InstallationCredentials.readSecret(second.secretFile()),
                AccessTokens.OPERATOR, later.plus(Duration.ofDays(29)))).isTrue();
    }

    @Test
    void aForeignOrAgentOrGarbledTokenIsReplaced() throws Exception {
        Path dir = data.resolve("credentials");
        InstallationCredentials first = InstallationCredentials.ensure(dir, NOW);
        String secret = InstallationCredentials.readSecret(first.secretFile());

        Files.writeString(first.operatorTokenFile(),
                AccessTokens.issue(AccessTokens.newSecret(), "local-operator", AccessTokens.OPERATOR, NOW, Duration.ofDays(30)));
        assertThat(InstallationCredentials.ensure(dir, NOW).operatorIssued()).as("signed by another secret")
                .isEqualTo("the old one was not a valid operator token of this installation's secret");

        Files.writeString(first.operatorTokenFile(), AccessTokens.issue(secret, "local-operator", AccessTokens.AGENT, NOW, Duration.ofDays(30)));
        assertThat(InstallationCredentials.ensure(dir, NOW).operatorIssued()).as("an agent's").isNotNull();

        Files.writeString(first.operatorTokenFile(), "not a token");
        InstallationCredentials fixed = InstallationCredentials.ensure(dir, NOW);
        assertThat(fixed.operatorIssued()).isNotNull();
        assertThat(InstallationCredentials.verifies(Files.readString(fixed.operatorTokenFile()), secret, AccessTokens.OPERATOR, NOW)).isTrue();
    }

    @Test
    void aShortSecretIsRefusedNamingTheFileNotItsContent() throws Exception {
        Path dir = data.resolve("credentials");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("token-secret"), "short-secret-xyzzy\n");

        assertThatThrownBy(() -> InstallationCredentials.ensure(dir, NOW))
                .hasMessageContaining(dir.resolve("token-secret").toString())
                .hasMessageContaining("18 bytes")
                .hasMessageNotContaining("xyzzy");
        assertThat(Files.readString(dir.resolve("token-secret"))).as("never replaced").isEqualTo("short-secret-xyzzy\n");
    }

    @Test
    void theConsoleLineNamesTheFileAndNothingOfTheSecretOrToken() throws Exception {
        InstallationCredentials credentials = InstallationCredentials.ensure(data.resolve("credentials"), NOW);
        String line = credentials.consoleLine();
        String path = credentials.operatorTokenFile().toString();

        assertThat(line).isEqualTo("operator credential: " + path + " (curl -H \"Authorization: Bearer $(cat " + path
                + ")\" http://127.0.0.1:8081/...)");
        assertThat(credentials.operatorTokenFile()).isAbsolute();
        assertThat(line).doesNotContain(Files.readString(credentials.secretFile()).strip())
                .doesNotContain(Files.readString(credentials.operatorTokenFile()).strip());
        assertThat(credentials.toString()).doesNotContain(Files.readString(credentials.secretFile()).strip());
    }
}
