package com.metasupervisor.governance.domain;

import com.metasupervisor.governance.config.DryRunSettings;
import java.util.Set;

/** The rules a governance decision names as its reasons; {@link #wireName} is the config and report name. */
public enum RuleName {
    KILL_DRAWDOWN("kill_drawdown"),
    KILL_ERROR_RATE("kill_error_rate"),
    RETIRE_PERFORMANCE("retire_performance"),
    RETIRE_CLASS_DISABLED("retire_class_disabled"),
    PROMOTE("promote"),
    CLASS_LISTED_DISABLED("class_listed_disabled"),
    CLASS_DRAWDOWN("class_drawdown"),
    CLASS_HIT_RATE("class_hit_rate"),
    CLASS_CVAR("class_cvar"),
    /** An operator's act: never in dry run. */
    MANUAL("manual"),
    /** The config repo's base branch re-enabled a class: never in dry run. */
    CONFIG_REPO("config_repo");

    private final String wireName;

    RuleName(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether this rule is among {@code dryRunNames} ({@link DryRunSettings#names()}). */
    public boolean dryRunIn(Set<String> dryRunNames) {
        return dryRunNames.contains(wireName);
    }
}
