package com.metasupervisor.governance.sync;

import com.metasupervisor.configrepo.files.ManifestEntry;
import com.metasupervisor.configrepo.files.StrategyClassLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * What publishing a revision changes on the compacted topics, against the revision published before it: every new or
 * changed agent / strategy class, and a withdrawal (tombstone) for each one that left its file. Without a previous
 * revision (the first sync after a start) everything is new: publishing an identical record again is harmless.
 *
 * @param agents  in the new manifest's order, then the withdrawn agents in the old manifest's order
 * @param classes in the new kill list's order, then the withdrawn classes in the old kill list's order
 */
public record RevisionChanges(List<AgentChange> agents, List<ClassChange> classes) {

    /** An agent's new manifest entry, or empty: the agent left the manifest. */
    public record AgentChange(String agent, Optional<ManifestEntry> entry) {
        public AgentChange {
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(entry, "entry");
            entry.ifPresent(e -> {
                if (!e.agent().equals(agent)) {
                    throw new IllegalArgumentException("the change of '" + agent + "' carries the entry of '" + e.agent() + "'");
                }
            });
        }
    }

    /** A strategy class's new limits, or empty: the class left the kill list. */
    public record ClassChange(String strategyClass, Optional<StrategyClassLimits> limits) {
        public ClassChange {
            Objects.requireNonNull(strategyClass, "strategyClass");
            Objects.requireNonNull(limits, "limits");
        }
    }

    public RevisionChanges {
        agents = List.copyOf(agents);
        classes = List.copyOf(classes);
    }

    /** The changes that bring the topics from {@code published} (empty: nothing known) to {@code next}. */
    public static RevisionChanges between(Optional<ConfigRevision> published, ConfigRevision next) {
        Objects.requireNonNull(published, "published");
        Objects.requireNonNull(next, "next");
        List<AgentChange> agents = new ArrayList<>();
        changes(published.map(ConfigRevision::agents).orElse(Map.of()), next.agents(),
                (agent, entry) -> agents.add(new AgentChange(agent, entry)));
        List<ClassChange> classes = new ArrayList<>();
        changes(published.map(r -> r.killList().classes()).orElse(Map.of()), next.killList().classes(),
                (strategyClass, limits) -> classes.add(new ClassChange(strategyClass, limits)));
        return new RevisionChanges(agents, classes);
    }

    public boolean isEmpty() {
        return agents.isEmpty() && classes.isEmpty();
    }

    private static <V> void changes(Map<String, V> before, Map<String, V> after, BiConsumer<String, Optional<V>> change) {
        after.forEach((key, value) -> {
            if (!value.equals(before.get(key))) {
                change.accept(key, Optional.of(value));
            }
        });
        before.keySet().stream().filter(key -> !after.containsKey(key)).forEach(key -> change.accept(key, Optional.empty()));
    }
}
