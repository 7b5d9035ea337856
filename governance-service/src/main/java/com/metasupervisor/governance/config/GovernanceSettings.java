package com.metasupervisor.governance.config;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The service's own keys directly under {@code governance.} (the rules' keys are in the other settings records).
 *
 * @param horizonHours agent stats, CVaR figures and the reconciled rows of class attribution are read at this horizon
 *                     (risk's scoring horizon)
 * @param historySize  decisions kept per agent or class for {@code GET .../decisions} (the topic keeps them all)
 */
@ConfigurationProperties("governance")
public record GovernanceSettings(
        @Bindable(defaultValue = "24") int horizonHours,
        @Bindable(defaultValue = "100") int historySize) {

    public static final String PREFIX = "governance.";

    public GovernanceSettings {
        ArgChecker.positive(horizonHours, PREFIX + "horizon-hours");
        ArgChecker.positive(historySize, PREFIX + "history-size");
    }

    /** Horizon 24 h (risk's default scoring horizon), 100 decisions per subject. */
    public static GovernanceSettings defaults() {
        return SettingsDefaults.of(GovernanceSettings.class);
    }
}
