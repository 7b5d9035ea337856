package com.metasupervisor.cli;

import com.metasupervisor.platform.credentials.AccessTokens;
import com.metasupervisor.platform.credentials.InstallationCredentials;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./ms token agent|operator <name> [--ttl ...]}, {@code ./ms token secret}, {@code ./ms token revoke <token>}:
 * the credentials ops hand out (issue 16), and take back. A token is an HS256 JWT signed with the installation's token
 * secret ({@link AccessTokens}); every service checks it with the same secret. Only the token (or the new secret) is
 * printed on stdout, so that {@code ./ms token agent a1 > a1.token} is all it takes; its id ({@code jti}) goes to
 * stderr, for ops to keep: {@code revoke} lists it in the revoked tokens file, which every service reads.
 */
@Command(name = "token",
        description = {"Issues a bearer token for an agent or an operator, or prints a new token secret.",
                "The secret: --secret-file, else env MS_TOKEN_SECRET_FILE (a file), else env MS_TOKEN_SECRET, else",
                "<MS_DATA_DIR or ./data>/credentials/token-secret (./ms run's).",
                "The token goes to stdout, its id (jti) to stderr: 'token id <jti>'.",
                "revoke lists a token's id in <MS_DATA_DIR or ./data>/credentials/revoked-tokens (or --revoked-file,",
                "env MS_REVOKED_TOKENS_FILE): every service refuses it within a second.",
                "Exit status: 0 printed, 1 no usable secret, 2 usage (a bad name or lifetime)."},
        subcommands = {TokenCommand.AgentToken.class, TokenCommand.OperatorToken.class, TokenCommand.NewSecret.class,
                TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {

    static final int ISSUED = 0;
    static final int NO_SECRET = 1;

    @Spec
    CommandSpec spec;

    /** No subcommand: its usage. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: agent, operator, secret or revoke");
    }

    /** The options every issuing subcommand shares. */
    static final class SecretOption {
        @Option(names = "--secret-file", paramLabel = "<file>",
                description = "The token secret's file (default: env MS_TOKEN_SECRET_FILE / MS_TOKEN_SECRET, else ./ms run's).")
        Path secretFile;
    }

    /** Issues a token of {@code role}; the common part of agent and operator. */
    abstract static class Issue implements Callable<Integer> {

        @Parameters(paramLabel = "<name>", description = "Its subject: the agent's name as in its events, or the operator's.")
        String name;

        @Mixin
        SecretOption secret;

        @Spec
        CommandSpec spec;

        abstract String role();

        abstract Duration ttl();

        @Override
        public Integer call() {
            String key;
            try {
                key = LocalCredentials.tokenSecret(secret.secretFile, System.getenv());
            } catch (LocalCredentials.Unavailable e) {
                spec.commandLine().getErr().println("token: " + e.getMessage());
                return NO_SECRET;
            }
            String token;
            try {
                token = AccessTokens.issue(key, name, role(), Instant.now(), ttl());
            } catch (IllegalArgumentException e) { // a bad name or lifetime; the secret was checked above
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            spec.commandLine().getOut().println(token);
            try {
                spec.commandLine().getErr().println("token id " + SignedJWT.parse(token).getJWTClaimsSet().getJWTID());
            } catch (ParseException e) { // AccessTokens just made it
                throw new IllegalStateException("the token issued cannot be parsed", e);
            }
            return ISSUED;
        }
    }

    @Command(name = "agent", description = {"Issues an agent's token (role AGENT): it may post alpha events as <name> only.",
            "Exit status: 0 printed, 1 no usable secret, 2 usage."})
    static final class AgentToken extends Issue {
        @Option(names = "--ttl", paramLabel = "<ISO-8601 duration>", defaultValue = "P90D",
                description = "How long it is valid (default ${DEFAULT-VALUE}).")
        Duration ttl;

        @Override
        String role() {
            return AccessTokens.AGENT;
        }

        @Override
        Duration ttl() {
            return ttl;
        }
    }

    @Command(name = "operator", description = {"Issues an operator's token (role OPERATOR): training, kills, disables,"
            + " guardian, regime, log levels.", "Exit status: 0 printed, 1 no usable secret, 2 usage."})
    static final class OperatorToken extends Issue {
        @Option(names = "--ttl", paramLabel = "<ISO-8601 duration>", defaultValue = "P30D",
                description = "How long it is valid (default ${DEFAULT-VALUE}).")
        Duration ttl;

        @Override
        String role() {
            return AccessTokens.OPERATOR;
        }

        @Override
        Duration ttl() {
            return ttl;
        }
    }

    @Command(name = "secret", description = {"Prints a new token secret (64 characters) for an installation of its own:",
            "compose's or Kubernetes' MS_TOKEN_SECRET. Tokens issued with another secret are not accepted where it is used."})
    static final class NewSecret implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(AccessTokens.newSecret());
            return ISSUED;
        }
    }

    @Command(name = "revoke", description = {"Revokes one token before it expires: lists its id (jti) in the revoked tokens file,",
            "which every service reads again within a second of a change. Prints 'revoked token <jti> of <sub> (<role>,",
            "expires <exp>)', never the token. The token is read, not verified: any token of this installation can be revoked.",
            "Revoking every token at once: stop ./ms run, delete credentials/token-secret, start (a new secret; the operator",
            "token is issued again).",
            "Exit status: 0 revoked or revoked already, 1 not a JWT, no jti or the file cannot be written, 2 usage."})
    static final class Revoke implements Callable<Integer> {

        static final int NOT_REVOKED = 1;

        @Parameters(paramLabel = "<token-or-file>", description = "The token, or a file holding it (e.g. one ./ms token wrote).")
        String tokenOrFile;

        @Option(names = "--revoked-file", paramLabel = "<file>", description = {"The revoked tokens file (default: env"
                + " MS_REVOKED_TOKENS_FILE, else <MS_DATA_DIR or ./data>/credentials/revoked-tokens); created when missing."})
        Path revokedFile;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Path file = tokenFile(tokenOrFile);
            // the argument may be a token: only a file's path is ever named
            String source = file == null ? "the argument" : file.toAbsolutePath().normalize().toString();
            JWTClaimsSet claims;
            try {
                String token = file == null ? tokenOrFile.strip() : Files.readString(file, StandardCharsets.UTF_8).strip();
                claims = SignedJWT.parse(token).getJWTClaimsSet();
            } catch (IOException e) {
                return refused("cannot read " + source + " (" + e.getClass().getSimpleName() + ")");
            } catch (ParseException e) {
                return refused(source + " is not a signed JWT" + (file == null ? " nor a file" : ""));
            }
            String id = claims.getJWTID();
            if (id == null || id.isBlank()) {
                return refused("the token of " + claims.getSubject() + " in " + source + " has no id (jti): it cannot be revoked"
                        + " alone; a new token secret revokes every token");
            }
            String what = "token " + id + " of " + claims.getSubject() + " (" + role(claims) + ", expires " + expiry(claims) + ")";
            Path revoked = LocalCredentials.revokedTokensFile(revokedFile, System.getenv());
            boolean added;
            try {
                added = InstallationCredentials.revoke(revoked, id, claims.getSubject() + " " + role(claims) + ", expires "
                        + expiry(claims) + ", revoked " + Instant.now());
            } catch (IllegalArgumentException | IllegalStateException e) {
                return refused(e.getMessage());
            }
            spec.commandLine().getOut().println(added ? "revoked " + what : what + " was revoked already");
            spec.commandLine().getErr().println("listed in " + revoked);
            return ISSUED;
        }

        /** {@code argument} as an existing file, or null when it is none (then it is the token itself). */
        private static Path tokenFile(String argument) {
            try {
                Path path = Path.of(argument.strip());
                return Files.isRegularFile(path) ? path : null;
            } catch (InvalidPathException e) {
                return null;
            }
        }

        private static String role(JWTClaimsSet claims) {
            try {
                List<String> roles = claims.getStringListClaim("roles");
                return roles == null || roles.isEmpty() ? "no role" : String.join(", ", roles);
            } catch (ParseException e) {
                return "no role";
            }
        }

        private static String expiry(JWTClaimsSet claims) {
            Date expires = claims.getExpirationTime();
            return expires == null ? "never" : expires.toInstant().toString();
        }

        private int refused(String why) {
            spec.commandLine().getErr().println("token revoke: " + why);
            return NOT_REVOKED;
        }
    }
}
