package com.metasupervisor.configrepo.github;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the {@code github} backend works and with which credential. A service builds it from its environment
 * ({@link #fromEnvironment}): {@code GITHUB_TOKEN} (the token), {@code GITHUB_REPOSITORY} ({@code owner/name}) and
 * {@code GITHUB_API_URL} (optional; {@code https://HOST/api/v3} on GitHub Enterprise Server).
 *
 * @param baseUrl    the REST API root, {@code https://api.github.com} or an Enterprise {@code https://HOST/api/v3}
 * @param owner      the repository's owner (user or organisation)
 * @param repository the repository's name
 * @param baseBranch the branch people merge into
 * @param token      a token allowed to write contents and pull requests; never shown by {@link #toString()}
 */
public record GitHubSettings(URI baseUrl, String owner, String repository, String baseBranch, String token) {

    public static final URI PUBLIC_API = URI.create("https://api.github.com");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    public GitHubSettings {
        baseUrl = baseUrl == null ? PUBLIC_API : baseUrl;
        if (!baseUrl.isAbsolute() || baseUrl.getHost() == null
                || !("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme()))
                || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null || baseUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException("baseUrl must be an http(s) URL without user, query or fragment, was " + baseUrl);
        }
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(repository, "repository");
        if (!NAME.matcher(owner).matches() || !NAME.matcher(repository).matches()) {
            throw new IllegalArgumentException("owner and repository must be GitHub names, were '" + owner + "/" + repository + "'");
        }
        Objects.requireNonNull(baseBranch, "baseBranch");
        if (baseBranch.isBlank()) {
            throw new IllegalArgumentException("baseBranch must not be blank");
        }
        Objects.requireNonNull(token, "token");
        // a token with whitespace or control characters would break (or inject into) the Authorization header
        if (token.isBlank() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("token must be non-blank printable ASCII without spaces");
        }
    }

    /** Reads {@code GITHUB_TOKEN}, {@code GITHUB_REPOSITORY} and the optional {@code GITHUB_API_URL} from {@code env}. */
    public static GitHubSettings fromEnvironment(Map<String, String> env, String baseBranch) {
        String token = env.get("GITHUB_TOKEN");
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("GITHUB_TOKEN is not set");
        }
        String repo = env.get("GITHUB_REPOSITORY");
        if (repo == null || repo.indexOf('/') < 0) {
            throw new IllegalArgumentException("GITHUB_REPOSITORY must be owner/name, was '" + repo + "'");
        }
        String api = env.get("GITHUB_API_URL");
        return new GitHubSettings(api == null || api.isBlank() ? PUBLIC_API : URI.create(api),
                repo.substring(0, repo.indexOf('/')), repo.substring(repo.indexOf('/') + 1), baseBranch, token);
    }

    /** The API root without a trailing slash, e.g. {@code /api/v3} on Enterprise, empty on api.github.com. */
    String pathPrefix() {
        String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @Override
    public String toString() {
        return "GitHubSettings[baseUrl=" + baseUrl + ", owner=" + owner + ", repository=" + repository
                + ", baseBranch=" + baseBranch + ", token=***]";
    }
}
