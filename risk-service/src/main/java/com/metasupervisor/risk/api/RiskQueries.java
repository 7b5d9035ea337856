package com.metasupervisor.risk.api;

import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.StrategyRegimeRisk;
import com.metasupervisor.risk.config.RiskSettings;
import com.metasupervisor.risk.domain.DivergenceMonitor;
import com.metasupervisor.risk.topology.RiskTopology;
import com.metasupervisor.schemas.TopicKeys;
import com.metasupervisor.streams.query.InteractiveQueries;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** What this instance's risk stores answer (streams-kit's {@code InteractiveQueries}; other instances are asked by the controller). */
@Singleton
public class RiskQueries {

    private final InteractiveQueries stores;
    private final RiskSettings settings;

    RiskQueries(InteractiveQueries stores, RiskSettings settings) {
        this.stores = stores;
        this.settings = settings;
    }

    public Optional<AgentStats> agentStats(String agent) {
        return Optional.ofNullable(stores.<AgentStats>localStore(RiskTopology.AGENT_PUBLISHED_STORE).get(agent));
    }

    /** Every horizon's figures of a strategy on this instance, of one regime or (regime null) all of them. */
    public List<StrategyRegimeRisk> strategyRisk(String strategy, String regime) {
        List<StrategyRegimeRisk> out = new ArrayList<>();
        ReadOnlyKeyValueStore<String, StrategyRegimeRisk> store = stores.localStore(RiskTopology.CVAR_PUBLISHED_STORE);
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
        ReadOnlyKeyValueStore<String, byte[]> store = stores.localStore(RiskTopology.AGENT_ALERTS_STORE);
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value == null) {
                    return;
                }
                DivergenceMonitor m = DivergenceMonitor.fromBytes(kv.value, settings.divergence());
                if (m.isOpen()) {
                    out.add(new RiskViews.OpenAlertView(TopicKeys.alertId(kv.key, m.alertsOpened()), kv.key, RiskTopology.DIVERGENCE_ALERT_KIND,
                            m.severity().map(Enum::name).orElse(null), m.openedAt().map(Object::toString).orElse(null)));
                }
            });
        }
        out.sort(Comparator.comparing(RiskViews.OpenAlertView::alertId));
        return out;
    }
}
