package com.metasupervisor.governance.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.configrepo.files.KillList;
import com.metasupervisor.configrepo.files.LifecycleStatus;
import com.metasupervisor.configrepo.files.ManifestEntry;
import com.metasupervisor.configrepo.files.RegimeLimit;
import com.metasupervisor.configrepo.files.StrategyClassLimits;
import com.metasupervisor.configrepo.files.StrategyClassStatus;
import com.metasupervisor.governance.sync.RevisionChanges.AgentChange;
import com.metasupervisor.governance.sync.RevisionChanges.ClassChange;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RevisionChangesTest {

    private static final Instant T0 = Instant.parse("2026-11-30T05:00:00Z");

    @Test
    void the_first_sync_publishes_every_agent_and_class() {
        ConfigRevision first = revision("c1", Map.of("a", entry("a", LifecycleStatus.LIVE), "b", entry("b", LifecycleStatus.CANDIDATE)),
                KillList.specDefaults());

        RevisionChanges changes = RevisionChanges.between(Optional.empty(), first);

        assertThat(changes.agents()).extracting(AgentChange::agent).containsExactlyElementsOf(first.agents().keySet());
        assertThat(changes.agents()).allMatch(change -> change.entry().isPresent());
        assertThat(changes.classes()).extracting(ClassChange::strategyClass).containsExactly("macro", "arb", "funding", "sentiment");
        assertThat(changes.classes()).allMatch(change -> change.limits().isPresent());
    }

    @Test
    void a_changed_status_is_exactly_one_change_and_an_unchanged_file_none() {
        ConfigRevision before = revision("c1", Map.of("a", entry("a", LifecycleStatus.LIVE), "b", entry("b", LifecycleStatus.CANDIDATE)),
                KillList.specDefaults());
        ConfigRevision after = revision("c2", Map.of("a", entry("a", LifecycleStatus.LIVE), "b", entry("b", LifecycleStatus.LIVE)),
                KillList.specDefaults());

        assertThat(RevisionChanges.between(Optional.of(before), after))
                .isEqualTo(new RevisionChanges(List.of(new AgentChange("b", Optional.of(entry("b", LifecycleStatus.LIVE)))), List.of()));
        assertThat(RevisionChanges.between(Optional.of(after), revision("c3", after.agents(), after.killList())).isEmpty()).isTrue();
    }

    @Test
    void an_agent_or_class_that_left_its_file_is_withdrawn() {
        ConfigRevision before = revision("c1", Map.of("a", entry("a", LifecycleStatus.LIVE), "b", entry("b", LifecycleStatus.LIVE)),
                KillList.specDefaults());
        Map<String, StrategyClassLimits> classes = new LinkedHashMap<>(KillList.specDefaults().classes());
        classes.remove("funding");
        ConfigRevision after = revision("c2", Map.of("a", entry("a", LifecycleStatus.LIVE)), new KillList(classes));

        RevisionChanges changes = RevisionChanges.between(Optional.of(before), after);

        assertThat(changes.agents()).containsExactly(new AgentChange("b", Optional.empty()));
        assertThat(changes.classes()).containsExactly(new ClassChange("funding", Optional.empty()));
    }

    @Test
    void a_changed_limit_changes_its_class_only() {
        Map<String, StrategyClassLimits> classes = new LinkedHashMap<>(KillList.specDefaults().classes());
        StrategyClassLimits macro = new StrategyClassLimits(StrategyClassStatus.ACTIVE, Optional.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), Map.of("TREND", new RegimeLimit(120), "RANGE", new RegimeLimit(80)));
        classes.put("macro", macro);

        RevisionChanges changes = RevisionChanges.between(Optional.of(revision("c1", Map.of(), KillList.specDefaults())),
                revision("c2", Map.of(), new KillList(classes)));

        assertThat(changes.agents()).isEmpty();
        assertThat(changes.classes()).containsExactly(new ClassChange("macro", Optional.of(macro)));
    }

    /**
     * Seeded random revision sequences: the changes, applied to a compacted topic holding the previous revision,
     * leave exactly the next revision there, and each change is needed (a new value, or a withdrawal of a key there).
     */
    @Test
    void applied_to_the_compacted_topic_the_changes_leave_exactly_the_next_revision() {
        Random random = new Random(20261130L);
        for (int sequence = 0; sequence < 200; sequence++) {
            Map<String, ManifestEntry> agentsTopic = new HashMap<>();
            Map<String, StrategyClassLimits> classesTopic = new HashMap<>();
            Optional<ConfigRevision> published = Optional.empty();
            for (int step = 0; step < 8; step++) {
                ConfigRevision next = randomRevision(random, "c" + sequence + "-" + step);
                RevisionChanges changes = RevisionChanges.between(published, next);
                for (AgentChange change : changes.agents()) {
                    assertThat(change.entry().orElse(null)).isNotEqualTo(agentsTopic.get(change.agent()));
                    change.entry().ifPresentOrElse(e -> agentsTopic.put(change.agent(), e), () -> agentsTopic.remove(change.agent()));
                }
                for (ClassChange change : changes.classes()) {
                    assertThat(change.limits().orElse(null)).isNotEqualTo(classesTopic.get(change.strategyClass()));
                    change.limits().ifPresentOrElse(l -> classesTopic.put(change.strategyClass(), l),
                            () -> classesTopic.remove(change.strategyClass()));
                }
                assertThat(agentsTopic).isEqualTo(next.agents());
                assertThat(classesTopic).isEqualTo(next.killList().classes());
                published = Optional.of(next);
            }
        }
    }

    private static ConfigRevision randomRevision(Random random, String commit) {
        Map<String, ManifestEntry> agents = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            if (random.nextInt(3) > 0) {
                String name = "agent_" + i;
                LifecycleStatus status = LifecycleStatus.values()[random.nextInt(LifecycleStatus.values().length)];
                agents.put(name, new ManifestEntry(name, random.nextBoolean() ? "arb" : "macro", status, "desk-" + random.nextInt(2)));
            }
        }
        Map<String, StrategyClassLimits> classes = new LinkedHashMap<>();
        for (String strategyClass : List.of("arb", "macro", "funding")) {
            if (random.nextInt(3) > 0) {
                classes.put(strategyClass, new StrategyClassLimits(random.nextBoolean() ? StrategyClassStatus.ACTIVE : StrategyClassStatus.DISABLED,
                        Optional.empty(), random.nextBoolean() ? OptionalDouble.of(-100 * (1 + random.nextInt(3))) : OptionalDouble.empty(),
                        OptionalDouble.empty(), random.nextBoolean() ? Map.of("TREND", new RegimeLimit(100 + random.nextInt(2))) : Map.of()));
            }
        }
        return revision(commit, agents, new KillList(classes));
    }

    static ManifestEntry entry(String agent, LifecycleStatus status) {
        return new ManifestEntry(agent, "arb", status, "desk-a");
    }

    static ConfigRevision revision(String commit, Map<String, ManifestEntry> agents, KillList killList) {
        return new ConfigRevision(commit, T0, agents, killList, false, false);
    }
}
