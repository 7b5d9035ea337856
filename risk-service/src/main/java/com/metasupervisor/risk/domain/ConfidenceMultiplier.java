package com.metasupervisor.risk.domain;

import com.metasupervisor.risk.config.MultiplierSettings;
import com.metasupervisor.streams.check.ArgChecker;
import java.time.Duration;
import java.time.Instant;

/**
 * How far to trust an agent's calls now (SPEC §4): clamp(m_err · m_time, min, max), kept with both
 * factors so an allocation can explain itself.
 *
 * <ul>
 *   <li>m_err = 1 / (1 + max(0, ewma_abs_err − model_rmse) / error-scale): only error beyond what the
 *       model itself expects counts. Without rows, or without a model RMSE (no sim model yet, the
 *       errors are then just the PnLs), there is no excess error to measure and m_err = 1.</li>
 *   <li>m_time = 0.5^(time since the last matured row / time-half-life): a silent agent's record goes
 *       stale. Without any row m_time = 1 (nothing has gone stale); a "now" before the last row
 *       counts as no time passed.</li>
 * </ul>
 *
 * @param errorFactor m_err, in (0, 1]
 * @param timeFactor  m_time, in [0, 1]
 * @param value       the clamped product
 */
public record ConfidenceMultiplier(double errorFactor, double timeFactor, double value) {

    public ConfidenceMultiplier {
        ArgChecker.isTrue(errorFactor > 0 && errorFactor <= 1, "errorFactor must be in (0, 1], was " + errorFactor);
        ArgChecker.inRange(timeFactor, 0, 1, "timeFactor");
        ArgChecker.inRange(value, 0, 1, "value");
    }

    public static ConfidenceMultiplier of(Double ewmaAbsErrorBps, Double modelRmseBps, Instant lastMaturedAt, Instant now,
            MultiplierSettings settings) {
        ArgChecker.notNull(now, "now");
        ArgChecker.notNull(settings, "settings");
        double errorFactor = 1;
        if (ewmaAbsErrorBps != null && modelRmseBps != null) {
            errorFactor = 1 / (1 + Math.max(0, ewmaAbsErrorBps - modelRmseBps) / settings.errorScaleBps());
        }
        double timeFactor = 1;
        if (lastMaturedAt != null) {
            Duration silence = Duration.between(lastMaturedAt, now);
            if (silence.isPositive()) {
                timeFactor = Math.pow(0.5, (double) silence.toMillis() / settings.timeHalfLife().toMillis());
            }
        }
        double value = Math.min(settings.max(), Math.max(settings.min(), errorFactor * timeFactor));
        return new ConfidenceMultiplier(errorFactor, timeFactor, value);
    }

    /** The multiplier of an agent's figures as of {@code figures.asOf()}. */
    public static ConfidenceMultiplier of(AgentFigures figures, Double modelRmseBps, MultiplierSettings settings) {
        return of(figures.ewmaAbsErrorBps(), modelRmseBps, figures.lastMaturedAt(), figures.asOf(), settings);
    }
}
