package com.metasupervisor.configrepo.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.metasupervisor.configrepo.ConfigRepositoryException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub's REST API v3 over Micronaut's HTTP client, with GitHub's rules for integrations: primary rate limit
 * ({@code x-ratelimit-remaining: 0}) waits until {@code x-ratelimit-reset}; secondary limit (403/429) waits
 * {@code retry-after}, else 60 s, doubling on each repeat, and gives up after {@link #MAX_LIMITED_ATTEMPTS};
 * mutating requests are sent at least {@link #MUTATION_SPACING} apart. The token goes only into the
 * {@code Authorization} header: no log line, no exception message and no exception cause carries it.
 *
 * <p>Why Micronaut's low-level client and not a declarative {@code @Client} interface: a declarative client is a
 * compile-time bean that only exists inside a running {@code ApplicationContext} (bean scanning, configuration,
 * lifecycle), which this library module would have to start and own for each repository, and its errors arrive
 * as exceptions that must be unwrapped anyway to read GitHub's status, headers and 422 bodies. The low-level client
 * is the same Micronaut/Netty stack, is created with {@link HttpClient#create}, and lets every answer (2xx or not)
 * be handled in one place, which the rate-limit and "already exists" rules need.
 */
final class GitHubApi implements AutoCloseable {

    static final Duration MUTATION_SPACING = Duration.ofSeconds(1);
    static final Duration SECONDARY_DEFAULT_WAIT = Duration.ofSeconds(60);
    static final int MAX_LIMITED_ATTEMPTS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(GitHubApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer of GitHub: its status and its parsed JSON body (null when it had none). */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** GitHub's "message" and, for 422, the messages of its "errors". */
        String message() {
            if (body == null) {
                return "";
            }
            StringBuilder text = new StringBuilder(body.path("message").asText(""));
            for (JsonNode error : body.path("errors")) {
                text.append("; ").append(error.isTextual() ? error.asText() : error.path("message").asText(error.toString()));
            }
            return text.toString();
        }

        boolean alreadyExists() {
            return status == 422 && message().toLowerCase(java.util.Locale.ROOT).contains("already exists");
        }
    }

    private final GitHubSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final HttpClient client;
    private final BlockingHttpClient blocking;
    private Instant lastMutation = Instant.MIN;
    private Instant primaryLimitedUntil = Instant.MIN;

    GitHubApi(GitHubSettings settings, Clock clock, Sleeper sleeper) {
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        URI base = settings.baseUrl();
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setReadTimeout(Duration.ofSeconds(60));
        configuration.setConnectTimeout(Duration.ofSeconds(20));
        try {
            // the client gets the origin only; the Enterprise path prefix (/api/v3) is put on every request path
            this.client = HttpClient.create(new URI(base.getScheme(), null, base.getHost(), base.getPort(), null, null, null).toURL(),
                    configuration);
        } catch (MalformedURLException | java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a usable GitHub API URL: " + base, e);
        }
        this.blocking = client.toBlocking();
    }

    Answer get(String path) {
        return send(HttpMethod.GET, path, null);
    }

    Answer post(String path, Object body) {
        return send(HttpMethod.POST, path, body);
    }

    /** "/repos/{owner}/{repo}" + {@code rest}. */
    String repoPath(String rest) {
        return "/repos/" + settings.owner() + "/" + settings.repository() + rest;
    }

    private Answer send(HttpMethod method, String path, Object body) {
        String what = method + " " + path;
        String json = null;
        if (body != null) {
            try {
                json = JSON.writeValueAsString(body);
            } catch (IOException e) {
                throw new ConfigRepositoryException("cannot write the JSON body of " + what + ": " + e.getMessage());
            }
        }
        int limited = 0;
        while (true) {
            waitBeforeSending(method != HttpMethod.GET);
            Exchange exchange = exchange(method, path, json, what);
            notePrimaryLimit(exchange);
            Duration wait = rateLimitWait(exchange, limited + 1);
            if (wait == null) {
                LOG.debug("GitHub {} -> {}", what, exchange.answer.status());
                return exchange.answer;
            }
            limited++;
            if (limited >= MAX_LIMITED_ATTEMPTS) {
                throw new ConfigRepositoryException("GitHub rate limit: " + what + " was refused " + limited
                        + " times (last status " + exchange.answer.status() + ": " + exchange.answer.message() + "); giving up");
            }
            if (!wait.isZero()) { // a primary limit is waited (and logged) before the next send
                LOG.warn("GitHub secondary rate limit on {} (status {}): waiting {} s before retry {} of {}", what,
                        exchange.answer.status(), wait.toSeconds(), limited, MAX_LIMITED_ATTEMPTS - 1);
                pause(wait, what);
            }
        }
    }

    private record Exchange(Answer answer, HttpResponse<?> response) {
    }

    private Exchange exchange(HttpMethod method, String path, String json, String what) {
        MutableHttpRequest<Object> request = HttpRequest.create(method, settings.pathPrefix() + path)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "meta-supervisor-config-repo")
                .header("Authorization", "Bearer " + settings.token());
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON_TYPE).body(json);
        }
        HttpResponse<?> response;
        String text;
        try {
            HttpResponse<String> ok = blocking.exchange(request, Argument.STRING, Argument.STRING);
            response = ok;
            text = ok.getBody(String.class).orElse(null);
        } catch (HttpClientResponseException e) {
            response = e.getResponse();
            text = e.getResponse().getBody(String.class).orElse(null);
        } catch (HttpClientException e) {
            // no cause attached: a client exception may describe the request it failed on
            throw new ConfigRepositoryException("GitHub " + what + " failed: " + e.getClass().getSimpleName() + ": "
                    + redact(e.getMessage()));
        }
        JsonNode parsed = null;
        if (text != null && !text.isBlank()) {
            try {
                parsed = JSON.readTree(text);
            } catch (IOException e) {
                throw new ConfigRepositoryException("GitHub " + what + " answered " + response.code() + " with a body that is not JSON");
            }
        }
        return new Exchange(new Answer(response.code(), parsed), response);
    }

    /** Remembers a reached primary limit so the next request waits for the reset, whatever this answer was. */
    private void notePrimaryLimit(Exchange exchange) {
        String remaining = exchange.response.getHeaders().get("x-ratelimit-remaining");
        String reset = exchange.response.getHeaders().get("x-ratelimit-reset");
        if ("0".equals(remaining) && reset != null) {
            try {
                primaryLimitedUntil = Instant.ofEpochSecond(Long.parseLong(reset.trim()));
            } catch (NumberFormatException e) {
                primaryLimitedUntil = clock.instant().plus(SECONDARY_DEFAULT_WAIT);
            }
        }
    }

    /** How long to wait before retrying a rate-limited answer; null when the answer is not rate limited. */
    private Duration rateLimitWait(Exchange exchange, int attempt) {
        int status = exchange.answer.status();
        if (status != 403 && status != 429) {
            return null;
        }
        String remaining = exchange.response.getHeaders().get("x-ratelimit-remaining");
        if ("0".equals(remaining)) {
            return Duration.ZERO; // primary: waitBeforeSending waits until x-ratelimit-reset
        }
        String retryAfter = exchange.response.getHeaders().get("retry-after");
        boolean secondary = status == 429 || retryAfter != null
                || exchange.answer.message().toLowerCase(java.util.Locale.ROOT).contains("rate limit");
        if (!secondary) {
            return null; // a plain 403 (no permission) is an answer, not a limit
        }
        Duration base = SECONDARY_DEFAULT_WAIT;
        if (retryAfter != null) {
            try {
                base = Duration.ofSeconds(Math.max(1, Long.parseLong(retryAfter.trim())));
            } catch (NumberFormatException e) {
                base = SECONDARY_DEFAULT_WAIT;
            }
        }
        return base.multipliedBy(1L << (attempt - 1));
    }

    private void waitBeforeSending(boolean mutating) {
        Instant now = clock.instant();
        if (now.isBefore(primaryLimitedUntil)) {
            Duration wait = Duration.between(now, primaryLimitedUntil).plusSeconds(1);
            LOG.warn("GitHub primary rate limit reached: waiting {} s for its reset", wait.toSeconds());
            pause(wait, "the rate-limit reset");
            now = clock.instant();
        }
        if (mutating) {
            if (lastMutation != Instant.MIN) {
                Duration since = Duration.between(lastMutation, now);
                if (since.compareTo(MUTATION_SPACING) < 0) {
                    pause(MUTATION_SPACING.minus(since), "request spacing");
                }
            }
            lastMutation = clock.instant();
        }
    }

    private void pause(Duration wait, String what) {
        if (wait.isZero() || wait.isNegative()) {
            return;
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigRepositoryException("interrupted while waiting for " + what);
        }
    }

    /** Removes the token from a text that may have been built from the request. */
    String redact(String text) {
        return text == null ? "" : text.replace(settings.token(), "***");
    }

    @Override
    public void close() {
        client.close();
    }
}
