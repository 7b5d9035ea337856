package com.metasupervisor.risk.config;

/**
 * Divergence alerts (SPEC §4), keys under {@code risk.divergence.}. The window is the agent's newest
 * {@code risk.stats.window-rows} rows.
 *
 * @param minRows          no evaluation below this many rows in the window
 * @param meanAbsErrorBps  trigger {@code mean_abs_error}: mean abs error ≥ this
 * @param meanErrorBps     trigger {@code mean_error}: |mean error| ≥ this
 * @param rmseSpikeFactor  trigger {@code rmse_spike}: RMSE ≥ this × the model's holdout RMSE
 * @param hitRateDrop      trigger {@code hit_rate_collapse}: hit rate < expected hit rate − this
 * @param escalationFactor severity HIGH when mean abs error ≥ this × {@code meanAbsErrorBps}
 * @param resolveRatio     an open alert resolves when every trigger is below this × its threshold
 */
public record DivergenceSettings(int minRows, double meanAbsErrorBps, double meanErrorBps, double rmseSpikeFactor,
        double hitRateDrop, double escalationFactor, double resolveRatio) {

    public static final String PREFIX = "risk.divergence.";

    public DivergenceSettings {
        Check.positive(PREFIX + "min-rows", minRows);
        Check.positive(PREFIX + "mean-abs-error-bps", meanAbsErrorBps);
        Check.positive(PREFIX + "mean-error-bps", meanErrorBps);
        Check.positive(PREFIX + "rmse-spike-factor", rmseSpikeFactor);
        Check.fraction(PREFIX + "hit-rate-drop", hitRateDrop);
        if (!Double.isFinite(escalationFactor) || escalationFactor < 1) {
            throw new IllegalArgumentException(PREFIX + "escalation-factor must be a finite number >= 1, was " + escalationFactor);
        }
        Check.fraction(PREFIX + "resolve-ratio", resolveRatio);
    }

    /** SPEC §4 for a window of 80 rows: ≥ 20 rows, 90 bps, 40 bps, 2×, 0.15, 1.3×, 0.8. */
    public static DivergenceSettings defaults() {
        return defaults(AgentStatsSettings.defaults().windowRows());
    }

    /** SPEC §4 with the minimum rows of a window of {@code windowRows}. */
    public static DivergenceSettings defaults(int windowRows) {
        return new DivergenceSettings(defaultMinRows(windowRows), 90, 40, 2, 0.15, 1.3, 0.8);
    }

    /** max(10, window / 4), but never more than the window holds. */
    public static int defaultMinRows(int windowRows) {
        return Math.min(windowRows, Math.max(10, windowRows / 4));
    }
}
