package com.metasupervisor.allocator.domain;

/** Why an agent gets no capital, in the order eligibility checks them. */
public enum ExclusionKind {
    STATUS, STRATEGY_DISABLED, NO_FIGURES, GATE;

    /** A governance exclusion zeroes the agent even while the guardian is paused. */
    public boolean byGovernance() {
        return this == STATUS || this == STRATEGY_DISABLED;
    }
}
