package com.metasupervisor.risk.domain;

/** The state changes an alert publishes (the same names as the Avro {@code AlertTransition}). */
public enum AlertChange {
    /** some trigger fired while no alert was open */
    OPENED,
    /** an open MEDIUM alert became HIGH (at most once per alert) */
    ESCALATED,
    /** every trigger fell below its resolve level */
    RESOLVED
}
