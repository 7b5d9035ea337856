package com.metasupervisor.allocator.config;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Policy composite (SPEC §5): score = pnl-weight·norm(pnl_7d) + sharpe-weight·norm(sharpe_30d)
 * + winrate-weight·winrate_30d + drawdown-weight·(1 − norm(|max_dd_30d|)), norm = min-max over the eligible agents;
 * keys under {@code allocator.composite.}.
 *
 * @param minAllocation  floor, in [0, 1]
 * @param maxAllocation  cap, in (0, 1], ≥ min
 * @param pnlWeight      weight of norm(pnl_7d), ≥ 0
 * @param sharpeWeight   weight of norm(sharpe_30d), ≥ 0
 * @param winrateWeight  weight of winrate_30d, ≥ 0
 * @param drawdownWeight weight of 1 − norm(|max_dd_30d|), ≥ 0
 */
@ConfigurationProperties("allocator.composite")
public record CompositeSettings(
        @Bindable(defaultValue = "0.05") double minAllocation,
        @Bindable(defaultValue = "0.40") double maxAllocation,
        @Bindable(defaultValue = "0.40") double pnlWeight,
        @Bindable(defaultValue = "0.30") double sharpeWeight,
        @Bindable(defaultValue = "0.20") double winrateWeight,
        @Bindable(defaultValue = "0.10") double drawdownWeight) {

    public static final String PREFIX = "allocator.composite.";

    public CompositeSettings {
        WeightBounds.check(minAllocation, maxAllocation, PREFIX);
        ArgChecker.notNegative(pnlWeight, PREFIX + "pnl-weight");
        ArgChecker.notNegative(sharpeWeight, PREFIX + "sharpe-weight");
        ArgChecker.notNegative(winrateWeight, PREFIX + "winrate-weight");
        ArgChecker.notNegative(drawdownWeight, PREFIX + "drawdown-weight");
        ArgChecker.isTrue(pnlWeight + sharpeWeight + winrateWeight + drawdownWeight > 0,
                PREFIX + "pnl-weight, sharpe-weight, winrate-weight and drawdown-weight must not all be 0");
    }

    /** SPEC §5: 0.40 / 0.30 / 0.20 / 0.10, min 5 %, max 40 %. */
    public static CompositeSettings defaults() {
        return SettingsDefaults.of(CompositeSettings.class);
    }
}
