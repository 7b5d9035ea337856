package com.metasupervisor.reporting.pdf;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Untrusted text becomes one line of glyphs the font has, no wider than its cell. */
class CellTextTest {

    private static final float SIZE = 7.5f;
    private static PDDocument document;
    private static ReportFont font;

    @BeforeAll
    static void embedFont() throws IOException {
        document = new PDDocument();
        font = ReportFont.embedIn(document);
    }

    @AfterAll
    static void close() throws IOException {
        font.close();
        document.close();
    }

    private static String cell(String raw, double width) {
        return CellText.cell(raw, font::canShow, s -> font.width(s, SIZE), width);
    }

    @Test
    void controlsGoLineBreaksAndTabsBecomeOneSpace() {
        assertThat(cell("a\u0000b\n\r\tc\u202Ed\u202C\u200Be", 500)).isEqualTo("ab cde");
        assertThat(cell("  padded  ", 500)).isEqualTo("padded");
        assertThat(cell(null, 500)).isEmpty();
    }

    @Test
    void glyphsTheFontLacksBecomeOneQuestionMarkPerCodePoint() {
        assertThat(font.canShow('名')).isFalse();
        assertThat(cell("名前🚀x", 500)).isEqualTo("???x");
        assertThat(cell("lonely\uD800", 500)).isEqualTo("lonely");
    }

    @Test
    void pdfOperatorsAndBackslashesStayPlainText() {
        assertThat(cell(") Tj ET BT (x) Tj \\ /Name", 500)).isEqualTo(") Tj ET BT (x) Tj \\ /Name");
    }

    @Test
    void rightToLeftRunsAreLaidOutInVisualOrder() {
        assertThat(cell("שלום", 500)).isEqualTo("םולש");
        assertThat(cell("agent שלום x", 500)).isEqualTo("agent םולש x");
        // Unicode bidi: a number after right-to-left text joins its run (as a browser shows it)
        assertThat(cell("agent שלום 7", 500)).isEqualTo("agent 7 םולש");
    }

    @Test
    void longTextIsCutWithAnEllipsisToTheLongestPrefixThatFits() {
        String cut = cell("x".repeat(300), 100);
        assertThat(cut).endsWith(CellText.ELLIPSIS).matches("x+…");
        assertThat(font.width(cut, SIZE)).isLessThanOrEqualTo(100f);
        assertThat(font.width(cut.replace(CellText.ELLIPSIS, "x" + CellText.ELLIPSIS), SIZE)).isGreaterThan(100f);
    }

    @Test
    void anyMixOfHostileCharactersGivesOneLineOfShowableGlyphsWithinTheWidth() {
        int[][] ranges = {{0x20, 0x7E}, {0x00, 0x1F}, {0x4E00, 0x4E40}, {0x1F600, 0x1F640}, {0x0627, 0x064A},
            {0x05D0, 0x05EA}, {0x202A, 0x202E}, {0x2066, 0x2069}, {0x0300, 0x0310}, {0xD800, 0xDFFF}, {0x85, 0x85},
            {0x2028, 0x2029}, {0xE000, 0xE010}};
        Random random = new Random(2026);
        for (int run = 0; run < 1500; run++) {
            StringBuilder raw = new StringBuilder();
            int length = random.nextInt(120);
            for (int i = 0; i < length; i++) {
                int[] range = ranges[random.nextInt(ranges.length)];
                raw.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
            }
            double width = 20 + random.nextInt(200);
            String cell = cell(raw.toString(), width);
            assertThat(font.width(cell, SIZE)).as("%s", raw).isLessThanOrEqualTo((float) width);
            cell.codePoints().forEach(cp -> {
                assertThat(font.canShow(cp)).as("U+%04X of %s", cp, raw).isTrue();
                int type = Character.getType(cp);
                assertThat(type).as("U+%04X", cp).isNotIn((int) Character.CONTROL, (int) Character.FORMAT,
                        (int) Character.SURROGATE, (int) Character.LINE_SEPARATOR, (int) Character.PARAGRAPH_SEPARATOR);
            });
        }
    }
}
