package com.metasupervisor.risk.config;

import java.time.Duration;

/**
 * The confidence multiplier (SPEC §4), keys under {@code risk.multiplier.}:
 * clamp(m_err · m_time, min, max) with m_err = 1 / (1 + max(0, ewma_abs_err − model_rmse) / errorScaleBps)
 * and m_time = 0.5^(time since the last matured row / timeHalfLife).
 *
 * @param ewmaHalfLifeRows rows after which an abs error weighs half as much in the EWMA
 * @param timeHalfLife     silence after which m_time halves
 * @param errorScaleBps    excess error (bps) at which m_err is 1/2
 * @param min              lower clamp
 * @param max              upper clamp
 */
public record MultiplierSettings(int ewmaHalfLifeRows, Duration timeHalfLife, double errorScaleBps, double min, double max) {

    public static final String PREFIX = "risk.multiplier.";

    public MultiplierSettings {
        Check.positive(PREFIX + "ewma-half-life-rows", ewmaHalfLifeRows);
        Check.positive(PREFIX + "time-half-life", timeHalfLife);
        Check.positive(PREFIX + "error-scale-bps", errorScaleBps);
        // both factors lie in (0, 1], so a bound outside [0, 1] would mean nothing
        if (!(min >= 0 && min <= 1)) {
            throw new IllegalArgumentException(PREFIX + "min must be in [0, 1], was " + min);
        }
        if (!(max >= 0 && max <= 1)) {
            throw new IllegalArgumentException(PREFIX + "max must be in [0, 1], was " + max);
        }
        if (min > max) {
            throw new IllegalArgumentException(PREFIX + "min (" + min + ") must be <= " + PREFIX + "max (" + max + ")");
        }
    }

    /** SPEC §4: EWMA half-life 50 rows, 7 days, 75 bps, [0.5, 1]. */
    public static MultiplierSettings defaults() {
        return new MultiplierSettings(50, Duration.ofDays(7), 75, 0.5, 1.0);
    }

    /** Weight of the newest row in the EWMA: 1 − 2^(−1/half-life). */
    public double ewmaAlpha() {
        return 1 - Math.pow(0.5, 1.0 / ewmaHalfLifeRows);
    }
}
