package com.metasupervisor.cli;

import com.metasupervisor.platform.credentials.AccessTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./ms token agent|operator <name> [--ttl ...]}, {@code ./ms token secret}: the credentials ops hand out (issue
 * 16). A token is an HS256 JWT signed with the installation's token secret ({@link AccessTokens}); every service
 * checks it with the same secret. Only the token (or the new secret) is printed, on stdout, so that
 * {@code ./ms token agent a1 > a1.token} is all it takes.
 */
@Command(name = "token",
        description = {"Issues a bearer token for an agent or an operator, or prints a new token secret.",
                "The secret: --secret-file, else env MS_TOKEN_SECRET_FILE (a file), else env MS_TOKEN_SECRET, else",
                "<MS_DATA_DIR or ./data>/credentials/token-secret (./ms run's).",
                "Exit status: 0 printed, 1 no usable secret, 2 usage (a bad name or lifetime)."},
        subcommands = {TokenCommand.AgentToken.class, TokenCommand.OperatorToken.class, TokenCommand.NewSecret.class})
final class TokenCommand implements Runnable {

    static final int ISSUED = 0;
    static final int NO_SECRET = 1;

    @Spec
    CommandSpec spec;

    /** No subcommand: its usage. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: agent, operator or secret");
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
}
