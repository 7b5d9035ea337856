package com.metasupervisor.allocator.api;

import com.metasupervisor.allocator.config.AllocatorSettings;
import com.metasupervisor.allocator.domain.PolicyName;
import com.metasupervisor.allocator.topology.AllocatorTopology;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.avro.PolicyLedger;
import com.metasupervisor.streams.query.InteractiveQueries;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What this instance's allocator stores answer (streams-kit's {@code InteractiveQueries}). The whole fleet is one task,
 * so one instance hosts every store; the controller relays a question to it.
 */
@Singleton
public class AllocatorQueries {

    private final InteractiveQueries stores;
    private final PolicyName active;

    AllocatorQueries(InteractiveQueries stores, AllocatorSettings settings) {
        this.stores = stores;
        this.active = PolicyName.of(settings.policy());
    }

    /** The snapshot the configured policy published last (the current allocation). */
    public Optional<AllocationSnapshot> current() {
        return Optional.ofNullable(stores.<AllocationSnapshot>localStore(AllocatorTopology.HELD_STORE).get(active.id()));
    }

    /** The newest {@code limit} published snapshots, newest first. */
    public List<AllocationSnapshot> history(int limit) {
        List<AllocationSnapshot> out = new ArrayList<>();
        ReadOnlyKeyValueStore<String, AllocationSnapshot> store = stores.localStore(AllocatorTopology.HISTORY_STORE);
        try (KeyValueIterator<String, AllocationSnapshot> it = store.reverseAll()) {
            while (it.hasNext() && out.size() < limit) {
                AllocationSnapshot s = it.next().value;
                if (s != null) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** Every policy's ledger as last published on allocations.shadow: the active policy first, then in the policies' order. */
    public List<PolicyLedger> ledgers() {
        ReadOnlyKeyValueStore<String, PolicyLedger> store = stores.localStore(AllocatorTopology.SHADOW_PUBLISHED_STORE);
        List<PolicyLedger> out = new ArrayList<>();
        Optional.ofNullable(store.get(active.id())).ifPresent(out::add);
        for (PolicyName p : PolicyName.values()) {
            if (p != active) {
                Optional.ofNullable(store.get(p.id())).ifPresent(out::add);
            }
        }
        return out;
    }
}
