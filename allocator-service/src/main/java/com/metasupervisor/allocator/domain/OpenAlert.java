package com.metasupervisor.allocator.domain;

import com.metasupervisor.streams.check.ArgChecker;

/** The newest open alert on an agent (it haircuts the agent's score). */
public record OpenAlert(String alertId, String kind) {
    public OpenAlert {
        ArgChecker.notBlank(alertId, "alertId");
        ArgChecker.notNull(kind, "kind");
    }
}
