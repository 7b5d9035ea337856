package com.metasupervisor.reporting.config;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The planner's wall clock, key under {@code reporting.planner.}.
 *
 * @param tick how often the planner looks at the clock: closes debounce windows, plans scheduled reports, forgets what
 *             is older than {@code reporting.pull-requests.remember}; a schedule fires at most this late
 */
@ConfigurationProperties("reporting.planner")
public record PlannerSettings(@Bindable(defaultValue = "PT1S") Duration tick) {

    public static final String PREFIX = "reporting.planner.";

    public PlannerSettings {
        ArgChecker.positive(tick, PREFIX + "tick");
    }

    /** A 1 s tick. */
    public static PlannerSettings defaults() {
        return SettingsDefaults.of(PlannerSettings.class);
    }
}
