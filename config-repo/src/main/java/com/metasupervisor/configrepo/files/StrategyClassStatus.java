package com.metasupervisor.configrepo.files;

/** A strategy class's status in {@code meta_supervisor/kill_list.yaml} (SPEC §6). */
public enum StrategyClassStatus {
    ACTIVE, DISABLED
}
