package com.metasupervisor.reporting.notify;

/**
 * Untrusted text (agent names, reasons, alert messages) made safe to stand on one line of a message: every line
 * break and control character becomes one space (so a name cannot start a header or a new line in an e-mail
 * subject), bidirectional overrides and isolates become U+FFFD (so a name cannot make the text around it read
 * backwards; right-to-left letters themselves stay), blanks at the ends are stripped, and a cut keeps whole code
 * points, marked with "…". Escaping for a medium (Slack mrkdwn) comes on top of this.
 */
public final class OneLineText {

    private OneLineText() {
    }

    /** The text on one line, at most {@code maxCodePoints} code points (a cut ends in "…", within the limit). */
    public static String of(String text, int maxCodePoints) {
        if (maxCodePoints < 1) {
            throw new IllegalArgumentException("maxCodePoints must be >= 1, was " + maxCodePoints);
        }
        String line = of(text);
        if (line.codePointCount(0, line.length()) <= maxCodePoints) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, maxCodePoints - 1)).stripTrailing() + "…";
    }

    /** The text on one line; null reads "(none)", a blank text "(blank)". */
    public static String of(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean lastWasSpace = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isBreakOrControl(cp) || Character.isWhitespace(cp)) {
                if (!lastWasSpace) {
                    out.append(' ');
                }
                lastWasSpace = true;
                continue;
            }
            lastWasSpace = false;
            out.appendCodePoint(isBidiControl(cp) ? '\uFFFD' : cp);
        }
        String line = out.toString().strip();
        return line.isEmpty() ? "(blank)" : line;
    }

    private static boolean isBreakOrControl(int cp) {
        // C0, DEL, C1 (NEL among them), the Unicode line and paragraph separators, and lone surrogates
        return Character.isISOControl(cp) || cp == '\u2028' || cp == '\u2029'
                || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F
                || cp == 0x061C;
    }
}
