package com.metasupervisor.reporting.execute;

/**
 * Untrusted text (agent names, alert ids and messages) as one inert Markdown line in what the executor writes on a pull
 * request (a comment, a note in the body); the domain's {@code InertMarkdown} is package-private there. Every
 * character that can open Markdown or HTML ({@value #ACTIVE}) is backslash-escaped, so no emphasis, link, image, code
 * span, heading, table, strikethrough, entity or tag can start; a leading list or quote marker ({@code -}, {@code +},
 * {@code 1.}, {@code 1)}) is escaped too; line breaks and controls become one space, bidi controls U+FFFD;
 * {@code @}, {@code www.} and {@code ://} take a zero-width space (no mention, no autolink). Other punctuation stays
 * as it is, so "0.4" reads "0.4" in a raw git note.
 */
final class InertText {

    private static final char ZERO_WIDTH_SPACE = '\u200B';
    /** What CommonMark and GitHub give a meaning inside a line. */
    static final String ACTIVE = "\\`*_[]()<>#!|~&{}@";
    private static final java.util.regex.Pattern LEADING_MARKER = java.util.regex.Pattern.compile("^(?:[-+=]|\\d{1,9}[.)])");

    private InertText() {
    }

    /** At most {@code maxCodePoints} of {@code text} (a cut marked "…"), inert; "(blank)" when nothing is left. */
    static String line(String text, int maxCodePoints) {
        String cut = text.codePointCount(0, text.length()) <= maxCodePoints ? text
                : text.substring(0, text.offsetByCodePoints(0, maxCodePoints)) + "…";
        StringBuilder out = new StringBuilder(cut.length() + 16);
        boolean lastWasSpace = false;
        for (int i = 0; i < cut.length(); ) {
            int cp = cut.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029 || Character.getType(cp) == Character.LINE_SEPARATOR
                    || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR) {
                if (!lastWasSpace) {
                    out.append(' ');
                }
                lastWasSpace = true;
                continue;
            }
            lastWasSpace = false;
            if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C) {
                out.append('\uFFFD');
            } else if (cp == '@') {
                out.append("\\@").append(ZERO_WIDTH_SPACE);
            } else if (cp < 128 && ACTIVE.indexOf(cp) >= 0) {
                out.append('\\').append((char) cp);
            } else {
                out.appendCodePoint(cp);
            }
        }
        // GFM autolinks "www." and "scheme://": a zero-width space breaks them
        String s = out.toString().strip()
                .replaceAll("(?i)(www)\\.", "$1" + ZERO_WIDTH_SPACE + ".")
                .replace("://", ":" + ZERO_WIDTH_SPACE + "//");
        java.util.regex.Matcher marker = LEADING_MARKER.matcher(s);
        if (marker.find()) {
            s = s.substring(0, marker.end() - 1) + "\\" + s.substring(marker.end() - 1);
        }
        return s.isEmpty() ? "(blank)" : s;
    }
}
