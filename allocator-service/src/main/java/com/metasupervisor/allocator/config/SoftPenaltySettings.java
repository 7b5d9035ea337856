package com.metasupervisor.allocator.config;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Policy soft_penalty (SPEC §5), keys under {@code allocator.soft-penalty.}: gates error_rate > error-rate-gate or
 * pnl_sum_bps ≤ 0 → 0; q = √pnl_sum_bps · (hit-rate-offset + hit_rate) · confidence_multiplier
 * · 1/(1 + avg_abs_error_bps/error-scale-bps) · max(cvar-floor, 1 − cvar-per-bps · cvar95_shortfall_bps)
 * · max(drawdown-floor, 1 + drawdown-per-bps · max_drawdown_30d_bps); w ∝ q.
 *
 * @param minAllocation  floor of an agent past the gates, in [0, 1]
 * @param maxAllocation  cap, in (0, 1], ≥ min
 * @param errorRateGate  an agent whose error_rate is above this gets 0, in [0, 1]
 * @param hitRateOffset  added to the hit rate, ≥ 0
 * @param errorScaleBps  avg abs error (bps) at which the error factor is ½, > 0
 * @param cvarPerBps     CVaR factor slope per bps of shortfall, ≥ 0
 * @param cvarFloor      CVaR factor floor, in [0, 1]
 * @param drawdownPerBps drawdown factor slope per bps of (negative) drawdown, ≥ 0
 * @param drawdownFloor  drawdown factor floor, in [0, 1]
 */
@ConfigurationProperties("allocator.soft-penalty")
public record SoftPenaltySettings(
        @Bindable(defaultValue = "0.0") double minAllocation,
        @Bindable(defaultValue = "0.25") double maxAllocation,
        @Bindable(defaultValue = "0.15") double errorRateGate,
        @Bindable(defaultValue = "0.6") double hitRateOffset,
        @Bindable(defaultValue = "75") double errorScaleBps,
        @Bindable(defaultValue = "0.015") double cvarPerBps,
        @Bindable(defaultValue = "0.25") double cvarFloor,
        @Bindable(defaultValue = "0.01") double drawdownPerBps,
        @Bindable(defaultValue = "0.4") double drawdownFloor) {

    public static final String PREFIX = "allocator.soft-penalty.";

    public SoftPenaltySettings {
        WeightBounds.check(minAllocation, maxAllocation, PREFIX);
        ArgChecker.inRange(errorRateGate, 0, 1, PREFIX + "error-rate-gate");
        ArgChecker.notNegative(hitRateOffset, PREFIX + "hit-rate-offset");
        ArgChecker.positive(errorScaleBps, PREFIX + "error-scale-bps");
        ArgChecker.notNegative(cvarPerBps, PREFIX + "cvar-per-bps");
        ArgChecker.inRange(cvarFloor, 0, 1, PREFIX + "cvar-floor");
        ArgChecker.notNegative(drawdownPerBps, PREFIX + "drawdown-per-bps");
        ArgChecker.inRange(drawdownFloor, 0, 1, PREFIX + "drawdown-floor");
    }

    /** SPEC §5: gate 0.15, 0.6 + hit rate, 75 bps, max(0.25, 1 − 0.015·CVaR), max(0.4, 1 + 0.01·DD), cap 25 %. */
    public static SoftPenaltySettings defaults() {
        return SettingsDefaults.of(SoftPenaltySettings.class);
    }
}
