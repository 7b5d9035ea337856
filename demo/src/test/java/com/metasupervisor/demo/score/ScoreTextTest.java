package com.metasupervisor.demo.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScoreTextTest {

    @Test
    void anyTextBecomesOnePrintableCappedLine() {
        SplittableRandom random = new SplittableRandom(1414);
        int[] awkward = {'\n', '\r', '\t', 0, 0x1b, 0x7f, 0x85, 0x2028, 0x2029, 0x202e, 0x200b, 0xfeff};
        for (int run = 0; run < 500; run++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(400); i > 0; i--) {
                text.appendCodePoint(random.nextBoolean() ? awkward[random.nextInt(awkward.length)]
                        : random.nextBoolean() ? 'a' + random.nextInt(26) : 0x1F600 + random.nextInt(50));
            }

            String line = ScoreText.oneLine(text.toString());

            assertThat(line.lines().count()).isLessThanOrEqualTo(1);
            assertThat(line.codePoints()).noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR);
            assertThat(line.codePointCount(0, line.length())).isLessThanOrEqualTo(ScoreText.MAX_LINE + 1);
            if (text.codePointCount(0, text.length()) <= ScoreText.MAX_LINE) {
                assertThat(line.codePointCount(0, line.length())).isEqualTo(text.codePointCount(0, text.length()));
            }
        }
    }
}
