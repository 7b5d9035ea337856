package com.metasupervisor.cli;

/**
 * Untrusted text (an agent's name, a message, a dead letter's bytes) made safe to print on a terminal: control
 * characters (ESC starting a colour or cursor sequence, CR rewriting the line, BEL, C1 controls) and invisible format
 * characters (bidi overrides that reorder what is shown) are written as visible escapes (<code>&#92;u001b</code>), so nothing
 * printed can restyle the terminal or pretend to be something else. A backslash itself is kept. The escapes are JSON's
 * (<code>&#92;uXXXX</code> per UTF-16 unit), so a JSON line stays JSON that reads back as the original text.
 */
final class TerminalText {

    private TerminalText() {
    }

    static String safe(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int type = Character.getType(cp);
            boolean unsafe = type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.UNASSIGNED;
            if (unsafe && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (unsafe) {
                    // UTF-16 units, as JSON writes them: tail's json lines stay valid JSON
                    for (char unit : Character.toChars(cp)) {
                        out.append(String.format("\\u%04x", (int) unit));
                    }
                } else {
                    out.appendCodePoint(cp);
                }
            }
            i += Character.charCount(cp);
        }
        return out == null ? text : out.toString();
    }

    /** {@link #safe} and at most {@code max} characters ({@code …} marking a cut). */
    static String safe(String text, int max) {
        String safe = safe(text);
        if (safe.length() <= max) {
            return safe;
        }
        int cut = Math.max(0, max - 1);
        if (cut > 0 && Character.isHighSurrogate(safe.charAt(cut - 1))) {
            cut--; // never half of an astral character
        }
        return safe.substring(0, cut) + "…";
    }
}
