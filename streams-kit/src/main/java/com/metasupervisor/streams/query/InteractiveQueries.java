package com.metasupervisor.streams.query;

import com.metasupervisor.streams.check.ArgChecker;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The service's stores as interactive queries see them: this instance's local stores, and which other
 * instances host a key ({@link #remoteActiveHostOf}) or a store's tasks ({@link #otherHosts}). Other
 * instances are known only when {@code kafka.streams.default.application.server} is set (each instance's
 * own host:port); without it every question is answered locally (right for one instance).
 * {@link QueryForwarding} asks the other instances.
 */
@Singleton
@Requires(beans = KafkaStreams.class)
public class InteractiveQueries implements StoreHosts {

    private final KafkaStreams streams;
    private final String self;

    public InteractiveQueries(KafkaStreams streams, @Value("${kafka.streams.default.application.server:}") String applicationServer) {
        this.streams = ArgChecker.notNull(streams, "streams");
        this.self = applicationServer == null ? "" : applicationServer.trim();
    }

    /** Whether other instances can be asked ({@code application.server} is set). */
    public boolean knowsOtherInstances() {
        return !self.isEmpty();
    }

    /** This instance's part of a key-value store with String keys. */
    public <V> ReadOnlyKeyValueStore<String, V> localStore(String name) {
        requireRunning();
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new QueryUnavailable("store " + name + " is not queryable now: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<HostInfo> remoteActiveHostOf(String store, String key) {
        if (!knowsOtherInstances()) {
            return Optional.empty();
        }
        requireRunning();
        KeyQueryMetadata meta = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (meta == null || meta.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new QueryUnavailable("no metadata for key " + key + " of store " + store + " yet (rebalancing)");
        }
        return isSelf(meta.activeHost()) ? Optional.empty() : Optional.of(meta.activeHost());
    }

    @Override
    public Set<HostInfo> otherHosts(String store) {
        if (!knowsOtherInstances()) {
            return Set.of();
        }
        requireRunning();
        return streams.streamsMetadataForStore(store).stream().map(StreamsMetadata::hostInfo)
                .filter(h -> !isSelf(h)).collect(Collectors.toSet());
    }

    private boolean isSelf(HostInfo host) {
        return host == null || host.equals(HostInfo.unavailable()) || (host.host() + ":" + host.port()).equals(self);
    }

    private void requireRunning() {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new QueryUnavailable("streams are " + state + ", not RUNNING");
        }
    }
}
