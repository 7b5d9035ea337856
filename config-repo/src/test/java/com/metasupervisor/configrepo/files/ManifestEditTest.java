package com.metasupervisor.configrepo.files;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestEditTest {

    /** A person's file: comments everywhere, a blank line, keys out of order, quoting, a flow item. */
    private static final String PERSONS_FILE = """
            # The fleet. A person edits this; Meta-Supervisor proposes changes by pull request.
            agents:
              # the arb desk
              - agent: arb_binance_1   # our oldest
                strategy_class: arb
                status: LIVE           # since March
                owner: desk-a

              - owner: "desk-b"
                status: "CANDIDATE"
                agent: 'macro_rates_2'
                strategy_class: macro
              - {agent: "sentiment: reddit", strategy_class: sentiment, status: RETIRED, owner: desk-b}
            # end of fleet
            """;

    @Test
    void aChangedStatusIsReplacedInPlaceAndNothingElseMoves() {
        String edited = ManifestEdit.statusChanges(Map.of(
                "arb_binance_1", LifecycleStatus.RETIRED,
                "macro_rates_2", LifecycleStatus.LIVE,
                "sentiment: reddit", LifecycleStatus.KILLED)).applyTo(PERSONS_FILE);

        assertThat(edited).isEqualTo("""
                # The fleet. A person edits this; Meta-Supervisor proposes changes by pull request.
                agents:
                  # the arb desk
                  - agent: arb_binance_1   # our oldest
                    strategy_class: arb
                    status: RETIRED           # since March
                    owner: desk-a

                  - owner: "desk-b"
                    status: "LIVE"
                    agent: 'macro_rates_2'
                    strategy_class: macro
                  - {agent: "sentiment: reddit", strategy_class: sentiment, status: KILLED, owner: desk-b}
                # end of fleet
                """);
        assertThat(ManifestFile.parse(edited).agents()).containsExactly(
                new ManifestEntry("arb_binance_1", "arb", LifecycleStatus.RETIRED, "desk-a"),
                new ManifestEntry("macro_rates_2", "macro", LifecycleStatus.LIVE, "desk-b"),
                new ManifestEntry("sentiment: reddit", "sentiment", LifecycleStatus.KILLED, "desk-b"));
    }

    @Test
    void charactersOutsideTheBasicPlaneBeforeAStatusDoNotShiftTheEdit() {
        // the YAML parser counts code points, a Java string counts chars: 😀 is two
        String file = "agents:\n  - {agent: \"😀😀 \\U0001F600\", strategy_class: arb, status: LIVE, owner: \"𝔡𝔢𝔰𝔨\"}\n"
                + "  - {agent: b, strategy_class: arb, status: LIVE, owner: o}\n";
        String edited = ManifestEdit.statusChanges(Map.of("b", LifecycleStatus.KILLED, "😀😀 😀", LifecycleStatus.RETIRED)).applyTo(file);
        assertThat(edited).isEqualTo(file.replaceFirst("status: LIVE", "status: RETIRED").replace("agent: b, strategy_class: arb, status: LIVE",
                "agent: b, strategy_class: arb, status: KILLED"));
    }

    @Test
    void anUnchangedStatusLeavesTheFileByteForByte() {
        assertThat(ManifestEdit.statusChanges(Map.of("arb_binance_1", LifecycleStatus.LIVE)).applyTo(PERSONS_FILE))
                .isEqualTo(PERSONS_FILE);
    }

    @Test
    void aNewAgentIsAppendedInTheFilesIndentationWithItsNameQuotedByJackson() {
        ManifestEntry nasty = new ManifestEntry("say \"hi\": # now\nand 'bye' ☃", "alt_data", LifecycleStatus.CANDIDATE, "desk-c");
        ManifestEntry plain = new ManifestEntry("funding_okx_3", "funding", LifecycleStatus.CANDIDATE, "desk-a");
        String edited = new ManifestEdit(Map.of(), List.of(nasty, plain)).applyTo(PERSONS_FILE);

        String lastItem = "  - {agent: \"sentiment: reddit\", strategy_class: sentiment, status: RETIRED, owner: desk-b}\n";
        int cut = PERSONS_FILE.indexOf(lastItem) + lastItem.length();
        assertThat(edited).startsWith(PERSONS_FILE.substring(0, cut)).endsWith(PERSONS_FILE.substring(cut));
        assertThat(edited.substring(cut, edited.length() - PERSONS_FILE.substring(cut).length())).isEqualTo("""
                  - agent: "say \\"hi\\": # now\\nand 'bye' ☃"
                    strategy_class: alt_data
                    status: CANDIDATE
                    owner: desk-c
                  - agent: funding_okx_3
                    strategy_class: funding
                    status: CANDIDATE
                    owner: desk-a
                """);
        assertThat(ManifestFile.parse(edited).agents()).endsWith(nasty, plain).hasSize(5);
    }

    @Test
    void aNewAgentGoesIntoAFlowListOrUnderAnEmptyAgentsKey() {
        ManifestEntry added = new ManifestEntry("a, b]}", "arb", LifecycleStatus.LIVE, "desk-a");
        ManifestEdit edit = new ManifestEdit(Map.of(), List.of(added));

        assertThat(edit.applyTo("agents: []  # none yet\n")).isEqualTo(
                "agents: [{agent: \"a, b]}\", strategy_class: \"arb\", status: LIVE, owner: \"desk-a\"}]  # none yet\n");
        assertThat(edit.applyTo("agents: [{agent: x, strategy_class: arb, status: LIVE, owner: o},\n]\n")).isEqualTo(
                "agents: [{agent: x, strategy_class: arb, status: LIVE, owner: o},\n{agent: \"a, b]}\", strategy_class: \"arb\", status: LIVE, owner: \"desk-a\"}]\n");
        assertThat(edit.applyTo("# fleet\nagents:\n# nobody yet\n")).isEqualTo(
                "# fleet\nagents:\n  - agent: \"a, b]}\"\n    strategy_class: arb\n    status: LIVE\n    owner: desk-a\n# nobody yet\n");
        assertThat(edit.applyTo("agents: ~ # none\n")).isEqualTo(
                "agents:  # none\n  - agent: \"a, b]}\"\n    strategy_class: arb\n    status: LIVE\n    owner: desk-a\n");
    }

    @Test
    void windowsLineBreaksAndAMissingFinalLineBreakAreKept() {
        String crlf = "agents:\r\n  - agent: a\r\n    strategy_class: arb\r\n    status: LIVE\r\n    owner: o";
        String edited = new ManifestEdit(Map.of("a", LifecycleStatus.KILLED), List.of(new ManifestEntry("b", "arb", LifecycleStatus.LIVE, "o")))
                .applyTo(crlf);
        assertThat(edited).isEqualTo("agents:\r\n  - agent: a\r\n    strategy_class: arb\r\n    status: KILLED\r\n    owner: o\r\n"
                + "  - agent: b\r\n    strategy_class: arb\r\n    status: LIVE\r\n    owner: o\r\n");
    }

    @Test
    void changingAnAgentTheFileDoesNotHoldNamesIt() {
        assertThatThrownBy(() -> ManifestEdit.statusChanges(Map.of("ghost_7", LifecycleStatus.KILLED, "arb_binance_1", LifecycleStatus.RETIRED))
                .applyTo(PERSONS_FILE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ghost_7'").hasMessageNotContaining("arb_binance_1");
        assertThatThrownBy(() -> new ManifestEdit(Map.of(), List.of(new ManifestEntry("macro_rates_2", "macro", LifecycleStatus.LIVE, "d")))
                .applyTo(PERSONS_FILE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'macro_rates_2'");
    }

    @Test
    void anInvalidFileIsRefusedWithItsProblems() {
        assertThatThrownBy(() -> ManifestEdit.statusChanges(Map.of("a", LifecycleStatus.LIVE)).applyTo("agents:\n  - agent: a\n"))
                .isInstanceOf(ConfigFileException.class);
    }

    // --- property: random nasty names, random changes; the edit reads back as intended and touches only its lines

    private static final String[] NASTY = {"\"", "'", ": ", ":", "#", " #", "-", "- ", "--- ", "? ", "é", "名", "😀", "\u202E", "\n", "\t",
            " ", "{", "}", "[", "]", ",", "&a", "*a", "!", "|", ">", "%", "@", "`", "\\", "\u2028", "\u0085", "yes", "null", "~", "123",
            "0x1F", "a", "b", "_"};

    private static String nastyName(Random random) {
        StringBuilder name = new StringBuilder();
        int parts = 1 + random.nextInt(6);
        for (int i = 0; i < parts; i++) {
            name.append(NASTY[random.nextInt(NASTY.length)]);
        }
        return name.toString();
    }

    @Test
    void randomNastyNamesAndStatusChangesReadBackAndTouchOnlyTheirLines() {
        Random random = new Random(20261130L);
        LifecycleStatus[] statuses = LifecycleStatus.values();
        for (int round = 0; round < 300; round++) {
            // a person's file: comments, then agents with nasty names in block (added by the edit) and flow style
            Set<String> names = new LinkedHashSet<>();
            while (names.size() < 1 + random.nextInt(6)) {
                String name = nastyName(random);
                if (!name.isBlank()) {
                    names.add(name);
                }
            }
            StringBuilder file = new StringBuilder("# fleet, round ").append(round).append("\nagents:\n");
            List<ManifestEntry> blockAgents = new ArrayList<>();
            for (String name : names) {
                ManifestEntry entry = new ManifestEntry(name, nastyName(random) + "c", statuses[random.nextInt(statuses.length)], "o" + nastyName(random));
                if (random.nextBoolean()) {
                    file.append("  - {agent: ").append(YamlFragments.quotedScalar(entry.agent()))
                            .append(", strategy_class: ").append(YamlFragments.quotedScalar(entry.strategyClass()))
                            .append(", status: ").append(entry.status()).append(", owner: ").append(YamlFragments.quotedScalar(entry.owner()))
                            .append("}  # flow\n");
                } else {
                    file = new StringBuilder(new ManifestEdit(Map.of(), List.of(entry)).applyTo(file.toString()));
                }
                file.append(random.nextBoolean() ? "  # a comment about it\n" : "\n");
                blockAgents.add(entry);
            }
            String original = file.toString();
            assertThat(ManifestFile.parse(original).agents()).as("round %d file:\n%s", round, original).containsExactlyElementsOf(blockAgents);

            Map<String, LifecycleStatus> changes = new HashMap<>();
            for (String name : names) {
                if (random.nextInt(3) == 0) {
                    changes.put(name, statuses[random.nextInt(statuses.length)]);
                }
            }
            List<ManifestEntry> added = random.nextInt(3) == 0
                    ? List.of(new ManifestEntry("new " + nastyName(random), "x" + nastyName(random), LifecycleStatus.CANDIDATE, nastyName(random) + "o"))
                    : List.of();
            ManifestEdit edit = new ManifestEdit(changes, added);
            String edited = edit.applyTo(original);

            assertThat(ManifestFile.parse(edited)).as("round %d", round).isEqualTo(edit.expected(ManifestFile.parse(original)));
            List<String> before = original.lines().toList();
            List<String> after = edited.lines().toList();
            // the new agent's lines are inserted as one block: everything else lines up
            int inserted = after.size() - before.size();
            int firstInserted = 0;
            while (firstInserted < before.size() && firstInserted < after.size() && before.get(firstInserted).equals(after.get(firstInserted))
                    || firstInserted < before.size() && isStatusEdit(before.get(firstInserted), after.get(firstInserted))) {
                firstInserted++;
            }
            if (inserted == 0) {
                assertThat(firstInserted).isEqualTo(before.size());
            }
            int statusLines = 0;
            for (int i = 0; i < before.size(); i++) {
                String now = after.get(i < firstInserted ? i : i + inserted);
                if (!now.equals(before.get(i))) {
                    assertThat(isStatusEdit(before.get(i), now)).as("round %d line %d: %s → %s", round, i, before.get(i), now).isTrue();
                    statusLines++;
                }
            }
            long changedStatuses = ManifestFile.parse(original).agents().stream()
                    .filter(agent -> changes.containsKey(agent.agent()) && changes.get(agent.agent()) != agent.status()).count();
            assertThat(statusLines).as("round %d", round).isEqualTo(changedStatuses);
        }
    }

    /** The same line but for one status word. */
    private static boolean isStatusEdit(String before, String after) {
        for (LifecycleStatus from : LifecycleStatus.values()) {
            for (LifecycleStatus to : LifecycleStatus.values()) {
                String marker = "status: ";
                int at = before.indexOf(marker + from.name());
                if (from != to && at >= 0 && after.equals(before.substring(0, at) + marker + to.name() + before.substring(at + marker.length() + from.name().length()))) {
                    return true;
                }
            }
        }
        return false;
    }
}
