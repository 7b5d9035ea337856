package com.metasupervisor.streams.security;

/**
 * The roles a token carries (claim {@code roles}), as {@code @Secured} names them. The same words as
 * {@code com.metasupervisor.platform.credentials.AccessTokens}, which mints the tokens (a test pins them: the platform
 * kit is no run-time dependency of a service).
 */
public final class Roles {

    /** A trading agent: may post alpha events as itself (the token's {@code sub}). */
    public static final String AGENT = "AGENT";
    /** An operator: train, kill, disable, guardian, regime, {@code /loggers}. */
    public static final String OPERATOR = "OPERATOR";

    private Roles() {
    }
}
