package com.metasupervisor.risk.api;

import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.risk.config.RiskSettings;
import com.metasupervisor.risk.domain.DivergenceMonitor;
import com.metasupervisor.risk.topology.RiskTopology;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries over the risk stores of this instance, and where their keys live: an agent's key has
 * one active host ({@link #activeHostOf}); strategy and alert keys are spread over every host ({@link #otherHosts}).
 * Hosts are known only when {@code kafka.streams.default.application.server} is set.
 */
@Singleton
public class RiskQueries {

    /** Streams are not RUNNING (starting, rebalancing, stopped) or a store is not queryable right now. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    private final KafkaStreams streams;
    private final RiskSettings settings;
    private final String self;

    RiskQueries(KafkaStreams streams, RiskSettings settings,
                @Value("${kafka.streams.default.application.server:}") String applicationServer) {
        this.streams = streams;
        this.settings = settings;
        this.self = applicationServer == null ? "" : applicationServer.trim();
    }

    public Optional<AgentStats> agentStats(String agent) {
        return Optional.ofNullable(this.<AgentStats>store(RiskTopology.AGENT_PUBLISHED_STORE).get(agent));
    }

    /** Every horizon's figures of a strategy on this instance, of one regime or (regime null) all of them. */
    public List<StrategyRegimeRisk> strategyRisk(String strategy, String regime) {
        List<StrategyRegimeRisk> out = new ArrayList<>();
        ReadOnlyKeyValueStore<String, StrategyRegimeRisk> store = store(RiskTopology.CVAR_PUBLISHED_STORE);
        String prefix = strategy + "|" + (regime == null ? "" : regime + "|");
        try (KeyValueIterator<String, StrategyRegimeRisk> it = store.prefixScan(prefix, Serdes.String().serializer())) {
            it.forEachRemaining(kv -> {
                StrategyRegimeRisk r = kv.value;
                if (r != null && r.getStrategyClass().equals(strategy) && (regime == null || r.getRegime().equals(regime))) {
                    out.add(r);
                }
            });
        }
        out.sort(Comparator.comparing(StrategyRegimeRisk::getRegime).thenComparing(StrategyRegimeRisk::getHorizonHours));
        return out;
    }

    /** The open divergence alerts of the agents on this instance. */
    public List<RiskViews.OpenAlertView> openAlerts() {
        List<RiskViews.OpenAlertView> out = new ArrayList<>();
        ReadOnlyKeyValueStore<String, byte[]> store = store(RiskTopology.AGENT_ALERTS_STORE);
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value == null) {
                    return;
                }
                DivergenceMonitor m = DivergenceMonitor.fromBytes(kv.value, settings.divergence());
                if (m.isOpen()) {
                    out.add(new RiskViews.OpenAlertView(com.metasupervisor.schemas.TopicKeys.alertId(kv.key, m.alertsOpened()), kv.key, "DIVERGENCE",
                            m.severity().map(Enum::name).orElse(null), m.openedAt().map(Object::toString).orElse(null)));
                }
            });
        }
        out.sort(Comparator.comparing(RiskViews.OpenAlertView::alertId));
        return out;
    }

    /** The host of the active task of an agent's key, when it is another instance. */
    public Optional<HostInfo> remoteActiveHostOf(String agent) {
        if (self.isEmpty()) {
            return Optional.empty();
        }
        requireRunning();
        KeyQueryMetadata meta = streams.queryMetadataForKey(RiskTopology.AGENT_PUBLISHED_STORE, agent, Serdes.String().serializer());
        if (meta == null || meta.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new Unavailable("no metadata for agent " + agent + " yet (rebalancing)");
        }
        return isSelf(meta.activeHost()) ? Optional.empty() : Optional.of(meta.activeHost());
    }

    /** The other instances that host a task of {@code store}. */
    public Set<HostInfo> otherHosts(String store) {
        if (self.isEmpty()) {
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
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw new Unavailable("risk streams are " + streams.state() + ", not RUNNING");
        }
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        requireRunning();
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new Unavailable("store " + name + " is not queryable now: " + e.getMessage());
        }
    }
}
