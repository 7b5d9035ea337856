package com.metasupervisor.streams.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The installation's token secret, which signs every agent's and operator's token (HS256): from
 * {@value #FILE_KEY} (env {@value #FILE_ENV}, a file holding it; surrounding whitespace trimmed) or {@value #VALUE_KEY}
 * (env {@value #VALUE_ENV}, the secret itself), exactly one of them. A settings record like the others, so
 * {@link com.metasupervisor.streams.config.SettingsStartupCheck} refuses the start before anything runs when neither or
 * both are set, the file cannot be read or the secret is shorter than {@value #MIN_BYTES} bytes; the message names the
 * keys, their env variables and the file's path, never the secret. A command-line context (the cli's HTTP clients) is
 * no service and needs none.
 *
 * @param tokenSecretFile {@value #FILE_KEY}: path of the file holding the secret, or blank
 * @param tokenSecret     {@value #VALUE_KEY} as set; once constructed, the secret itself (read from the file when
 *                        that is where it is)
 */
@ConfigurationProperties(TokenSecretSettings.KEY)
@Requires(notEnv = Environment.CLI)
public record TokenSecretSettings(@Nullable String tokenSecretFile, @Nullable String tokenSecret) {

    public static final String KEY = "meta-supervisor.security";
    public static final String FILE_KEY = KEY + ".token-secret-file";
    public static final String FILE_ENV = "MS_TOKEN_SECRET_FILE";
    public static final String VALUE_KEY = KEY + ".token-secret";
    public static final String VALUE_ENV = "MS_TOKEN_SECRET";
    /** HS256 needs a key of at least 256 bits (AccessTokens.MIN_SECRET_BYTES, which mints the tokens). */
    public static final int MIN_BYTES = 32;

    private static final String FILE = FILE_KEY + " (env " + FILE_ENV + ")";
    private static final String VALUE = VALUE_KEY + " (env " + VALUE_ENV + ")";

    public TokenSecretSettings {
        boolean fromFile = tokenSecretFile != null && !tokenSecretFile.isBlank();
        boolean fromValue = tokenSecret != null && !tokenSecret.isBlank();
        if (!fromFile && !fromValue) {
            throw new IllegalArgumentException("the token secret is not set: set " + FILE + " to the path of a file holding it, or "
                    + VALUE + " to the secret itself (at least " + MIN_BYTES + " bytes; ./ms token secret makes one)");
        }
        if (fromFile && fromValue) {
            throw new IllegalArgumentException("the token secret is set twice: set only one of " + FILE + " and " + VALUE);
        }
        String source = VALUE;
        if (fromFile) {
            Path path = Path.of(tokenSecretFile.strip()).toAbsolutePath();
            source = FILE + ": the secret in " + path;
            try {
                tokenSecret = Files.readString(path, StandardCharsets.UTF_8).strip();
            } catch (IOException | RuntimeException e) {
                // the exception's own message may quote what it read: only its kind is told
                throw new IllegalArgumentException(FILE + ": cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        String unusable = whyUnusable(tokenSecret);
        if (unusable != null) {
            throw new IllegalArgumentException(source + " cannot sign tokens: " + unusable);
        }
    }

    /** Why {@code secret} cannot sign tokens, or null when it can (its content is never part of the answer). */
    static String whyUnusable(String secret) {
        if (secret == null || secret.isBlank()) {
            return "it is empty";
        }
        int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
        return bytes < MIN_BYTES ? "it is " + bytes + " bytes long; HS256 needs at least " + MIN_BYTES : null;
    }

    /** Never the secret: a record's own toString would print it wherever the settings are logged. */
    @Override
    public String toString() {
        return "TokenSecretSettings[tokenSecretFile=" + tokenSecretFile + ", tokenSecret=(hidden)]";
    }
}
