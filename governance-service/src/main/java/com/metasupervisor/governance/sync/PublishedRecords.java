package com.metasupervisor.governance.sync;

import com.metasupervisor.avro.AgentLifecycle;
import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.StrategyLimits;
import com.metasupervisor.avro.StrategyState;
import com.metasupervisor.configrepo.files.ManifestEntry;
import com.metasupervisor.configrepo.files.StrategyClassLimits;
import com.metasupervisor.streams.publish.CatalogPublisher.Keyed;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records a revision's changes become: {@code agents.registry} (AgentManifest, key agent) and
 * {@code governance.strategy-limits} (StrategyLimits, key class); a withdrawn agent or class is a tombstone.
 * {@code updated_at} is the commit's time, so two replicas syncing the same commit publish identical records.
 */
public final class PublishedRecords {

    private PublishedRecords() {
    }

    public static List<Keyed<AgentManifest>> agentManifests(RevisionChanges changes, ConfigRevision revision) {
        return changes.agents().stream()
                .map(change -> new Keyed<>(change.agent(), change.entry().map(entry -> agentManifest(entry, revision)).orElse(null)))
                .toList();
    }

    public static List<Keyed<StrategyLimits>> strategyLimits(RevisionChanges changes, ConfigRevision revision) {
        return changes.classes().stream()
                .map(change -> new Keyed<>(change.strategyClass(),
                        change.limits().map(limits -> strategyLimits(change.strategyClass(), limits, revision)).orElse(null)))
                .toList();
    }

    static AgentManifest agentManifest(ManifestEntry entry, ConfigRevision revision) {
        return AgentManifest.newBuilder()
                .setAgent(entry.agent())
                .setStrategyClass(entry.strategyClass())
                .setStatus(AgentLifecycle.valueOf(entry.status().name()))
                .setOwner(entry.owner())
                .setUpdatedAt(millis(revision.commitTime()))
                .build();
    }

    static StrategyLimits strategyLimits(String strategyClass, StrategyClassLimits limits, ConfigRevision revision) {
        Map<String, Double> cvar = new LinkedHashMap<>();
        limits.byRegime().forEach((regime, limit) -> cvar.put(regime, limit.maxCvarErrorBps()));
        return StrategyLimits.newBuilder()
                .setStrategyClass(strategyClass)
                .setStatus(StrategyState.valueOf(limits.status().name()))
                .setReason(limits.reason().orElse(null))
                .setMaxDrawdownBps(limits.maxDrawdownBps().isPresent() ? limits.maxDrawdownBps().getAsDouble() : null)
                .setMinHitRate(limits.minHitRate().isPresent() ? limits.minHitRate().getAsDouble() : null)
                .setMaxCvarErrorBps(cvar)
                .setSourceCommit(revision.commit())
                .setUpdatedAt(millis(revision.commitTime()))
                .build();
    }

    /** The topics carry milliseconds: a finer instant would not round-trip (and would differ between replicas). */
    private static Instant millis(Instant time) {
        return Instant.ofEpochMilli(time.toEpochMilli());
    }
}
