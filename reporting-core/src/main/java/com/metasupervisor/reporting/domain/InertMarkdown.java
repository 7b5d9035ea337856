package com.metasupervisor.reporting.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Untrusted text (agent names, reasons, ids) rendered as inert GitHub Markdown on one line (it may follow a list
 * marker, where a block can start, so block markers are neutralised too):
 * <ul>
 *   <li>line breaks (every Unicode line or paragraph separator) and other control characters become one space;</li>
 *   <li>bidirectional overrides and isolates (which can make a name read backwards) become U+FFFD;</li>
 *   <li>every ASCII character that starts inline Markdown, HTML or an entity is backslash-escaped (so no code span,
 *       emphasis, link, image, tag, table cell or {@code &#64;} entity);</li>
 *   <li>{@code ://}, {@code www.} and an {@code @} that starts a word get a zero-width space, so GitHub neither
 *       notifies a user or team ({@code @here}, {@code @org/team}) nor autolinks a URL; an {@code @} inside a word
 *       (a decision id {@code agent@millis:ACTION}, an e-mail) is no mention and stays as it is;</li>
 *   <li>leading and trailing blanks are stripped (no indented code block) and a leading list marker ({@code - },
 *       {@code + }, {@code 1. }) or {@code ---} is escaped (no nested list, no rule); {@code -612} stays as it is.</li>
 * </ul>
 */
public final class InertMarkdown {

    private static final String ESCAPED = "\\`*_[]()<>#!|~&{}";
    private static final char ZERO_WIDTH_SPACE = '\u200B';
    private static final Pattern WWW = Pattern.compile("(?i)(www)\\.");
    private static final Pattern ORDERED_LIST_START = Pattern.compile("\\d{1,9}\\.(?=\\s|$)");
    private static final Pattern BULLET_OR_RULE_START = Pattern.compile("[-+](?=\\s|$|-)");

    private InertMarkdown() {
    }

    /** {@link #inline(String)} of at most {@code maxCodePoints} of the text, a cut marked with "…". */
    public static String inline(String text, int maxCodePoints) {
        if (text.codePointCount(0, text.length()) <= maxCodePoints) {
            return inline(text);
        }
        return inline(text.substring(0, text.offsetByCodePoints(0, maxCodePoints))) + "…";
    }

    public static String inline(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean lastWasSpace = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isBreakOrControl(cp)) {
                if (!lastWasSpace) {
                    out.append(' ');
                }
                lastWasSpace = true;
                continue;
            }
            lastWasSpace = false;
            if (isBidiControl(cp)) {
                out.append('\uFFFD');
            } else if (cp < 128 && ESCAPED.indexOf(cp) >= 0) {
                out.append('\\').append((char) cp);
            } else if (cp == '@' && (out.isEmpty() || !Character.isLetterOrDigit(out.codePointBefore(out.length())))) {
                out.append('@').append(ZERO_WIDTH_SPACE);
            } else {
                out.appendCodePoint(cp);
            }
        }
        String s = out.toString().strip().replace("://", ":" + ZERO_WIDTH_SPACE + "//");
        s = WWW.matcher(s).replaceAll("$1" + ZERO_WIDTH_SPACE + ".");
        Matcher ordered = ORDERED_LIST_START.matcher(s);
        if (ordered.lookingAt()) {
            return s.substring(0, ordered.end() - 1) + "\\" + s.substring(ordered.end() - 1);
        }
        if (s.isEmpty()) {
            return "(blank)";
        }
        return BULLET_OR_RULE_START.matcher(s).lookingAt() ? "\\" + s : s;
    }

    /** A figure in a report: 4 significant digits, plain notation, no trailing zeros ("120.5", "0.553", "-1235"). */
    static String figure(double value) {
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static boolean isBreakOrControl(int cp) {
        return Character.isISOControl(cp) || cp == '\u2028' || cp == '\u2029';
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F
                || cp == 0x061C;
    }
}
