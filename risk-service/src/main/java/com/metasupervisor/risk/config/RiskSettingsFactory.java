package com.metasupervisor.risk.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Reads and validates {@code risk.*} at start-up; a bad value stops the service naming its key. Values are
 * read as text and parsed here, so a value of the wrong type is reported with its key too.
 */
@Factory
public class RiskSettingsFactory {

    @Singleton
    RiskSettings riskSettings(
            @Value("${risk.scoring-horizon-hours:24}") String scoringHorizonHours,
            @Value("${risk.refresh-interval:PT1H}") String refreshInterval,
            @Value("${risk.cvar.max-rows:2000}") String cvarMaxRows,
            @Value("${risk.cvar.max-age:P30D}") String cvarMaxAge,
            @Value("${risk.cvar.tail:0.05}") String cvarTail,
            @Value("${risk.stats.short-window:P7D}") String shortWindow,
            @Value("${risk.stats.long-window:P30D}") String longWindow,
            @Value("${risk.stats.window-rows:80}") String windowRows,
            @Value("${risk.multiplier.ewma-half-life-rows:50}") String ewmaHalfLifeRows,
            @Value("${risk.multiplier.time-half-life:P7D}") String timeHalfLife,
            @Value("${risk.multiplier.error-scale-bps:75}") String errorScaleBps,
            @Value("${risk.multiplier.min:0.5}") String multiplierMin,
            @Value("${risk.multiplier.max:1.0}") String multiplierMax,
            @Value("${risk.divergence.min-rows:20}") String minRows,
            @Value("${risk.divergence.mean-abs-error-bps:90}") String meanAbsErrorBps,
            @Value("${risk.divergence.mean-error-bps:40}") String meanErrorBps,
            @Value("${risk.divergence.rmse-spike-factor:2}") String rmseSpikeFactor,
            @Value("${risk.divergence.hit-rate-drop:0.15}") String hitRateDrop,
            @Value("${risk.divergence.escalation-factor:1.3}") String escalationFactor,
            @Value("${risk.divergence.resolve-ratio:0.8}") String resolveRatio) {
        try {
            return new RiskSettings(integer("risk.scoring-horizon-hours", scoringHorizonHours),
                    duration("risk.refresh-interval", refreshInterval),
                    new CvarSettings(integer(CvarSettings.PREFIX + "max-rows", cvarMaxRows),
                            duration(CvarSettings.PREFIX + "max-age", cvarMaxAge),
                            number(CvarSettings.PREFIX + "tail", cvarTail)),
                    new AgentStatsSettings(duration(AgentStatsSettings.PREFIX + "short-window", shortWindow),
                            duration(AgentStatsSettings.PREFIX + "long-window", longWindow),
                            integer(AgentStatsSettings.PREFIX + "window-rows", windowRows)),
                    new MultiplierSettings(integer(MultiplierSettings.PREFIX + "ewma-half-life-rows", ewmaHalfLifeRows),
                            duration(MultiplierSettings.PREFIX + "time-half-life", timeHalfLife),
                            number(MultiplierSettings.PREFIX + "error-scale-bps", errorScaleBps),
                            number(MultiplierSettings.PREFIX + "min", multiplierMin),
                            number(MultiplierSettings.PREFIX + "max", multiplierMax)),
                    new DivergenceSettings(integer(DivergenceSettings.PREFIX + "min-rows", minRows),
                            number(DivergenceSettings.PREFIX + "mean-abs-error-bps", meanAbsErrorBps),
                            number(DivergenceSettings.PREFIX + "mean-error-bps", meanErrorBps),
                            number(DivergenceSettings.PREFIX + "rmse-spike-factor", rmseSpikeFactor),
                            number(DivergenceSettings.PREFIX + "hit-rate-drop", hitRateDrop),
                            number(DivergenceSettings.PREFIX + "escalation-factor", escalationFactor),
                            number(DivergenceSettings.PREFIX + "resolve-ratio", resolveRatio)));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    static int integer(String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'", e);
        }
    }

    static double number(String key, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, was '" + value + "'", e);
        }
    }

    static Duration duration(String key, String value) {
        try {
            return Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration (e.g. P30D, PT12H), was '" + value + "'", e);
        }
    }
}
