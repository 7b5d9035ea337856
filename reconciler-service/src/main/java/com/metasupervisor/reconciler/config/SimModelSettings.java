package com.metasupervisor.reconciler.config;

import com.metasupervisor.reconciler.domain.sim.TrainingPolicy;
import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How the ridge sim model is trained (SPEC §3), keys under {@code reconciler.model.}.
 *
 * @param lambda          ridge penalty on the feature coefficients (the intercept is not penalised)
 * @param minRows         fewer rows than this: no model, {@code insufficient_rows}
 * @param maxRows         train on the newest this-many rows of the horizon
 * @param holdoutFraction time-ordered newest share of the rows kept out of the fit to measure it
 * @param trainInterval   how often the schedule trains every horizon
 */
@ConfigurationProperties("reconciler.model")
public record SimModelSettings(
        @Bindable(defaultValue = "5") double lambda,
        @Bindable(defaultValue = "250") int minRows,
        @Bindable(defaultValue = "12000") int maxRows,
        @Bindable(defaultValue = "0.2") double holdoutFraction,
        @Bindable(defaultValue = "P1D") Duration trainInterval) {

    public static final String PREFIX = "reconciler.model.";

    public SimModelSettings {
        ArgChecker.notNegative(lambda, PREFIX + "lambda");
        ArgChecker.fraction(holdoutFraction, PREFIX + "holdout-fraction");
        int smallest = TrainingPolicy.smallestMinRows(holdoutFraction);
        ArgChecker.isTrue(minRows >= smallest, PREFIX + "min-rows must be >= " + smallest + " for holdout-fraction "
                + holdoutFraction + ", was " + minRows);
        ArgChecker.isTrue(maxRows >= minRows, PREFIX + "max-rows (" + maxRows + ") must be >= " + PREFIX + "min-rows (" + minRows + ")");
        ArgChecker.positive(trainInterval, PREFIX + "train-interval");
    }

    /** SPEC §3 defaults: λ 5, at least 250 rows, newest 12 000, last 20 % held out, daily. */
    public static SimModelSettings defaults() {
        return SettingsDefaults.of(SimModelSettings.class);
    }
}
