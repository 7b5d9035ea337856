package com.metasupervisor.governance.api;

import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.AgentStatus;
import com.metasupervisor.avro.DecisionSubjectKind;
import com.metasupervisor.avro.GovernanceDecision;
import com.metasupervisor.avro.StrategyLimits;
import com.metasupervisor.avro.StrategyStatus;
import com.metasupervisor.governance.topology.DecisionHistoryKey;
import com.metasupervisor.governance.topology.GovernanceTopology;
import com.metasupervisor.streams.query.InteractiveQueries;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What this instance's governor stores answer (streams-kit's {@code InteractiveQueries}). Every store lives in the one
 * task of the {@code governor} processor, so one instance hosts them all; the controller relays a question to it.
 */
@Singleton
public class GovernanceQueries {

    private final InteractiveQueries stores;

    GovernanceQueries(InteractiveQueries stores) {
        this.stores = stores;
    }

    /** The agent's effective status as last published on governance.agent-status. */
    public Optional<AgentStatus> agentStatus(String agent) {
        return get(GovernanceTopology.AGENT_STATUS_STORE, agent);
    }

    /** The agent's entry in the base branch's manifest, as last seen on agents.registry. */
    public Optional<AgentManifest> manifest(String agent) {
        return get(GovernanceTopology.MANIFEST_STORE, agent);
    }

    /** The agent's newest figures at the horizon (risk.agent-stats). */
    public Optional<AgentStats> agentStats(String agent) {
        return get(GovernanceTopology.AGENT_STATS_STORE, agent);
    }

    /** Every strategy class's status as last published, in class order. */
    public List<StrategyStatus> strategies() {
        List<StrategyStatus> out = new ArrayList<>();
        ReadOnlyKeyValueStore<String, StrategyStatus> store = stores.localStore(GovernanceTopology.STRATEGY_STATUS_STORE);
        try (KeyValueIterator<String, StrategyStatus> it = store.all()) {
            while (it.hasNext()) {
                StrategyStatus s = it.next().value;
                if (s != null) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** The class's status as last published on governance.strategy-status. */
    public Optional<StrategyStatus> strategy(String strategyClass) {
        return get(GovernanceTopology.STRATEGY_STATUS_STORE, strategyClass);
    }

    /** The limits in force for the class (the base branch's kill list). */
    public Optional<StrategyLimits> limits(String strategyClass) {
        return get(GovernanceTopology.STRATEGY_LIMITS_STORE, strategyClass);
    }

    /**
     * The newest {@code limit} decisions about {@code subject}, newest first. The store keeps a subject's decisions
     * oldest first in one key range ({@link DecisionHistoryKey}): read backwards.
     */
    public List<GovernanceDecision> decisions(DecisionSubjectKind kind, String subject, int limit) {
        String from = DecisionHistoryKey.prefix(kind, subject);
        List<GovernanceDecision> out = new ArrayList<>();
        ReadOnlyKeyValueStore<String, GovernanceDecision> store = stores.localStore(GovernanceTopology.HISTORY_STORE);
        try (KeyValueIterator<String, GovernanceDecision> it = store.reverseRange(from, DecisionHistoryKey.end(from))) {
            while (it.hasNext() && out.size() < limit) {
                KeyValue<String, GovernanceDecision> next = it.next();
                if (next.value != null) {
                    out.add(next.value);
                }
            }
        }
        return out;
    }

    private <V> Optional<V> get(String store, String key) {
        return Optional.ofNullable(stores.<V>localStore(store).get(key));
    }
}
