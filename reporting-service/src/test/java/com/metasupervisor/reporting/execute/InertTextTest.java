package com.metasupervisor.reporting.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class InertTextTest {

    @Test
    void markdownSyntaxMentionsLinksAndBreaksBecomeInertText() {
        assertThat(InertText.line("**bold** [x](http://evil.example) @team\n# heading <b>&amp;</b> `code` ~~s~~ |t|", 300))
                .isEqualTo("\\*\\*bold\\*\\* \\[x\\]\\(http:\u200B//evil.example\\) \\@\u200Bteam \\# heading "
                        + "\\<b\\>\\&amp;\\</b\\> \\`code\\` \\~\\~s\\~\\~ \\|t\\|");
        assertThat(InertText.line("see www.evil.example, Sharpe 0.4 - ok", 300)).isEqualTo("see www\u200B.evil.example, Sharpe 0.4 - ok");
        assertThat(InertText.line("> quoted", 300)).isEqualTo("\\> quoted");
        assertThat(InertText.line("+ x", 300)).isEqualTo("\\+ x");
        assertThat(InertText.line("2) x", 300)).isEqualTo("2\\) x");
        assertThat(InertText.line("a\u202Eb\u2028c", 300)).isEqualTo("a\uFFFDb c");
        assertThat(InertText.line(" \n\t ", 300)).isEqualTo("(blank)");
        assertThat(InertText.line("1. item", 300)).isEqualTo("1\\. item");
        assertThat(InertText.line("- item", 300)).isEqualTo("\\- item");
        assertThat(InertText.line("😀".repeat(5), 3)).isEqualTo("😀😀😀…");
    }

    /** Seeded: the result is one line, every active character in it is escaped, and it never starts a list or quote. */
    @Test
    void seededTextIsAlwaysOneLineWithEveryActiveCharacterEscaped() {
        Random random = new Random(7);
        String alphabet = "ab1 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\n\r\t\u2028\u2029\u202E\u0085é😀";
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            }
            String line = InertText.line(text.toString(), 1_000);
            assertThat(line).as("round %d", round).doesNotContain("\n", "\r", "\u2028", "\u2029", "\u0085", "\u202E");
            assertThat(line).as("round %d", round).doesNotMatch("(?s)^(?:[-+=>]|\\d{1,9}[.)]).*");
            if (line.equals("(blank)")) {
                continue; // nothing of the text is left: a fixed, harmless word
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c != '\\' && InertText.ACTIVE.indexOf(c) >= 0) {
                    assertThat(line.charAt(i - 1)).as("round %d: '%s' escaped in %s", round, c, line).isEqualTo('\\');
                }
                if (c == '\\') {
                    i++; // an escape and the character it escapes
                }
            }
        }
    }
}
