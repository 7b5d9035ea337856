package com.metasupervisor.governance.domain;

import com.metasupervisor.configrepo.files.LifecycleStatus;
import com.metasupervisor.streams.check.ArgChecker;
import java.util.List;

/**
 * An agent's evaluation: the decisions to emit (only those that changed), its effective status after them
 * (dry-run decisions and PROMOTE leave it as it was) and its state to store.
 */
public record AgentOutcome(List<Decision> emitted, LifecycleStatus effectiveStatus, AgentDecisionState state) {
    public AgentOutcome {
        emitted = List.copyOf(ArgChecker.notNull(emitted, "emitted"));
        ArgChecker.notNull(effectiveStatus, "effectiveStatus");
        ArgChecker.notNull(state, "state");
    }
}
