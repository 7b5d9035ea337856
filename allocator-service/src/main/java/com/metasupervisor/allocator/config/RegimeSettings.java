package com.metasupervisor.allocator.config;

import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The current regime and its risk multiplier (SPEC §5), keys under {@code allocator.regime.}.
 *
 * @param multipliers       risk multiplier of each named regime, {@code REGIME=m,...} with m in [0, 1]; regimes are
 *                          matched without regard to case
 * @param unknownMultiplier the multiplier of a regime not named there
 * @param majorityEvents    without a market.regime record, the current regime is the majority regime of this many
 *                          newest alpha events
 */
@ConfigurationProperties("allocator.regime")
public record RegimeSettings(
        @Bindable(defaultValue = "TREND=1.0,RANGE=0.9,CRISIS=0.5") String multipliers,
        @Bindable(defaultValue = "0.8") double unknownMultiplier,
        @Bindable(defaultValue = "100") int majorityEvents) {

    public static final String PREFIX = "allocator.regime.";

    public RegimeSettings {
        parse(multipliers);
        ArgChecker.inRange(unknownMultiplier, 0, 1, PREFIX + "unknown-multiplier");
        ArgChecker.positive(majorityEvents, PREFIX + "majority-events");
    }

    /** SPEC §5: TREND 1.0, RANGE 0.9, CRISIS 0.5, unknown 0.8; the newest 100 events. */
    public static RegimeSettings defaults() {
        return SettingsDefaults.of(RegimeSettings.class);
    }

    /** The risk multiplier of {@code regime} (the unknown one when it is not named, or null). */
    public double multiplierOf(String regime) {
        if (regime == null) {
            return unknownMultiplier;
        }
        return multiplierMap().getOrDefault(regime.toUpperCase(Locale.ROOT), unknownMultiplier);
    }

    /** The named regimes (upper case) and their multipliers, in the order written. */
    public Map<String, Double> multiplierMap() {
        return parse(multipliers);
    }

    private static Map<String, Double> parse(String text) {
        String key = PREFIX + "multipliers";
        ArgChecker.notNull(text, key);
        Map<String, Double> out = new LinkedHashMap<>();
        if (text.isBlank()) {
            return Collections.unmodifiableMap(out);
        }
        for (String entry : text.split(",")) {
            String[] parts = entry.split("=", -1);
            ArgChecker.isTrue(parts.length == 2 && !parts[0].isBlank(),
                    key + " must be REGIME=multiplier,... but has '" + entry.strip() + "'");
            String regime = parts[0].strip().toUpperCase(Locale.ROOT);
            double m;
            try {
                m = Double.parseDouble(parts[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": the multiplier of " + regime + " is not a number: '" + parts[1].strip() + "'");
            }
            ArgChecker.inRange(m, 0, 1, key + " (" + regime + ")");
            ArgChecker.isTrue(out.put(regime, m) == null, key + " names " + regime + " twice");
        }
        return Collections.unmodifiableMap(out);
    }
}
