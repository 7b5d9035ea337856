package com.metasupervisor.configrepo.files;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ManifestFileTest {

    private static List<String> problems(String yaml) {
        return catchThrowableOfType(ConfigFileException.class, () -> ManifestFile.parse(yaml))
                .problems().stream().map(ConfigFileProblem::toString).toList();
    }

    @Test
    void aValidManifestBecomesItsRecordsInFileOrder() {
        String yaml = """
                # the fleet; a person edits this
                agents:
                  - agent: arb_binance_1   # the first
                    strategy_class: arb
                    status: LIVE
                    owner: desk-a
                  - {agent: macro_2, strategy_class: macro, status: CANDIDATE, owner: desk-b}
                  - agent: old_one
                    owner: desk-a
                    status: RETIRED
                    strategy_class: funding
                """;
        ManifestFile manifest = ManifestFile.parse(yaml);
        assertThat(manifest.agents()).containsExactly(
                new ManifestEntry("arb_binance_1", "arb", LifecycleStatus.LIVE, "desk-a"),
                new ManifestEntry("macro_2", "macro", LifecycleStatus.CANDIDATE, "desk-b"),
                new ManifestEntry("old_one", "funding", LifecycleStatus.RETIRED, "desk-a"));
        assertThat(manifest.agent("macro_2")).map(ManifestEntry::status).contains(LifecycleStatus.CANDIDATE);
        assertThat(manifest.agent("nobody")).isEmpty();
        assertThat(ManifestFile.parse("agents: []\n").agents()).isEmpty();
        assertThat(ManifestFile.parse("agents:\n").agents()).isEmpty();
    }

    @Test
    void agentNamesWithOddCharactersAreData() {
        String yaml = """
                agents:
                  - agent: "it's \\"quoted\\": yes"
                    strategy_class: 'alt: data'
                    status: KILLED
                    owner: Zoë 🚀
                  - agent: '- not: a list'
                    strategy_class: x
                    status: LIVE
                    owner: "#not-a-comment"
                """;
        assertThat(ManifestFile.parse(yaml).agents()).containsExactly(
                new ManifestEntry("it's \"quoted\": yes", "alt: data", LifecycleStatus.KILLED, "Zoë 🚀"),
                new ManifestEntry("- not: a list", "x", LifecycleStatus.LIVE, "#not-a-comment"));
    }

    @Test
    void anUnknownStatusNamesFileLineAndKey() {
        String yaml = """
                agents:
                  - agent: a
                    strategy_class: arb
                    status: LIVE
                    owner: o
                  - agent: b
                    strategy_class: arb
                    status: LIVEE
                    owner: o
                """;
        assertThat(problems(yaml)).containsExactly(
                "agents/manifest.yaml line 8: agents[1].status: unknown status 'LIVEE' (CANDIDATE, LIVE, RETIRED, KILLED)");
    }

    @Test
    void badYamlNamesItsLine() {
        String yaml = "agents:\n  - agent: a\n    status: [LIVE\n    owner: o\n";
        List<ConfigFileProblem> problems = catchThrowableOfType(ConfigFileException.class, () -> ManifestFile.parse(yaml)).problems();
        assertThat(problems).hasSize(1);
        assertThat(problems.getFirst().file()).isEqualTo("agents/manifest.yaml");
        assertThat(problems.getFirst().line()).isBetween(3, 5);
        assertThat(problems.getFirst().message()).startsWith("invalid YAML: ");
    }

    @Test
    void everyKindOfProblemIsReportedAtOnce() {
        String yaml = """
                agents:
                  - agent: a
                    strategy_class: arb
                    status: LIVE
                    owner: o
                  - agent: a
                    strategy_class: macro
                    status: CANDIDATE
                    owner: o
                  - agent: c
                    status: LIVE
                    owner: o
                  - agent: d
                    strategy_class: [x]
                    status: 3
                    owner: o
                    colour: red
                  - agent: e
                    agent: f
                    strategy_class: arb
                    status: live
                    owner: "  "
                  - just a string
                notes: hello
                """;
        assertThat(problems(yaml)).containsExactly(
                "agents/manifest.yaml line 6: agents[1].agent: duplicate agent 'a' (first at line 2)",
                "agents/manifest.yaml line 10: agents[2].strategy_class: missing required key",
                "agents/manifest.yaml line 14: agents[3].strategy_class: expected a string, found a list",
                "agents/manifest.yaml line 15: agents[3].status: expected a status (CANDIDATE, LIVE, RETIRED, KILLED), found a number",
                "agents/manifest.yaml line 17: agents[3].colour: unknown key (expected one of agent, strategy_class, status, owner)",
                "agents/manifest.yaml line 19: agents[4].agent: duplicate key (first at line 18)",
                "agents/manifest.yaml line 21: agents[4].status: unknown status 'live' (CANDIDATE, LIVE, RETIRED, KILLED)",
                "agents/manifest.yaml line 22: agents[4].owner: must not be blank",
                "agents/manifest.yaml line 23: agents[5]: expected a mapping (agent, strategy_class, status, owner), found a string",
                "agents/manifest.yaml line 24: notes: unknown key (expected one of agents)");
    }

    @Test
    void theDocumentMustBeAMappingWithAgents() {
        assertThat(problems("")).containsExactly("agents/manifest.yaml line 1: agents: missing required key (the file is empty)");
        assertThat(problems("- a\n")).containsExactly("agents/manifest.yaml line 1: expected a mapping with the key 'agents', found a list");
        assertThat(problems("fleet: []\n")).containsExactly(
                "agents/manifest.yaml line 1: fleet: unknown key (expected one of agents)",
                "agents/manifest.yaml line 1: agents: missing required key");
        assertThat(problems("agents: 5\n")).containsExactly("agents/manifest.yaml line 1: agents: expected a list of agents, found a number");
    }

    @Test
    void anAliasIsReportedNotReadAsItsName() {
        String yaml = """
                agents:
                  - agent: a
                    strategy_class: arb
                    status: LIVE
                    owner: &desk desk-a
                  - agent: b
                    strategy_class: arb
                    status: LIVE
                    owner: *desk
                """;
        assertThat(problems(yaml)).containsExactly(
                "agents/manifest.yaml line 9: agents[1].owner: aliases (*desk) are not supported; write the value out");
    }

    @Test
    void theExceptionMessageListsEveryProblem() {
        ConfigFileException e = catchThrowableOfType(ConfigFileException.class,
                () -> ManifestFile.parse("agents:\n  - agent: a\n    status: NOPE\n"));
        assertThat(e).hasMessage("""
                3 problems:
                agents/manifest.yaml line 2: agents[0].strategy_class: missing required key
                agents/manifest.yaml line 2: agents[0].owner: missing required key
                agents/manifest.yaml line 3: agents[0].status: unknown status 'NOPE' (CANDIDATE, LIVE, RETIRED, KILLED)""");
    }

    @Test
    void theRecordsRefuseInvalidValues() {
        assertThatThrownBy(() -> new ManifestEntry(" ", "arb", LifecycleStatus.LIVE, "o")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ManifestEntry("a", "arb", null, "o")).isInstanceOf(NullPointerException.class);
        ManifestEntry a = new ManifestEntry("a", "arb", LifecycleStatus.LIVE, "o");
        assertThatThrownBy(() -> new ManifestFile(List.of(a, a))).hasMessageContaining("duplicate agent 'a'");
    }
}
