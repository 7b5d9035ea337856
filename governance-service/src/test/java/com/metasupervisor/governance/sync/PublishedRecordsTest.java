package com.metasupervisor.governance.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.avro.AgentLifecycle;
import com.metasupervisor.avro.AgentManifest;
import com.metasupervisor.avro.StrategyLimits;
import com.metasupervisor.avro.StrategyState;
import com.metasupervisor.configrepo.files.KillList;
import com.metasupervisor.configrepo.files.LifecycleStatus;
import com.metasupervisor.configrepo.files.ManifestEntry;
import com.metasupervisor.streams.publish.CatalogPublisher.Keyed;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublishedRecordsTest {

    private static final Instant COMMITTED = Instant.parse("2026-11-30T04:59:58Z");
    private static final String COMMIT = "89abcdef0123456789abcdef0123456789abcdef";

    @Test
    void an_agent_becomes_its_manifest_record_stamped_with_the_commit_time_and_a_withdrawn_one_a_tombstone() {
        ConfigRevision before = revision(Map.of("gone", new ManifestEntry("gone", "arb", LifecycleStatus.LIVE, "desk-a")), KillList.specDefaults());
        ConfigRevision after = revision(Map.of("macro_2", new ManifestEntry("macro_2", "macro", LifecycleStatus.KILLED, "desk-b")),
                KillList.specDefaults());

        List<Keyed<AgentManifest>> records = PublishedRecords.agentManifests(RevisionChanges.between(Optional.of(before), after), after);

        assertThat(records).containsExactly(
                new Keyed<>("macro_2", new AgentManifest("macro_2", "macro", AgentLifecycle.KILLED, "desk-b", COMMITTED)),
                new Keyed<>("gone", null));
    }

    @Test
    void a_class_becomes_its_limits_with_the_source_commit_absent_limits_null() {
        ConfigRevision revision = revision(Map.of(), KillList.specDefaults());

        Map<String, StrategyLimits> byClass = new LinkedHashMap<>();
        PublishedRecords.strategyLimits(RevisionChanges.between(Optional.empty(), revision), revision)
                .forEach(record -> byClass.put(record.key(), record.value()));

        assertThat(byClass.keySet()).containsExactly("macro", "arb", "funding", "sentiment");
        StrategyLimits arb = byClass.get("arb");
        assertThat(arb.getStatus()).isEqualTo(StrategyState.ACTIVE);
        assertThat(arb.getMaxDrawdownBps()).isEqualTo(-250.0);
        assertThat(arb.getMinHitRate()).isEqualTo(0.42);
        assertThat(arb.getMaxCvarErrorBps()).containsExactly(Map.entry("TREND", 140.0), Map.entry("RANGE", 110.0));
        assertThat(arb.getReason()).isNull();
        assertThat(arb.getSourceCommit()).isEqualTo(COMMIT);
        assertThat(arb.getUpdatedAt()).isEqualTo(COMMITTED);
        StrategyLimits sentiment = byClass.get("sentiment");
        assertThat(sentiment.getStatus()).isEqualTo(StrategyState.DISABLED);
        assertThat(sentiment.getReason()).isEqualTo("structural alpha decay");
        assertThat(sentiment.getMaxDrawdownBps()).isNull();
        assertThat(sentiment.getMinHitRate()).isNull();
        assertThat(sentiment.getMaxCvarErrorBps()).isEmpty();
    }

    @Test
    void a_time_finer_than_milliseconds_is_cut_to_what_the_topic_carries() {
        ConfigRevision revision = new ConfigRevision(COMMIT, COMMITTED.plusNanos(1_500_000),
                Map.of("a", new ManifestEntry("a", "arb", LifecycleStatus.LIVE, "o")), new KillList(Map.of()), false, false);

        List<Keyed<AgentManifest>> records = PublishedRecords.agentManifests(RevisionChanges.between(Optional.empty(), revision), revision);

        assertThat(records.getFirst().value().getUpdatedAt()).isEqualTo(COMMITTED.plusMillis(1));
    }

    private static ConfigRevision revision(Map<String, ManifestEntry> agents, KillList killList) {
        return new ConfigRevision(COMMIT, COMMITTED, agents, killList, false, false);
    }
}
