package com.metasupervisor.governance.config;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Persistence of an agent's PROMOTE criteria (SPEC §6), keys under {@code governance.promotion.}.
 *
 * @param consecutiveEvaluations PROMOTE once the criteria held on this many counted evaluations in a row
 * @param minSpan                an evaluation counts only this long (or longer) after the previous counted one
 */
@ConfigurationProperties("governance.promotion")
public record PromotionGateSettings(
        @Bindable(defaultValue = "3") int consecutiveEvaluations,
        @Bindable(defaultValue = "PT6H") Duration minSpan) {

    public static final String PREFIX = "governance.promotion.";

    public PromotionGateSettings {
        ArgChecker.positive(consecutiveEvaluations, PREFIX + "consecutive-evaluations");
        ArgChecker.notNegative(minSpan, PREFIX + "min-span");
    }

    /** SPEC §6: 3 evaluations, at least 6 h apart. */
    public static PromotionGateSettings defaults() {
        return SettingsDefaults.of(PromotionGateSettings.class);
    }
}
