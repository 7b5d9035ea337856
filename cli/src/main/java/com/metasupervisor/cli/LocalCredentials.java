package com.metasupervisor.cli;

import com.metasupervisor.platform.DataDirectory;
import com.metasupervisor.platform.credentials.AccessTokens;
import com.metasupervisor.platform.credentials.InstallationCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the commands find an installation's credentials: the token secret ({@code ./ms token}), the revoked tokens file
 * ({@code ./ms token revoke}) and the operator's token ({@code ./ms train-model}). An option wins, then the environment, then {@code ./ms run}'s data directory
 * ({@code MS_DATA_DIR}, else {@code ./data}: {@code ./ms} runs in the repository). A source that is given but
 * unusable is an error naming it, never a fall-through to the next; no message holds a secret or a token.
 */
final class LocalCredentials {

    static final String OPERATOR_TOKEN_FILE_ENV = "MS_OPERATOR_TOKEN_FILE";

    private LocalCredentials() {
    }

    /**
     * The token secret: {@code secretFile} (an option; null when not given), else env
     * {@value InstallationCredentials#SECRET_FILE_ENV} (a file), else env {@value InstallationCredentials#SECRET_ENV}
     * (the value), else {@code <data dir>/credentials/token-secret}.
     *
     * @throws Unavailable naming where it looked and why it cannot be used
     */
    static String tokenSecret(Path secretFile, Map<String, String> env) throws Unavailable {
        if (secretFile != null) {
            return secretIn(secretFile, "--secret-file");
        }
        String fileFromEnv = env.get(InstallationCredentials.SECRET_FILE_ENV);
        if (fileFromEnv != null && !fileFromEnv.isBlank()) {
            return secretIn(Path.of(fileFromEnv.strip()), "env " + InstallationCredentials.SECRET_FILE_ENV);
        }
        String value = env.get(InstallationCredentials.SECRET_ENV);
        if (value != null && !value.isBlank()) {
            String unusable = AccessTokens.whyUnusable(value.strip());
            if (unusable != null) {
                throw new Unavailable("the token secret in env " + InstallationCredentials.SECRET_ENV + " cannot sign tokens: " + unusable);
            }
            return value.strip();
        }
        Path installation = credentialsDir(env).resolve(InstallationCredentials.SECRET_FILE);
        if (!Files.exists(installation)) {
            throw new Unavailable("no token secret: no --secret-file, env " + InstallationCredentials.SECRET_FILE_ENV + " and "
                    + InstallationCredentials.SECRET_ENV + " not set, and no " + installation
                    + " (./ms run creates it at its first start; set " + DataDirectory.ENV + " for another data directory)");
        }
        return secretIn(installation, "the installation");
    }

    /**
     * The file of the operator's token: {@code tokenFile} (an option; null when not given), else env
     * {@value #OPERATOR_TOKEN_FILE_ENV}, else {@code <data dir>/credentials/operator.token}.
     */
    static Path operatorTokenFile(Path tokenFile, Map<String, String> env) {
        return file(tokenFile, OPERATOR_TOKEN_FILE_ENV, InstallationCredentials.OPERATOR_TOKEN_FILE, env);
    }

    /**
     * The installation's revoked tokens file: {@code file} (an option; null when not given), else env
     * {@value InstallationCredentials#REVOKED_TOKENS_FILE_ENV}, else {@code <data dir>/credentials/revoked-tokens}.
     */
    static Path revokedTokensFile(Path file, Map<String, String> env) {
        return file(file, InstallationCredentials.REVOKED_TOKENS_FILE_ENV, InstallationCredentials.REVOKED_TOKENS_FILE, env);
    }

    /** {@code option} when given, else the file env {@code envKey} names, else {@code name} in the data directory's credentials. */
    private static Path file(Path option, String envKey, String name, Map<String, String> env) {
        if (option != null) {
            return option.toAbsolutePath().normalize();
        }
        String fromEnv = env.get(envKey);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv.strip()).toAbsolutePath().normalize();
        }
        return credentialsDir(env).resolve(name);
    }

    /**
     * The token in {@code file}, whitespace trimmed.
     *
     * @throws Unavailable naming the file when it is missing, unreadable or empty
     */
    static String token(Path file) throws Unavailable {
        String token;
        try {
            token = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new Unavailable("cannot read the operator token " + file + " (" + e.getClass().getSimpleName() + "): ./ms run"
                    + " writes one in its data directory's credentials/, ./ms token operator <name> issues one");
        }
        if (token.isEmpty()) {
            throw new Unavailable("the operator token file " + file + " is empty");
        }
        return token;
    }

    private static Path credentialsDir(Map<String, String> env) {
        String dataDir = env.get(DataDirectory.ENV);
        Path data = dataDir == null || dataDir.isBlank() ? Path.of("data") : Path.of(dataDir.strip());
        return data.toAbsolutePath().normalize().resolve(InstallationCredentials.DIRECTORY);
    }

    private static String secretIn(Path file, String source) throws Unavailable {
        try {
            return InstallationCredentials.readSecret(file);
        } catch (IllegalStateException e) {
            throw new Unavailable(e.getMessage() + " (from " + source + ")");
        }
    }

    /** A credential that cannot be had; the message says where the command looked. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }
}
