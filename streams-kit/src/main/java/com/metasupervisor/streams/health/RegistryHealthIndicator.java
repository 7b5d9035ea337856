package com.metasupervisor.streams.health;

import com.metasupervisor.schemas.RegistrySettings;
import com.metasupervisor.streams.config.RegistryConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * {@code registry} in {@code /health} and {@code /health/readiness}: UP while the schema registry the service is
 * configured with ({@code registry.url}) answers {@code GET /apis/registry/v3/system/info} within {@link #TIMEOUT},
 * DOWN with the reason while it does not. A service rides a registry outage out (its serdes fail the task, which
 * resumes from its last commit), so this is readiness only: liveness stays UP. One probe serves every health request
 * of {@link #CACHED_FOR}, so a storm of probes does not hammer the registry.
 */
@Singleton
@Requires(property = RegistryConfiguration.KEY + ".url")
@Requires(classes = HealthIndicator.class)
public class RegistryHealthIndicator implements HealthIndicator {

    public static final String NAME = "registry";
    /** The HTTP client's id: its timeouts are {@code micronaut.http.services.schema-registry.*}. */
    public static final String CLIENT_ID = "schema-registry";
    public static final Duration TIMEOUT = Duration.ofSeconds(2);
    public static final Duration CACHED_FOR = Duration.ofSeconds(5);

    private final String systemInfo;
    private final HttpClient http;
    private final Clock clock;
    private Probe last; // guarded by this

    /** A probe started at {@code at}; its result, shared by every request until it is {@link #CACHED_FOR} old. */
    private record Probe(Instant at, CompletableFuture<HealthResult> result) {
    }

    public RegistryHealthIndicator(RegistrySettings registry, @Client(id = CLIENT_ID) HttpClient http, Clock clock) {
        this.systemInfo = registry.coreApi() + "/system/info";
        this.http = http;
        this.clock = clock;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.fromCompletableFuture(this::current);
    }

    private synchronized CompletableFuture<HealthResult> current() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(last.at().plus(CACHED_FOR))) {
            last = new Probe(now, probe());
        }
        return last.result();
    }

    /** One GET, bounded by {@link #TIMEOUT} whatever the client's own timeouts; never completes exceptionally. */
    private CompletableFuture<HealthResult> probe() {
        CompletableFuture<HttpResponse<String>> answer = new CompletableFuture<>();
        http.exchange(HttpRequest.GET(systemInfo), String.class).subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(1);
            }

            @Override
            public void onNext(HttpResponse<String> response) {
                answer.complete(response);
            }

            @Override
            public void onError(Throwable failure) {
                answer.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                answer.completeExceptionally(new IllegalStateException("the client completed without a response"));
            }
        });
        return answer.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, failure) -> failure == null
                        ? result(HealthStatus.UP, "answered " + response.code())
                        : result(HealthStatus.DOWN, reason(failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure)));
    }

    private HealthResult result(HealthStatus status, String detail) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("url", systemInfo);
        details.put(status == HealthStatus.UP ? "status" : "error", detail);
        return HealthResult.builder(NAME, status).details(details).build();
    }

    private static String reason(Throwable e) {
        if (e instanceof TimeoutException) {
            return "no answer within " + TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof HttpClientResponseException refused) {
            return "answered " + refused.getStatus().getCode() + " " + refused.getStatus().getReason();
        }
        return "unreachable: " + e.getMessage();
    }
}
