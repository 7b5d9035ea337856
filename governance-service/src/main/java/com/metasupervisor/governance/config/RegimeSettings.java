package com.metasupervisor.governance.config;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How the current regime is known (SPEC §5), keys under {@code governance.regime.}: the newest market.regime record when
 * ops or a regime detector ever published one, else the majority regime of the newest alpha events.
 *
 * @param majorityOf the current regime without market.regime is the majority regime of the newest this-many alpha events
 */
@ConfigurationProperties("governance.regime")
public record RegimeSettings(@Bindable(defaultValue = "100") int majorityOf) {

    public static final String PREFIX = "governance.regime.";

    public RegimeSettings {
        ArgChecker.positive(majorityOf, PREFIX + "majority-of");
    }

    /** The newest 100 alpha events (SPEC §5). */
    public static RegimeSettings defaults() {
        return SettingsDefaults.of(RegimeSettings.class);
    }
}
