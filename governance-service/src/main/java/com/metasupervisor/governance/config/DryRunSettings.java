package com.metasupervisor.governance.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Rules in dry run (SPEC §6), key {@code governance.dry-run.rules}: a comma-separated list of rule names (see
 * {@link #RULES}); their decisions are computed and flagged {@code dry_run}, and change nothing.
 */
@ConfigurationProperties("governance.dry-run")
public record DryRunSettings(Optional<String> rules) {

    public static final String KEY = "governance.dry-run.rules";

    /** Every rule that may run dry (manual actions may not). */
    public static final List<String> RULES = List.of("kill_drawdown", "kill_error_rate", "retire_performance",
            "retire_class_disabled", "promote", "class_listed_disabled", "class_drawdown", "class_hit_rate", "class_cvar");

    public DryRunSettings {
        rules = rules == null ? Optional.empty() : rules;
        names(rules); // refuses an unknown name at start-up
    }

    /** No rule in dry run. */
    public static DryRunSettings defaults() {
        return new DryRunSettings(Optional.empty());
    }

    /** The given rules in dry run. */
    public static DryRunSettings of(String... names) {
        return new DryRunSettings(Optional.of(String.join(",", names)));
    }

    /** The rule names in dry run. */
    public Set<String> names() {
        return names(rules);
    }

    private static Set<String> names(Optional<String> rules) {
        Set<String> names = new LinkedHashSet<>();
        rules.ifPresent(list -> Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(name -> {
            if (!RULES.contains(name)) {
                throw new IllegalArgumentException(KEY + ": unknown rule '" + name + "' (known: " + String.join(", ", RULES) + ")");
            }
            names.add(name);
        }));
        return Set.copyOf(names);
    }
}
