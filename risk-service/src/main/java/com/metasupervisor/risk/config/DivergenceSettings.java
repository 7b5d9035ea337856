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
 * @param hitRateSignificance    trigger {@code hit_rate_collapse} also needs the window's hits to be this
 *                               unlikely for the model: one-sided binomial p-value (hits this few or fewer,
 *                               at the expected hit rate) below this; 1 turns the test off
 * @param rmseSpikeSignificance  trigger {@code rmse_spike} also needs the window's mean square to be this
 *                               unlikely for a calibrated agent: chi-square p-value below this; 1 turns it off
 * @param calibratedSpreadFactor the widest spread a calibrated agent may have, × the model's holdout RMSE
 *                               (SPEC §4: 1.5): the variance the RMSE test judges the window against, and
 *                               the widest spread the hit-rate CUSUM grants an agent
 * @param hitRateCusumSlack      the hit-rate CUSUM's allowance k: per row, S = max(0, S + p − hit − k), p the
 *                               row's hit probability for the agent's own spread; in [0, 1)
 * @param hitRateCusumThreshold  the hit-rate CUSUM's decision level h: trigger {@code hit_rate_collapse} is
 *                               also significant when S ≥ this (whether or not the binomial test is)
 */
@ConfigurationProperties("risk.divergence")
public record DivergenceSettings(
        @Bindable(defaultValue = "20") int minRows,
        @Bindable(defaultValue = "90") double meanAbsErrorBps,
        @Bindable(defaultValue = "40") double meanErrorBps,
        @Bindable(defaultValue = "2") double rmseSpikeFactor,
        @Bindable(defaultValue = "0.15") double hitRateDrop,
        @Bindable(defaultValue = "1.3") double escalationFactor,
        @Bindable(defaultValue = "0.8") double resolveRatio,
        @Bindable(defaultValue = "0.0001") double hitRateSignificance,
        @Bindable(defaultValue = "0.0001") double rmseSpikeSignificance,
        @Bindable(defaultValue = "1.5") double calibratedSpreadFactor,
        @Bindable(defaultValue = "0.105") double hitRateCusumSlack,
        @Bindable(defaultValue = "9") double hitRateCusumThreshold) {

    public static final String PREFIX = "risk.divergence.";

    public DivergenceSettings {
        ArgChecker.positive(minRows, PREFIX + "min-rows");
        ArgChecker.positive(meanAbsErrorBps, PREFIX + "mean-abs-error-bps");
        ArgChecker.positive(meanErrorBps, PREFIX + "mean-error-bps");
        ArgChecker.positive(rmseSpikeFactor, PREFIX + "rmse-spike-factor");
        ArgChecker.fraction(hitRateDrop, PREFIX + "hit-rate-drop");
        ArgChecker.atLeast(escalationFactor, 1, PREFIX + "escalation-factor");
        ArgChecker.fraction(resolveRatio, PREFIX + "resolve-ratio");
        significance(hitRateSignificance, PREFIX + "hit-rate-significance");
        significance(rmseSpikeSignificance, PREFIX + "rmse-spike-significance");
        ArgChecker.positive(calibratedSpreadFactor, PREFIX + "calibrated-spread-factor");
        ArgChecker.isTrue(hitRateCusumSlack >= 0 && hitRateCusumSlack < 1,
                PREFIX + "hit-rate-cusum-slack must be in [0, 1), was " + hitRateCusumSlack);
        ArgChecker.positive(hitRateCusumThreshold, PREFIX + "hit-rate-cusum-threshold");
    }

    /** The given thresholds and significance tests with the default hit-rate CUSUM. */
    public DivergenceSettings(int minRows, double meanAbsErrorBps, double meanErrorBps, double rmseSpikeFactor,
            double hitRateDrop, double escalationFactor, double resolveRatio, double hitRateSignificance,
            double rmseSpikeSignificance, double calibratedSpreadFactor) {
        this(minRows, meanAbsErrorBps, meanErrorBps, rmseSpikeFactor, hitRateDrop, escalationFactor, resolveRatio,
                hitRateSignificance, rmseSpikeSignificance, calibratedSpreadFactor, defaults().hitRateCusumSlack,
                defaults().hitRateCusumThreshold);
    }

    /** SPEC §4's thresholds with the default significance tests. */
    public DivergenceSettings(int minRows, double meanAbsErrorBps, double meanErrorBps, double rmseSpikeFactor,
            double hitRateDrop, double escalationFactor, double resolveRatio) {
        this(minRows, meanAbsErrorBps, meanErrorBps, rmseSpikeFactor, hitRateDrop, escalationFactor, resolveRatio,
                defaults().hitRateSignificance, defaults().rmseSpikeSignificance, defaults().calibratedSpreadFactor,
                defaults().hitRateCusumSlack, defaults().hitRateCusumThreshold);
    }

    private static void significance(double value, String key) {
        ArgChecker.isTrue(value > 0 && value <= 1, key + " must be in (0, 1], was " + value);
    }

    /** SPEC §4 for a window of 80 rows: ≥ 20 rows, 90 bps, 40 bps, 2×, 0.15, 1.3×, 0.8. */
    public static DivergenceSettings defaults() {
        return SettingsDefaults.of(DivergenceSettings.class);
    }

    /** The defaults with the minimum rows of a window of {@code windowRows}. */
    public static DivergenceSettings defaults(int windowRows) {
        DivergenceSettings d = defaults();
        return new DivergenceSettings(defaultMinRows(windowRows), d.meanAbsErrorBps, d.meanErrorBps, d.rmseSpikeFactor,
                d.hitRateDrop, d.escalationFactor, d.resolveRatio, d.hitRateSignificance, d.rmseSpikeSignificance,
                d.calibratedSpreadFactor, d.hitRateCusumSlack, d.hitRateCusumThreshold);
    }

    /** max(10, window / 4), but never more than the window holds. */
    public static int defaultMinRows(int windowRows) {
        return Math.min(windowRows, Math.max(10, windowRows / 4));
    }
}
