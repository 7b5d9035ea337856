package com.metasupervisor.reporting.domain;

/** What a governance decision does, as the reporting domain reads it (the topology maps the Avro action onto it). */
public enum DecisionKind {
    PROMOTE, RETIRE, KILL, HOLD, DISABLE_CLASS, ENABLE_CLASS
}
