package com.metasupervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Untrusted text printed by tail cannot drive the terminal. */
class TerminalTextTest {

    @Test
    void escapeSequencesAndInvisibleCharactersBecomeVisibleEscapes() {
        assertThat(TerminalText.safe("agent \u001b[31mred\u001b[0m")).isEqualTo("agent \\u001b[31mred\\u001b[0m");
        assertThat(TerminalText.safe("line\rover\nwrite\u0007")).isEqualTo("line\\u000dover\\u000awrite\\u0007");
        assertThat(TerminalText.safe("\u202Egnp.exe")).isEqualTo("\\u202egnp.exe");
        assertThat(TerminalText.safe("\u009b31m")).isEqualTo("\\u009b31m");
        assertThat(TerminalText.safe("arb_1 😀 Zürich \\ plain")).isEqualTo("arb_1 😀 Zürich \\ plain");
        assertThat(TerminalText.safe("abcdefghij", 5)).isEqualTo("abcd…");
        assertThat(TerminalText.safe("tag \uDB40\uDC01")).isEqualTo("tag \\udb40\\udc01");
    }

    @Test
    void noRandomTextKeepsAControlCharacter() {
        SplittableRandom random = new SplittableRandom(31);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = 0; j < 20; j++) {
                text.append((char) random.nextInt(0, 0x3000));
            }
            String safe = TerminalText.safe(text.toString());
            assertThat(safe.chars().noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT))
                    .as("seed 31, case %d", i).isTrue();
        }
    }
}
