package com.metasupervisor.reporting.pdf;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the report prints figures: bps 1 dp, ratios 2 dp, percentages 1 dp, "n/a" for a missing figure. */
final class FigureFormat {

    static final String NA = "n/a";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private FigureFormat() {
    }

    static String bps(Double v) {
        return fixed(v, 1);
    }

    static String ratio(Double v) {
        return fixed(v, 2);
    }

    /** A fraction as a percentage: 0.523 → "52.3%". */
    static String percent(Double fraction) {
        return fraction == null ? NA : fixed(fraction * 100, 1) + "%";
    }

    static String count(long n) {
        return Long.toString(n);
    }

    static String date(LocalDate d) {
        return d == null ? NA : d.toString();
    }

    static String time(Instant at, ZoneId zone) {
        return at == null ? NA : TIME.format(at.atZone(zone));
    }

    private static String fixed(Double v, int decimals) {
        if (v == null || !Double.isFinite(v)) {
            return NA;
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        // -0.04 prints "-0.0": a sign on a zero figure only confuses
        return s.matches("-0\\.?0*") ? s.substring(1) : s;
    }
}
