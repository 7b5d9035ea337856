package com.metasupervisor.governance.domain.promotion;

/** The promotion loop's decision on one candidate patch (SPEC §6), checked in this order: policy, sanity, conflict. */
public enum PatchOutcome {
    /** Eligible and sane, but another candidate of the same cycle sets the same target to a different value. */
    PENDING,
    /** Not marked eligible for live. */
    REJECTED_BY_POLICY,
    /** Eligible but the value fails a sanity check (e.g. leverage above the hard limit, not a number). */
    REJECTED_BY_SANITY_CHECK,
    ACCEPTED_FOR_PROPOSAL
}
