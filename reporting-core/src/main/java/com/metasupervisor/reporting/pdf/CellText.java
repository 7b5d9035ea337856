package com.metasupervisor.reporting.pdf;

import java.text.Bidi;
import java.util.function.IntPredicate;
import java.util.function.ToDoubleFunction;

/**
 * Untrusted text (agent and class names, reasons, alert messages) made safe for one line of a cell: controls and
 * format characters (bidi overrides such as U+202E included) are dropped, line breaks and tabs become spaces, code
 * points the font has no glyph for become '?', the result is cut to the width with "…" and put in visual order for
 * right-to-left runs (PDFBox does no bidi; Arabic is not shaped, its letters show in their isolated forms).
 */
final class CellText {

    static final String ELLIPSIS = "…";

    private CellText() {
    }

    /** Clean, fitted to {@code maxWidth} as {@code width} measures it, in visual order. */
    static String cell(String raw, IntPredicate canShow, ToDoubleFunction<String> width, double maxWidth) {
        return visualOrder(fit(clean(raw, canShow), width, maxWidth));
    }

    /** Controls dropped, whitespace runs as one space, glyph-less code points as '?'; null as "". */
    static String clean(String raw, IntPredicate canShow) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(raw.length(), 1024));
        boolean space = false;
        for (int i = 0; i < raw.length() && out.length() < 1024; ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = !out.isEmpty();
                continue;
            }
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE || type == Character.UNASSIGNED) {
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            if (canShow.test(cp)) {
                out.appendCodePoint(cp);
            } else {
                out.append('?');
            }
        }
        return out.toString();
    }

    /** The longest prefix (whole code points) that with "…" fits; the text itself when it fits. */
    static String fit(String clean, ToDoubleFunction<String> width, double maxWidth) {
        if (width.applyAsDouble(clean) <= maxWidth) {
            return clean;
        }
        int[] cps = clean.codePoints().toArray();
        int low = 0;
        int high = cps.length;
        while (low < high) { // largest n with prefix(n) + "…" fitting
            int mid = (low + high + 1) >>> 1;
            if (width.applyAsDouble(new String(cps, 0, mid) + ELLIPSIS) <= maxWidth) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low == 0 && width.applyAsDouble(ELLIPSIS) > maxWidth ? "" : new String(cps, 0, low).stripTrailing() + ELLIPSIS;
    }

    /** Right-to-left runs reversed and the runs laid out left to right as java.text.Bidi orders them. */
    static String visualOrder(String logical) {
        char[] chars = logical.toCharArray();
        if (!Bidi.requiresBidi(chars, 0, chars.length)) {
            return logical;
        }
        Bidi bidi = new Bidi(logical, Bidi.DIRECTION_DEFAULT_LEFT_TO_RIGHT);
        int runs = bidi.getRunCount();
        byte[] levels = new byte[runs];
        Object[] texts = new Object[runs];
        for (int r = 0; r < runs; r++) {
            levels[r] = (byte) bidi.getRunLevel(r);
            String run = logical.substring(bidi.getRunStart(r), bidi.getRunLimit(r));
            texts[r] = (levels[r] & 1) == 1 ? reverse(run) : run;
        }
        Bidi.reorderVisually(levels, 0, texts, 0, runs);
        StringBuilder out = new StringBuilder(logical.length());
        for (Object t : texts) {
            out.append((String) t);
        }
        return out.toString();
    }

    private static String reverse(String run) {
        int[] cps = run.codePoints().toArray();
        StringBuilder out = new StringBuilder(run.length());
        for (int i = cps.length - 1; i >= 0; i--) {
            int cp = cps[i];
            out.appendCodePoint(Character.isMirrored(cp) ? mirror(cp) : cp);
        }
        return out.toString();
    }

    private static int mirror(int cp) {
        return switch (cp) {
            case '(' -> ')';
            case ')' -> '(';
            case '[' -> ']';
            case ']' -> '[';
            case '{' -> '}';
            case '}' -> '{';
            case '<' -> '>';
            case '>' -> '<';
            default -> cp;
        };
    }
}
