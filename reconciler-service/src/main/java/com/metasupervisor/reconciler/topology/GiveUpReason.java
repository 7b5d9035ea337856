package com.metasupervisor.reconciler.topology;

import com.metasupervisor.schemas.UnreconcilableHeaders;

/**
 * Why the matcher gave an (event, horizon) up, as the {@code error.reason} of its dead letter (SPEC §3 "whose
 * fault"; {@link UnreconcilableHeaders#isAgentFault} tells risk-service which ones count against the agent).
 */
enum GiveUpReason {

    /** The symbol was never priced in the matcher's task by the time the catch-up bound passed: the agent's fault. */
    UNKNOWN_SYMBOL(UnreconcilableHeaders.UNKNOWN_SYMBOL),
    /** A known symbol's prices stopped or have a hole: a feed gap, not the agent's fault. */
    UNPRICED(UnreconcilableHeaders.UNPRICED),
    /** The pair arrived when the ticks it needs were already beyond the catch-up bound: not the agent's fault. */
    UNRECONCILABLE(UnreconcilableHeaders.REASON);

    private final String code;

    GiveUpReason(String code) {
        this.code = code;
    }

    /** The dead-letter reason code. */
    String code() {
        return code;
    }
}
