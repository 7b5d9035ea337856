package com.metasupervisor.governance.domain;

import com.metasupervisor.configrepo.files.StrategyClassStatus;
import com.metasupervisor.streams.check.ArgChecker;
import java.util.List;

/** A class's evaluation: the decisions to emit, its effective status after them and its state to store. */
public record ClassOutcome(List<Decision> emitted, StrategyClassStatus effectiveStatus, ClassState state) {
    public ClassOutcome {
        emitted = List.copyOf(ArgChecker.notNull(emitted, "emitted"));
        ArgChecker.notNull(effectiveStatus, "effectiveStatus");
        ArgChecker.notNull(state, "state");
    }
}
