package com.metasupervisor.risk.config;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The confidence multiplier (SPEC §4), keys under {@code risk.multiplier.}:
 * clamp(m_err · m_time, min, max) with m_err = 1 / (1 + max(0, ewma_abs_err − model_rmse) / errorScaleBps)
 * and m_time = 0.5^(time since the last matured row / timeHalfLife).
 *
 * @param ewmaHalfLifeRows rows after which an abs error weighs half as much in the EWMA
 * @param timeHalfLife     silence after which m_time halves
 * @param errorScaleBps    excess error (bps) at which m_err is 1/2
 * @param min              lower clamp; 0 ≤ min ≤ max
 * @param max              upper clamp; max ≤ 1
 */
@ConfigurationProperties("risk.multiplier")
public record MultiplierSettings(
        @Bindable(defaultValue = "50") int ewmaHalfLifeRows,
        @Bindable(defaultValue = "P7D") Duration timeHalfLife,
        @Bindable(defaultValue = "75") double errorScaleBps,
        @Bindable(defaultValue = "0.5") double min,
        @Bindable(defaultValue = "1.0") double max) {

    public static final String PREFIX = "risk.multiplier.";

    public MultiplierSettings {
        ArgChecker.positive(ewmaHalfLifeRows, PREFIX + "ewma-half-life-rows");
        ArgChecker.positive(timeHalfLife, PREFIX + "time-half-life");
        ArgChecker.positive(errorScaleBps, PREFIX + "error-scale-bps");
        // both factors lie in (0, 1], so a bound outside [0, 1] would mean nothing
        ArgChecker.inRange(min, 0, 1, PREFIX + "min");
        ArgChecker.inRange(max, 0, 1, PREFIX + "max");
        ArgChecker.isTrue(min <= max, PREFIX + "min (" + min + ") must be <= " + PREFIX + "max (" + max + ")");
    }

    /** SPEC §4: EWMA half-life 50 rows, 7 days, 75 bps, [0.5, 1]. */
    public static MultiplierSettings defaults() {
        return SettingsDefaults.of(MultiplierSettings.class);
    }

    /** Weight of the newest row in the EWMA: 1 − 2^(−1/half-life). */
    public double ewmaAlpha() {
        return 1 - Math.pow(0.5, 1.0 / ewmaHalfLifeRows);
    }
}
