package com.metasupervisor.governance.promotion;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flat config (dotted keys) after the live overrides.
 *
 * @param values   the effective values
 * @param applied  the overrides that replaced a base value (key → override), empty when none applied
 * @param problems warnings (missing or invalid file, keys the base does not have); the base stays in force for them
 */
public record LoadedConfig(Map<String, Object> values, Map<String, Object> applied, List<String> problems) {

    public LoadedConfig {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        applied = Collections.unmodifiableMap(new LinkedHashMap<>(applied));
        problems = List.copyOf(problems);
    }
}
