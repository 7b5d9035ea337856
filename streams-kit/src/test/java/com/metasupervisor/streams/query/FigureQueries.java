package com.metasupervisor.streams.query;

import com.metasupervisor.streams.api.Problem;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;

/**
 * A test service of two instances over a "store" of keys, for {@link QueryForwardingTest}: keys starting with
 * the peer's prefix live on the peer. Test-only, enabled by {@value #ENABLED}.
 */
final class FigureQueries {

    static final String ENABLED = "test.query-forwarding.enabled";
    static final String STORE = "figures";

    private FigureQueries() {
    }

    @Serdeable
    record Figure(String key, String instance) {
    }

    /** Where keys live: the peer holds the keys with its prefix. */
    @Singleton
    @Requires(property = ENABLED)
    @Replaces(InteractiveQueries.class)
    static final class PeerHosts implements StoreHosts {
        private final String peerPrefix;
        private final HostInfo peer;

        PeerHosts(@Value("${test.peer-prefix}") String peerPrefix, @Value("${test.peer-port}") int peerPort) {
            this.peerPrefix = peerPrefix;
            this.peer = new HostInfo("localhost", peerPort);
        }

        @Override
        public Optional<HostInfo> remoteActiveHostOf(String store, String key) {
            return key.startsWith(peerPrefix) ? Optional.of(peer) : Optional.empty();
        }

        @Override
        public Set<HostInfo> otherHosts(String store) {
            return Set.of(peer);
        }
    }

    @Controller("/kit-test")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Requires(property = ENABLED)
    static final class FigureController {
        private final QueryForwarding forwarding;
        private final String instance;
        private final List<String> keys;

        FigureController(QueryForwarding forwarding, @Value("${test.instance}") String instance, @Value("${test.keys}") List<String> keys) {
            this.forwarding = forwarding;
            this.instance = instance;
            this.keys = keys;
        }

        @Get("/figures/{key}")
        HttpResponse<?> figure(@PathVariable String key, HttpRequest<?> request) {
            return forwarding.byKey(request, STORE, key, () -> keys.contains(key)
                    ? HttpResponse.ok(new Figure(key, instance))
                    : Problem.response(HttpStatus.NOT_FOUND, "no figure " + key + " on " + instance));
        }

        @Get("/figures")
        List<Figure> figures(HttpRequest<?> request) {
            return forwarding.everyInstance(request, STORE, Figure.class, keys.stream().map(k -> new Figure(k, instance)).toList(),
                    Comparator.comparing(Figure::key));
        }

        @Get("/numbers/{n}")
        int number(@PathVariable int n) {
            return n;
        }

        @Get("/unavailable")
        String unavailable() {
            throw new QueryUnavailable("streams are REBALANCING, not RUNNING");
        }

        @Get("/boom")
        String boom() {
            throw new IllegalStateException("secret internals");
        }
    }
}
