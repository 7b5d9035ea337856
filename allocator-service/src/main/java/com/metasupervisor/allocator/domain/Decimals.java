package com.metasupervisor.allocator.domain;

/**
 * Fixed-point text of numbers for explanations and reasons, appended digit by digit (no format string, no
 * intermediate String: an evaluation of 10 000 agents writes about ten numbers per agent and policy; locale-free).
 */
final class Decimals {

    private static final long[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    private Decimals() {
    }

    /** {@code x} with exactly {@code decimals} (0..6) digits after the point, e.g. fixed(0.1234567, 4) = "0.1235". */
    static String fixed(double x, int decimals) {
        return append(new StringBuilder(16), x, decimals).toString();
    }

    /** Appends {@code x} with exactly {@code decimals} digits after the point (beyond ±1e12 or not finite: as Java prints it). */
    static StringBuilder append(StringBuilder out, double x, int decimals) {
        if (!(Math.abs(x) < 1e12)) {
            return out.append(x);
        }
        long power = POWERS[decimals];
        long scaled = Math.round(Math.abs(x) * power);
        // the digits are written right to left into a small array and appended at once (one bounds check, not one a digit)
        char[] digits = new char[24];
        int at = digits.length;
        for (int i = 0; i < decimals; i++) {
            digits[--at] = (char) ('0' + scaled % 10);
            scaled /= 10;
        }
        if (decimals > 0) {
            digits[--at] = '.';
        }
        do {
            digits[--at] = (char) ('0' + scaled % 10);
            scaled /= 10;
        } while (scaled > 0);
        if (x < 0 && !allZero(digits, at)) {
            digits[--at] = '-';
        }
        return out.append(digits, at, digits.length - at);
    }

    private static boolean allZero(char[] digits, int from) {
        for (int i = from; i < digits.length; i++) {
            if (digits[i] != '0' && digits[i] != '.') {
                return false;
            }
        }
        return true;
    }

    /** Appends {@code x} with at most {@code decimals} digits after the point and no trailing zeros: 0.150 → "0.15". */
    static StringBuilder appendCompact(StringBuilder out, double x, int decimals) {
        if (!(Math.abs(x) < 1e12) || decimals == 0) {
            return append(out, x, decimals);
        }
        append(out, x, decimals);
        int end = out.length();
        while (out.charAt(end - 1) == '0') {
            end--;
        }
        if (out.charAt(end - 1) == '.') {
            end--;
        }
        out.setLength(end);
        return out;
    }

    /** {@code x} with at most {@code decimals} digits after the point and no trailing zeros. */
    static String compact(double x, int decimals) {
        return appendCompact(new StringBuilder(16), x, decimals).toString();
    }

    /** A share as a percentage with at most 2 decimals and no trailing zeros: 0.25 → "25 %", 1/30 → "3.33 %". */
    static String percent(double share) {
        return compact(share * 100, 2) + " %";
    }
}
