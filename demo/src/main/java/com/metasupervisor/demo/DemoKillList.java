package com.metasupervisor.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's {@code meta_supervisor/kill_list.yaml}: SPEC §6's seed kill list plus a CRISIS CVaR limit for the class the
 * truth breaks in CRISIS, so governance can disable it while CRISIS is current (the seed has no CRISIS limits, and a
 * class without a limit for the current regime is not judged on CVaR). Written as text, not re-serialised, so the seed's
 * comments stay for the person who reads the repository.
 */
public final class DemoKillList {

    /**
     * The CRISIS limit given to the broken class, from the simulator's calibration (fleet-simulator's
     * ScenarioCalibrationTest, seeds 1-5 and 42, 30 days): every sound class's CRISIS cvar95 stays ≤ 34 bps at any check
     * with ≥ 30 rows (under 0.8 × 55), the broken class's ends at 84-121 bps.
     */
    public static final double CRISIS_LIMIT_BPS = 55;

    private DemoKillList() {
    }

    /**
     * {@code seedText} with {@code by_regime: CRISIS: max_cvar_error_bps: <limitBps>} added to {@code strategyClass}'s
     * entry (a top-level key of two-space-indented YAML), the entry appended when there is none.
     */
    public static String withCrisisLimit(String seedText, String strategyClass, double limitBps) {
        if (!(limitBps > 0) || Double.isInfinite(limitBps)) {
            throw new IllegalArgumentException("a CVaR limit is > 0 bps, was " + limitBps);
        }
        if (strategyClass == null || !strategyClass.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a strategy class name: '" + strategyClass + "'");
        }
        String limit = String.format(Locale.ROOT, "      max_cvar_error_bps: %s", number(limitBps));
        List<String> lines = new ArrayList<>(seedText.lines().toList());
        int classLine = lines.indexOf(strategyClass + ":");
        if (classLine < 0) {
            lines.addAll(List.of(strategyClass + ":", "  by_regime:", "    CRISIS:", limit));
        } else {
            int end = classLine + 1;
            while (end < lines.size() && (lines.get(end).startsWith(" ") || lines.get(end).isBlank())) {
                end++;
            }
            int byRegime = lines.subList(classLine + 1, end).indexOf("  by_regime:");
            if (byRegime < 0) {
                lines.addAll(end, List.of("  by_regime:", "    CRISIS:", limit));
            } else {
                lines.addAll(classLine + 2 + byRegime, List.of("    CRISIS:", limit));
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
