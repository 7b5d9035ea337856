package com.metasupervisor.governance.promotion;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code auto.toml} over a base config (SPEC §6), only in the environments {@code live} and {@code testnet}
 * (paper, backtest and the rest keep the base config, so research stays reproducible). Graceful: a missing or
 * invalid file is a warning (logged and returned) and the base config is returned unchanged. An override only
 * replaces a key the base config has, with a number where the base holds a number: the overrides file cannot
 * introduce settings or change a value's kind; such keys are skipped with a warning.
 */
public final class LiveOverridesConfigLoader {

    public static final Set<String> OVERRIDE_ENVIRONMENTS = Set.of("live", "testnet");
    private static final Logger LOG = LoggerFactory.getLogger(LiveOverridesConfigLoader.class);

    private LiveOverridesConfigLoader() {
    }

    public static boolean appliesIn(String environment) {
        return environment != null && OVERRIDE_ENVIRONMENTS.contains(environment.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * @param base        flat config, dotted keys (e.g. {@code portfolio.leverage})
     * @param environment the running environment (live, testnet, paper, ...)
     * @param overrides   the auto.toml path
     */
    public static LoadedConfig load(Map<String, Object> base, String environment, Path overrides) {
        if (!appliesIn(environment)) {
            return new LoadedConfig(base, Map.of(), List.of());
        }
        if (!Files.exists(overrides)) {
            return warn(base, "live overrides " + overrides + " not found; base config in force");
        }
        Map<String, BigDecimal> values;
        try {
            values = LiveOverridesFile.read(overrides);
        } catch (LiveOverridesFile.InvalidOverridesException e) {
            return warn(base, "live overrides ignored, base config in force: " + e.getMessage());
        } catch (IOException e) {
            return warn(base, "live overrides " + overrides + " unreadable (" + e.getMessage()
                    + "); base config in force");
        }
        Map<String, Object> effective = new LinkedHashMap<>(base);
        Map<String, Object> applied = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        values.forEach((key, value) -> {
            Object current = base.get(key);
            if (!base.containsKey(key)) {
                problems.add("live override " + key + " skipped: the base config has no such key");
            } else if (current != null && !(current instanceof Number)) {
                problems.add("live override " + key + " skipped: the base value is not a number");
            } else {
                Object typed = current instanceof Integer || current instanceof Long
                        ? typedWhole(value, current) : Double.valueOf(value.doubleValue());
                effective.put(key, typed);
                applied.put(key, typed);
            }
        });
        problems.forEach(p -> LOG.warn("{}", p));
        if (!applied.isEmpty()) {
            LOG.info("live overrides applied in {}: {}", environment, applied);
        }
        return new LoadedConfig(effective, applied, problems);
    }

    // an integer setting stays integer when the override is whole (trigger delay 8.0 → 8); else a double
    private static Object typedWhole(BigDecimal value, Object current) {
        if (value.stripTrailingZeros().scale() <= 0 && value.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
            long whole = value.longValueExact();
            return current instanceof Integer && whole >= Integer.MIN_VALUE && whole <= Integer.MAX_VALUE
                    ? (Object) (int) whole : (Object) whole;
        }
        return value.doubleValue();
    }

    private static LoadedConfig warn(Map<String, Object> base, String problem) {
        LOG.warn("{}", problem);
        return new LoadedConfig(base, Map.of(), List.of(problem));
    }
}
