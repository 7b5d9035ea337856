package com.metasupervisor.configrepo.files;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class KillListEditTest {

    private static final String PERSONS_FILE = """
            # Strategy kill list (SPEC §6). A person edits this; governance only reads it.
            macro:
              by_regime:
                TREND:
                  max_cvar_error_bps: 120   # tightened in May
                RANGE:
                  max_cvar_error_bps: 90

            arb:
              status: 'ACTIVE'
              max_drawdown_bps: -250
              min_hit_rate: 0.42
            funding: {status: ACTIVE, max_drawdown_bps: -200}
            sentiment:
              status: DISABLED
              reason: structural alpha decay
            # more classes below this line
            """;

    private static Map<String, String> ordered(String... classAndReason) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < classAndReason.length; i += 2) {
            map.put(classAndReason[i], classAndReason[i + 1]);
        }
        return map;
    }

    @Test
    void statusAndReasonAreSetInPlaceOrAddedAfterTheClassesKeysAndNewClassesGoAtTheEnd() {
        String edited = new KillListEdit(ordered(
                "macro", "drawdown: -310 bps # over the limit",
                "arb", "hit rate 0.31",
                "funding", "breach, see \"alerts\"",
                "sentiment", "still decayed",
                "alt_data: 'x'", "new class, never ran")).applyTo(PERSONS_FILE);

        assertThat(edited).isEqualTo("""
                # Strategy kill list (SPEC §6). A person edits this; governance only reads it.
                macro:
                  by_regime:
                    TREND:
                      max_cvar_error_bps: 120   # tightened in May
                    RANGE:
                      max_cvar_error_bps: 90
                  status: DISABLED
                  reason: "drawdown: -310 bps # over the limit"

                arb:
                  status: 'DISABLED'
                  max_drawdown_bps: -250
                  min_hit_rate: 0.42
                  reason: hit rate 0.31
                funding: {status: DISABLED, max_drawdown_bps: -200, reason: "breach, see \\"alerts\\""}
                sentiment:
                  status: DISABLED
                  reason: still decayed
                "alt_data: 'x'":
                  status: DISABLED
                  reason: "new class, never ran"
                # more classes below this line
                """);
        KillList reread = KillList.parse(edited);
        assertThat(reread.classes().keySet()).containsExactly("macro", "arb", "funding", "sentiment", "alt_data: 'x'");
        assertThat(reread.strategyClass("arb")).contains(new StrategyClassLimits(StrategyClassStatus.DISABLED, Optional.of("hit rate 0.31"),
                OptionalDouble.of(-250), OptionalDouble.of(0.42), Map.of()));
        assertThat(reread.strategyClass("macro").orElseThrow().byRegime()).containsOnlyKeys("TREND", "RANGE");
    }

    @Test
    void aReasonWrittenAsABlockScalarIsReplacedAndTheKeysAfterItStay() {
        String file = "arb:\n  reason: |\n    first line\n    second line\n  min_hit_rate: 0.4  # floor\nmacro: {}\n";
        assertThat(new KillListEdit(Map.of("arb", "drawdown", "macro", "off")).applyTo(file)).isEqualTo(
                "arb:\n  reason: drawdown\n  min_hit_rate: 0.4  # floor\n  status: DISABLED\nmacro: {status: \"DISABLED\", reason: \"off\"}\n");
    }

    @Test
    void disablingWhatIsAlreadyDisabledForTheSameReasonLeavesTheFileByteForByte() {
        assertThat(new KillListEdit(Map.of("sentiment", "structural alpha decay")).applyTo(PERSONS_FILE)).isEqualTo(PERSONS_FILE);
    }

    @Test
    void anEmptyOrCommentOnlyFileGetsTheClassesAsItsMapping() {
        KillListEdit edit = new KillListEdit(Map.of("arb", "line1\nline2"));
        assertThat(edit.applyTo("")).isEqualTo("arb:\n  status: DISABLED\n  reason: \"line1\\nline2\"\n");
        assertThat(edit.applyTo("# nothing yet")).isEqualTo("# nothing yet\narb:\n  status: DISABLED\n  reason: \"line1\\nline2\"\n");
        assertThat(edit.applyTo("{}  # none\n")).isEqualTo("{\"arb\": {status: DISABLED, reason: \"line1\\nline2\"}}  # none\n");
    }

    // --- property: random nasty class names and reasons over files of several shapes

    private static final String[] NASTY = {"\"", "'", ": ", ":", "#", " #", "-", "- ", "--- ", "? ", "é", "名", "😀", "\u202E", "\n", "\t",
            " ", "{", "}", "[", "]", ",", "&a", "*a", "!", "|", ">", "%", "@", "`", "\\", "\u2028", "\u0085", "yes", "null", "~", "123",
            "a", "b", "_"};

    private static String nasty(Random random) {
        StringBuilder text = new StringBuilder();
        int parts = 1 + random.nextInt(6);
        for (int i = 0; i < parts; i++) {
            text.append(NASTY[random.nextInt(NASTY.length)]);
        }
        return text.toString();
    }

    private static String nonBlankNasty(Random random) {
        String text;
        do {
            text = nasty(random);
        } while (text.isBlank());
        return text;
    }

    @Test
    void randomNastyClassesAndReasonsReadBackAndTouchOnlyStatusAndReasonLines() {
        Random random = new Random(61130L);
        for (int round = 0; round < 300; round++) {
            // a person's file built by earlier edits plus hand-written shapes, with comments between
            String file = switch (random.nextInt(3)) {
                case 0 -> "# kill list\n";
                case 1 -> "arb:\n  max_drawdown_bps: -250   # a comment\n  by_regime:\n    TREND: {max_cvar_error_bps: 140}\n\n";
                default -> "macro: {min_hit_rate: 0.4}\nfunding:\n  status: \"ACTIVE\"\n  reason: fine   # why\n# tail\n";
            };
            for (int step = 0; step < 3; step++) {
                Map<String, String> disabled = new LinkedHashMap<>();
                List<String> known = List.copyOf(KillList.parse(file).classes().keySet());
                for (int i = 0; i < 1 + random.nextInt(3); i++) {
                    String strategyClass = !known.isEmpty() && random.nextBoolean() ? known.get(random.nextInt(known.size())) : nonBlankNasty(random);
                    disabled.put(strategyClass, nonBlankNasty(random));
                }
                KillListEdit edit = new KillListEdit(disabled);
                String edited = edit.applyTo(file);
                KillList expected = edit.expected(KillList.parse(file));
                assertThat(List.copyOf(KillList.parse(edited).classes().entrySet())).as("round %d step %d", round, step)
                        .isEqualTo(List.copyOf(expected.classes().entrySet()));
                assertOnlyInsertedOrStatusReasonLinesDiffer(file, edited, round);
                file = edited;
            }
        }
    }

    /** Every line of {@code before} is in {@code after}, in order, unchanged unless it is a status or reason line. */
    private static void assertOnlyInsertedOrStatusReasonLinesDiffer(String before, String after, int round) {
        List<String> old = before.lines().toList();
        List<String> now = after.lines().toList();
        int j = 0;
        for (int i = 0; i < old.size(); i++) {
            String line = old.get(i);
            while (j < now.size() && !now.get(j).equals(line) && !sameKeyLine(line, now.get(j))) {
                j++; // an inserted line
            }
            assertThat(j).as("round %d: line '%s' lost in\n%s", round, line, after).isLessThan(now.size());
            j++;
        }
    }

    /** The same status or reason key on the same indentation, or a flow mapping's line with keys added at its end. */
    private static boolean sameKeyLine(String before, String after) {
        for (String key : List.of("status: ", "reason: ")) {
            int at = before.indexOf(key);
            if (at >= 0 && after.startsWith(before.substring(0, at + key.length()))) {
                return true;
            }
        }
        // keys added to a flow mapping: the same line with text inserted before its closing brace
        int closing = before.lastIndexOf('}');
        return closing >= 0 && after.startsWith(before.substring(0, closing)) && after.endsWith(before.substring(closing));
    }
}
