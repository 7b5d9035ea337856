package com.metasupervisor.streams.query;

import com.metasupervisor.streams.check.ArgChecker;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Interactive queries across the instances of one service, through Micronaut's HTTP client: a question
 * about a key goes to the instance whose active task holds it ({@link #byKey}); a question about a store
 * spread over every instance is asked of each and the answers merged ({@link #everyInstance}). The request
 * forwarded is the incoming one (same path and query) with {@value #FORWARDED}; an instance answers such a
 * request from its own stores, so nothing is forwarded twice. Timeouts: the HTTP client
 * {@value #CLIENT_ID} ({@code micronaut.http.services.interactive-queries.*}).
 * Call from a controller that runs on the blocking executor ({@code @ExecuteOn(TaskExecutors.BLOCKING)}).
 */
@Singleton
public class QueryForwarding {

    /** Set on a request forwarded by another instance: answer from the local stores only. */
    public static final String FORWARDED = "X-Query-Forwarded";
    public static final String CLIENT_ID = "interactive-queries";

    private final StoreHosts hosts;
    private final HttpClient http;

    public QueryForwarding(StoreHosts hosts, @Client(id = CLIENT_ID) HttpClient http) {
        this.hosts = ArgChecker.notNull(hosts, "hosts");
        this.http = ArgChecker.notNull(http, "http");
    }

    /** Whether {@code request} was forwarded by another instance. */
    public static boolean isForwarded(HttpRequest<?> request) {
        return request.getHeaders().contains(FORWARDED);
    }

    /**
     * The answer about {@code key} of {@code store}: {@code local} here when this instance hosts the key (or the
     * request was forwarded), else the answer of the instance that does, status, content type and body as they are.
     */
    public HttpResponse<?> byKey(HttpRequest<?> request, String store, String key, Supplier<HttpResponse<?>> local) {
        if (!isForwarded(request)) {
            var remote = hosts.remoteActiveHostOf(store, key);
            if (remote.isPresent()) {
                return relay(remote.get(), request);
            }
        }
        return local.get();
    }

    /**
     * {@code local} (this instance's answer) and, unless the request was forwarded, every other instance's answer
     * to the same request, in {@code order}. An instance answering 404 contributes nothing.
     */
    public <T> List<T> everyInstance(HttpRequest<?> request, String store, Class<T> type, List<T> local, Comparator<? super T> order) {
        List<T> all = new ArrayList<>(local);
        if (!isForwarded(request)) {
            for (HostInfo host : hosts.otherHosts(store)) {
                all.addAll(gather(host, request, type));
            }
        }
        all.sort(order);
        return all;
    }

    private HttpResponse<?> relay(HostInfo host, HttpRequest<?> request) {
        try {
            HttpResponse<String> r = http.toBlocking().exchange(forwarded(host, request), Argument.STRING, Argument.STRING);
            return copy(r, r.getBody().orElse(""));
        } catch (HttpClientResponseException e) {
            return copy(e.getResponse(), e.getResponse().getBody(String.class).orElse(""));
        } catch (HttpClientException e) {
            throw new QueryUnavailable("instance " + host + " did not answer: " + e.getMessage(), e);
        }
    }

    private <T> List<T> gather(HostInfo host, HttpRequest<?> request, Class<T> type) {
        try {
            return http.toBlocking().retrieve(forwarded(host, request), Argument.listOf(type), Argument.STRING);
        } catch (HttpClientResponseException e) {
            if (e.getStatus() == HttpStatus.NOT_FOUND) {
                return List.of();
            }
            throw new QueryUnavailable(host + " answered " + e.getStatus().getCode() + ": "
                    + e.getResponse().getBody(String.class).orElse(""), e);
        } catch (HttpClientException e) {
            throw new QueryUnavailable("instance " + host + " did not answer: " + e.getMessage(), e);
        }
    }

    private static MutableHttpRequest<Object> forwarded(HostInfo host, HttpRequest<?> request) {
        URI uri = request.getUri();
        String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return HttpRequest.GET("http://" + host.host() + ":" + host.port() + pathAndQuery)
                .header(FORWARDED, "1")
                .accept(MediaType.APPLICATION_JSON_TYPE);
    }

    private static HttpResponse<?> copy(HttpResponse<?> r, String body) {
        return HttpResponse.status(r.code(), r.reason())
                .contentType(r.getContentType().orElse(MediaType.APPLICATION_JSON_TYPE))
                .body(body);
    }
}
