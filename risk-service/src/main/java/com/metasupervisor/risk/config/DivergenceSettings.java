package com.metasupervisor.risk.config;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Divergence alerts (SPEC §4), keys under {@code risk.divergence.}. The window is the agent's newest
 * {@code risk.stats.window-rows} rows.
 *
 * @param minRows          no evaluation below this many rows in the window; at most risk.stats.window-rows (the
 *                         default is {@link #defaultMinRows} of the default window)
 * @param meanAbsErrorBps  trigger {@code mean_abs_error}: mean abs error ≥ this
 * @param meanErrorBps     trigger {@code mean_error}: |mean error| ≥ this
 * @param rmseSpikeFactor  trigger {@code rmse_spike}: RMSE ≥ this × the model's holdout RMSE
 * @param hitRateDrop      trigger {@code hit_rate_collapse}: hit rate < expected hit rate − this
 * @param escalationFactor severity HIGH when mean abs error ≥ this × {@code meanAbsErrorBps}
 * @param resolveRatio     an open alert resolves when every trigger is below this × its threshold
 */
@ConfigurationProperties("risk.divergence")
public record DivergenceSettings(
        @Bindable(defaultValue = "20") int minRows,
        @Bindable(defaultValue = "90") double meanAbsErrorBps,
        @Bindable(defaultValue = "40") double meanErrorBps,
        @Bindable(defaultValue = "2") double rmseSpikeFactor,
        @Bindable(defaultValue = "0.15") double hitRateDrop,
        @Bindable(defaultValue = "1.3") double escalationFactor,
        @Bindable(defaultValue = "0.8") double resolveRatio) {

    public static final String PREFIX = "risk.divergence.";

    public DivergenceSettings {
        ArgChecker.positive(minRows, PREFIX + "min-rows");
        ArgChecker.positive(meanAbsErrorBps, PREFIX + "mean-abs-error-bps");
        ArgChecker.positive(meanErrorBps, PREFIX + "mean-error-bps");
        ArgChecker.positive(rmseSpikeFactor, PREFIX + "rmse-spike-factor");
        ArgChecker.fraction(hitRateDrop, PREFIX + "hit-rate-drop");
        ArgChecker.atLeast(escalationFactor, 1, PREFIX + "escalation-factor");
        ArgChecker.fraction(resolveRatio, PREFIX + "resolve-ratio");
    }

    /** SPEC §4 for a window of 80 rows: ≥ 20 rows, 90 bps, 40 bps, 2×, 0.15, 1.3×, 0.8. */
    public static DivergenceSettings defaults() {
        return SettingsDefaults.of(DivergenceSettings.class);
    }

    /** The defaults with the minimum rows of a window of {@code windowRows}. */
    public static DivergenceSettings defaults(int windowRows) {
        DivergenceSettings d = defaults();
        return new DivergenceSettings(defaultMinRows(windowRows), d.meanAbsErrorBps, d.meanErrorBps, d.rmseSpikeFactor,
                d.hitRateDrop, d.escalationFactor, d.resolveRatio);
    }

    /** max(10, window / 4), but never more than the window holds. */
    public static int defaultMinRows(int windowRows) {
        return Math.min(windowRows, Math.max(10, windowRows / 4));
    }
}
