package com.metasupervisor.risk.domain;

/** Severity of a divergence alert (the same names as the Avro {@code Severity}). */
public enum Severity {
    MEDIUM,
    HIGH
}
