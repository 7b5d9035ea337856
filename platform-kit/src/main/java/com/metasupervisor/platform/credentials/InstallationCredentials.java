package com.metasupervisor.platform.credentials;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The credentials of one installation, in a directory of their own ({@value #DIRECTORY}/ of {@code ./ms run}'s data
 * directory, mode 0700): {@value #SECRET_FILE} (0600), the token secret every service checks tokens with, created once
 * and never rewritten (a new secret invalidates every token issued with the old one), and {@value #OPERATOR_TOKEN_FILE}
 * (0600), the local operator's token ({@value #OPERATOR_SUBJECT}, role {@link AccessTokens#OPERATOR}, 30 days), issued
 * again at a start when it is missing, unreadable, not signed by the secret or expiring within 7 days, and
 * {@value #REVOKED_TOKENS_FILE} (0600), the ids ({@code jti}) of the tokens revoked before they expire, one a line
 * ({@code ./ms token revoke} appends; every service refuses a listed token within a second), created with a comment
 * header and never rewritten. They are written to a temporary file created 0600 and renamed, so no reader ever sees
 * half a file or a moment of wider permissions. Revoking every token at once is a new secret: with the installation
 * stopped, delete {@value #SECRET_FILE}; the next start creates another and issues the operator's token again.
 *
 * @param secretFile        the token secret's file (what services get as {@code MS_TOKEN_SECRET_FILE})
 * @param operatorTokenFile the local operator's token
 * @param revokedTokensFile the revoked token ids (what services get as {@code MS_REVOKED_TOKENS_FILE})
 * @param operatorIssued    why the operator token was issued at this start, or null when the one there was kept
 */
public record InstallationCredentials(Path secretFile, Path operatorTokenFile, Path revokedTokensFile, String operatorIssued) {

    /** The data directory's subdirectory that holds them. */
    public static final String DIRECTORY = "credentials";
    public static final String SECRET_FILE = "token-secret";
    public static final String OPERATOR_TOKEN_FILE = "operator.token";
    public static final String REVOKED_TOKENS_FILE = "revoked-tokens";
    /** The environment variable a service reads the revoked tokens file's path from. */
    public static final String REVOKED_TOKENS_FILE_ENV = "MS_REVOKED_TOKENS_FILE";
    /** The first lines of a new revoked tokens file. */
    public static final String REVOKED_TOKENS_HEADER = "# Revoked token ids (jti), one a line; '#' starts a comment. Every service refuses a"
            + " listed token\n# within a second. ./ms token revoke <token or file> appends; deleting a line lets that token in again.";
    /** The environment variable a service reads its token secret's file from (the contract of issue 16). */
    public static final String SECRET_FILE_ENV = "MS_TOKEN_SECRET_FILE";
    /** The environment variable holding the token secret itself (compose, Kubernetes secrets). */
    public static final String SECRET_ENV = "MS_TOKEN_SECRET";
    public static final String OPERATOR_SUBJECT = "local-operator";
    public static final Duration OPERATOR_TTL = Duration.ofDays(30);
    /** A token that expires sooner than this is issued again at a start: a run may last days. */
    public static final Duration RENEW_WITHIN = Duration.ofDays(7);

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    public InstallationCredentials {
        Objects.requireNonNull(secretFile, "secretFile");
        Objects.requireNonNull(operatorTokenFile, "operatorTokenFile");
        Objects.requireNonNull(revokedTokensFile, "revokedTokensFile");
    }

    /**
     * Makes sure {@code dir} holds a token secret, a valid local operator token at {@code now} and a revoked tokens file:
     * the secret is created if missing, the token issued again when it is not usable for at least {@link #RENEW_WITHIN},
     * the revoked tokens file created (its header only) if missing.
     *
     * @throws IllegalStateException when the secret file exists but cannot be read or is too short (it is never
     *                               replaced: that would invalidate every token issued with it), or a file cannot
     *                               be written; the message names the file, never its content
     */
    public static InstallationCredentials ensure(Path dir, Instant now) {
        Objects.requireNonNull(now, "now");
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(absolute)) {
                Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            }
            Files.setPosixFilePermissions(absolute, OWNER_DIR); // also tightens a directory made by hand
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the credentials directory " + absolute + ": " + e.getMessage(), e);
        }
        Path secretFile = absolute.resolve(SECRET_FILE);
        if (!Files.exists(secretFile)) {
            write(secretFile, AccessTokens.newSecret());
        }
        String secret;
        try {
            secret = readSecret(secretFile);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + " (it is never replaced by itself: every token issued with it would"
                    + " stop working; delete the file to have a new one made at this start, which revokes every token issued so far)", e);
        }
        restrict(secretFile);
        Path tokenFile = absolute.resolve(OPERATOR_TOKEN_FILE);
        String why = whyReissue(tokenFile, secret, now);
        if (why != null) {
            write(tokenFile, AccessTokens.issue(secret, OPERATOR_SUBJECT, AccessTokens.OPERATOR, now, OPERATOR_TTL));
        }
        restrict(tokenFile);
        Path revokedFile = absolute.resolve(REVOKED_TOKENS_FILE);
        if (!Files.exists(revokedFile)) {
            write(revokedFile, REVOKED_TOKENS_HEADER);
        }
        restrict(revokedFile);
        return new InstallationCredentials(secretFile, tokenFile, revokedFile, why);
    }

    /**
     * Lists {@code tokenId} in the revoked tokens {@code file}, with {@code note} as the line's comment (who and what it
     * was, never the token). A missing file is created 0600 with {@link #REVOKED_TOKENS_HEADER} (its directory must
     * exist); one line is appended, so a service reading it meanwhile sees the old list or the new one.
     *
     * @return false when the id was listed already (nothing written)
     * @throws IllegalStateException naming the file when it cannot be read or written
     */
    public static boolean revoke(Path file, String tokenId, String note) {
        if (tokenId == null || tokenId.isBlank() || tokenId.contains("#") || tokenId.strip().chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a token id is one word without '#', not '" + tokenId + "'");
        }
        String id = tokenId.strip();
        try {
            if (!Files.exists(file)) {
                write(file, REVOKED_TOKENS_HEADER);
            }
            if (revokedIds(Files.readString(file, StandardCharsets.UTF_8)).contains(id)) {
                return false;
            }
            String line = id + (note == null || note.isBlank() ? "" : " # " + note.replaceAll("\\R", " ")) + "\n";
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            return true;
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("cannot list the revoked token in " + file.toAbsolutePath() + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * The token ids in the text of a revoked tokens file: one a line, everything from {@code #} on a comment, blank
     * lines skipped (the rule streams-kit's {@code RevokedTokens} reads the file by).
     */
    public static Set<String> revokedIds(String text) {
        Set<String> ids = new HashSet<>();
        for (String line : text.split("\\R")) {
            int comment = line.indexOf('#');
            String id = (comment < 0 ? line : line.substring(0, comment)).strip();
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return Set.copyOf(ids);
    }

    /**
     * The token secret in {@code file}, surrounding whitespace (a trailing newline) trimmed.
     *
     * @throws IllegalStateException naming the file when it cannot be read or cannot sign tokens
     */
    public static String readSecret(Path file) {
        String secret;
        try {
            secret = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("cannot read the token secret file " + file.toAbsolutePath() + ": "
                    + e.getClass().getSimpleName(), e);
        }
        String unusable = AccessTokens.whyUnusable(secret);
        if (unusable != null) {
            throw new IllegalStateException("the token secret in " + file.toAbsolutePath() + " cannot sign tokens: " + unusable);
        }
        return secret;
    }

    /**
     * Whether {@code token} was signed with {@code secret} (HS256), its issuer is ours and it is valid at {@code at}
     * (not before its {@code nbf}, before its {@code exp}), and its {@code roles} hold {@code role}.
     */
    public static boolean verifies(String token, String secret, String role, Instant at) {
        try {
            SignedJWT jwt = SignedJWT.parse(token.strip());
            if (!jwt.verify(new MACVerifier(secret.getBytes(StandardCharsets.UTF_8)))) {
                return false;
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date notBefore = claims.getNotBeforeTime();
            Date expires = claims.getExpirationTime();
            List<String> roles = claims.getStringListClaim("roles");
            return AccessTokens.ISSUER.equals(claims.getIssuer())
                    && (notBefore == null || !notBefore.toInstant().isAfter(at))
                    && expires != null && expires.toInstant().isAfter(at)
                    && roles != null && roles.contains(role);
        } catch (ParseException | JOSEException e) {
            return false;
        }
    }

    /** The console's line: where the operator token is and how to use it (the path only, never the token). */
    public String consoleLine() {
        return "operator credential: " + operatorTokenFile + " (curl -H \"Authorization: Bearer $(cat " + operatorTokenFile
                + ")\" http://127.0.0.1:8081/...)";
    }

    /** Why the token in {@code file} must be issued again, or null when it is ours and good for a while. */
    private static String whyReissue(Path file, String secret, Instant now) {
        if (!Files.exists(file)) {
            return "there was none";
        }
        String token;
        try {
            token = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException | UncheckedIOException e) {
            return "the old one could not be read";
        }
        if (!verifies(token, secret, AccessTokens.OPERATOR, now) || !subjectIs(token, OPERATOR_SUBJECT)) {
            return "the old one was not a valid operator token of this installation's secret";
        }
        if (!verifies(token, secret, AccessTokens.OPERATOR, now.plus(RENEW_WITHIN))) {
            return "the old one expires within " + RENEW_WITHIN.toDays() + " days";
        }
        return null;
    }

    private static boolean subjectIs(String token, String subject) {
        try {
            return subject.equals(SignedJWT.parse(token).getJWTClaimsSet().getSubject());
        } catch (ParseException e) {
            return false;
        }
    }

    /** Written to a temporary file created 0600 and renamed over {@code file}: never half written, never readable by others. */
    private static void write(Path file, String content) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_FILE));
            Files.writeString(temp, content + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, OWNER_FILE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot make " + file + " readable by its owner only: " + e.getMessage(), e);
        }
    }
}
