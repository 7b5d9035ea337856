package com.metasupervisor.risk.domain;

import com.metasupervisor.streams.check.ArgChecker;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A state change of an agent's divergence alert: what the {@code alerts} topic carries.
 *
 * @param change      OPENED, ESCALATED or RESOLVED
 * @param severity    the alert's severity after the change (a RESOLVED alert keeps the one it had)
 * @param action      what the fleet should do about it: {@link DivergenceMonitor#ACTION}
 * @param triggers    every trigger that could be evaluated, firing or not
 * @param metrics     the window's figures by name (bps or fractions), in a stable order, and each significance
 *                    test's p-value ({@code <trigger>_p_value})
 * @param alertNumber 1 for the agent's first alert, 2 for the next…: with the agent, a stable alert id
 * @param openedAt    when this alert opened
 * @param at          when this change happened: the newest event time the monitor had seen (never before
 *                    the alert's previous transition)
 */
public record DivergenceTransition(AlertChange change, Severity severity, String action, List<AlertTrigger> triggers,
        Map<String, Double> metrics, int alertNumber, Instant openedAt, Instant at) {

    public DivergenceTransition {
        ArgChecker.notNull(change, "change");
        ArgChecker.notNull(severity, "severity");
        ArgChecker.notBlank(action, "action");
        triggers = List.copyOf(ArgChecker.notNull(triggers, "triggers"));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(ArgChecker.notNull(metrics, "metrics")));
        ArgChecker.positive(alertNumber, "alertNumber");
        ArgChecker.notNull(openedAt, "openedAt");
        ArgChecker.notNull(at, "at");
    }

    /** The triggers breached at this change. */
    public List<AlertTrigger> firing() {
        return triggers.stream().filter(AlertTrigger::firing).toList();
    }
}
