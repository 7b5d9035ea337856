package com.metasupervisor.risk.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A state change of an agent's divergence alert: what the {@code alerts} topic carries.
 *
 * @param change      OPENED, ESCALATED or RESOLVED
 * @param severity    the alert's severity after the change (a RESOLVED alert keeps the one it had)
 * @param action      what the fleet should do about it: {@link DivergenceMonitor#ACTION}
 * @param triggers    every trigger that could be evaluated, firing or not
 * @param metrics     the window's figures by name (bps or fractions), in a stable order
 * @param alertNumber 1 for the agent's first alert, 2 for the next…: with the agent, a stable alert id
 * @param openedAt    when this alert opened
 * @param at          when this change happened
 */
public record DivergenceTransition(AlertChange change, Severity severity, String action, List<AlertTrigger> triggers,
        Map<String, Double> metrics, int alertNumber, Instant openedAt, Instant at) {

    public DivergenceTransition {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(action, "action");
        triggers = List.copyOf(triggers);
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(at, "at");
        if (alertNumber <= 0) {
            throw new IllegalArgumentException("alertNumber must be > 0, was " + alertNumber);
        }
    }

    /** The triggers breached at this change. */
    public List<AlertTrigger> firing() {
        return triggers.stream().filter(AlertTrigger::firing).toList();
    }
}
