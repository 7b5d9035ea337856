package com.metasupervisor.streams.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the installation lists the tokens it revoked before they expire: {@value #FILE_KEY} (env {@value #FILE_ENV}),
 * a text file with one revoked token id ({@code jti}) a line; unset or blank = none is revoked. The file need not
 * exist yet ({@link RevokedTokens}): ops create it with the first revocation ({@code ./ms token revoke}).
 *
 * @param revokedTokensFile {@value #FILE_KEY}: path of the file, or blank
 */
@ConfigurationProperties(TokenSecretSettings.KEY)
public record RevokedTokensSettings(@Nullable String revokedTokensFile) {

    public static final String FILE_KEY = TokenSecretSettings.KEY + ".revoked-tokens-file";
    public static final String FILE_ENV = "MS_REVOKED_TOKENS_FILE";

    /** The file, absolute; empty when none is configured. */
    public Optional<Path> file() {
        return revokedTokensFile == null || revokedTokensFile.isBlank()
                ? Optional.empty()
                : Optional.of(Path.of(revokedTokensFile.strip()).toAbsolutePath().normalize());
    }
}
