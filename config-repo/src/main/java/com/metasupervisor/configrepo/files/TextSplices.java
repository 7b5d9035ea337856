package com.metasupervisor.configrepo.files;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replacements and insertions planned against one text, applied together so that every offset refers to the
 * original; the text between them is copied untouched.
 */
final class TextSplices {
    private record Splice(int start, int end, String replacement, int order) {
    }

    private final String original;
    private final List<Splice> splices = new ArrayList<>();

    TextSplices(String original) {
        this.original = original;
    }

    /** The original's line break ("\r\n" when the person's file uses it), for the lines an edit adds. */
    String newline() {
        return original.contains("\r\n") ? "\r\n" : "\n";
    }

    void replace(int start, int end, String replacement) {
        if (start < 0 || end < start || end > original.length()) {
            throw new IllegalArgumentException("splice [" + start + ", " + end + ") outside the text");
        }
        splices.add(new Splice(start, end, replacement, splices.size()));
    }

    void insert(int at, String text) {
        replace(at, at, text);
    }

    /**
     * Inserts whole lines after the line holding {@code offset} (after its comment, before the next line); each line
     * is prefixed with {@code indent} spaces.
     */
    void insertLinesAfter(int offset, List<String> lines, int indent) {
        String newline = newline();
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(" ".repeat(indent)).append(line).append(newline);
        }
        int at;
        int lineBreak = original.indexOf('\n', offset);
        if (lineBreak < 0) {
            // the last line has no line break: give it one before the new lines
            text.insert(0, newline);
            at = original.length();
        } else {
            at = lineBreak + 1;
        }
        insert(at, text.toString());
    }

    /** Appends whole lines at the end of the text (after a line break, given to the last line if it has none). */
    void appendLines(List<String> lines, int indent) {
        if (original.isEmpty() || original.endsWith("\n")) {
            StringBuilder text = new StringBuilder();
            lines.forEach(line -> text.append(" ".repeat(indent)).append(line).append(newline()));
            insert(original.length(), text.toString());
        } else {
            insertLinesAfter(original.length() - 1, lines, indent);
        }
    }

    String apply() {
        List<Splice> ordered = new ArrayList<>(splices);
        ordered.sort(Comparator.comparingInt(Splice::start).thenComparingInt(Splice::order));
        StringBuilder result = new StringBuilder(original.length() + 64);
        int copied = 0;
        for (Splice splice : ordered) {
            if (splice.start() < copied) {
                throw new IllegalStateException("overlapping edits at offset " + splice.start());
            }
            result.append(original, copied, splice.start()).append(splice.replacement());
            copied = splice.end();
        }
        return result.append(original, copied, original.length()).toString();
    }
}
