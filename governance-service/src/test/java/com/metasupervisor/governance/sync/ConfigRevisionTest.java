package com.metasupervisor.governance.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.configrepo.files.ConfigFileException;
import com.metasupervisor.configrepo.files.ConfigFileProblem;
import com.metasupervisor.configrepo.files.KillList;
import com.metasupervisor.configrepo.files.LifecycleStatus;
import com.metasupervisor.configrepo.files.ManifestEntry;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigRevisionTest {

    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    static final Instant AT = Instant.parse("2026-11-30T05:00:00Z");
    static final String MANIFEST = "agents/manifest.yaml";
    static final String KILL_LIST = "meta_supervisor/kill_list.yaml";

    @Test
    void both_files_are_parsed_agents_by_name_in_file_order() {
        ConfigRevision revision = ConfigRevision.parse(COMMIT, AT, MANIFEST, Optional.of("""
                # the fleet
                agents:
                  - {agent: z_last, strategy_class: arb, status: LIVE, owner: desk-a}
                  - {agent: a_first, strategy_class: macro, status: CANDIDATE, owner: desk-b}
                """), KILL_LIST, Optional.of("arb: {max_drawdown_bps: -100}\n"));

        assertThat(revision.agents().keySet()).containsExactly("z_last", "a_first");
        assertThat(revision.agents().get("a_first")).isEqualTo(new ManifestEntry("a_first", "macro", LifecycleStatus.CANDIDATE, "desk-b"));
        assertThat(revision.killList().classes().keySet()).containsExactly("arb");
        assertThat(revision.killList().classes().get("arb").maxDrawdownBps()).hasValue(-100);
        assertThat(revision.agentCount()).isEqualTo(2);
        assertThat(revision.classCount()).isEqualTo(1);
        assertThat(revision.manifestMissing()).isFalse();
        assertThat(revision.killListDefaulted()).isFalse();
        assertThat(revision.commit()).isEqualTo(COMMIT);
        assertThat(revision.commitTime()).isEqualTo(AT);
    }

    @Test
    void a_missing_kill_list_stands_for_the_spec_defaults_and_says_so() {
        ConfigRevision revision = ConfigRevision.parse(COMMIT, AT, MANIFEST, Optional.of("agents: []\n"), KILL_LIST, Optional.empty());

        assertThat(revision.killList()).isEqualTo(KillList.specDefaults());
        assertThat(revision.killListDefaulted()).isTrue();
    }

    @Test
    void an_empty_kill_list_file_is_an_empty_kill_list_not_the_defaults() {
        ConfigRevision revision = ConfigRevision.parse(COMMIT, AT, MANIFEST, Optional.of("agents: []\n"), KILL_LIST, Optional.of(""));

        assertThat(revision.killList().classes()).isEmpty();
        assertThat(revision.killListDefaulted()).isFalse();
    }

    @Test
    void a_missing_manifest_is_no_agents_and_says_so() {
        ConfigRevision revision = ConfigRevision.parse(COMMIT, AT, MANIFEST, Optional.empty(), KILL_LIST, Optional.of(""));

        assertThat(revision.agents()).isEmpty();
        assertThat(revision.manifestMissing()).isTrue();
    }

    @Test
    void every_problem_of_both_files_is_reported_with_the_configured_file_line_and_key() {
        assertThatThrownBy(() -> ConfigRevision.parse(COMMIT, AT, "fleet/agents.yaml", Optional.of("""
                agents:
                  - agent: a
                    strategy_class: arb
                    status: LIVEE
                    owner: desk-a
                """), "limits.yaml", Optional.of("arb:\n  min_hit_rate: 1.5\n")))
                .isInstanceOfSatisfying(ConfigFileException.class, e -> assertThat(e.problems()).containsExactly(
                        new ConfigFileProblem("fleet/agents.yaml", 4, "agents[0].status", "unknown status 'LIVEE' (CANDIDATE, LIVE, RETIRED, KILLED)"),
                        new ConfigFileProblem("limits.yaml", 2, "arb.min_hit_rate", "a hit rate is in [0, 1], found 1.5")));
    }

    @Test
    void an_agent_under_another_name_or_agents_with_a_missing_manifest_are_refused() {
        ManifestEntry a = new ManifestEntry("a", "arb", LifecycleStatus.LIVE, "desk");
        assertThatThrownBy(() -> new ConfigRevision(COMMIT, AT, Map.of("b", a), KillList.specDefaults(), false, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConfigRevision(COMMIT, AT, Map.of("a", a), KillList.specDefaults(), true, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConfigRevision(COMMIT, AT, Map.of(), new KillList(Map.of()), false, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConfigRevision(" ", AT, Map.of(), new KillList(Map.of()), false, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
