package com.metasupervisor.configrepo.github;

/** The one token the stand-in GitHub accepts; tests look for it wherever it must not appear. */
final class StandInGitHubTokens {
    static final String TOKEN = "ghp_StandInSecretToken0123456789abcdef";

    private StandInGitHubTokens() {
    }
}
