package com.metasupervisor.allocator.config;

import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Policy pnl_proportional (SPEC §5): w ∝ max(0, pnl_sum_bps); keys under {@code allocator.pnl-proportional.}.
 *
 * @param minAllocation the floor of every eligible agent, in [0, 1]
 * @param maxAllocation the cap, in (0, 1], ≥ min
 */
@ConfigurationProperties("allocator.pnl-proportional")
public record PnlProportionalSettings(
        @Bindable(defaultValue = "0.02") double minAllocation,
        @Bindable(defaultValue = "1.0") double maxAllocation) {

    public static final String PREFIX = "allocator.pnl-proportional.";

    public PnlProportionalSettings {
        WeightBounds.check(minAllocation, maxAllocation, PREFIX);
    }

    /** SPEC §5: floor 2 %, no cap. */
    public static PnlProportionalSettings defaults() {
        return SettingsDefaults.of(PnlProportionalSettings.class);
    }
}
