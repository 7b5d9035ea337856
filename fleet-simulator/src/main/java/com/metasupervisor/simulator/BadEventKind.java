package com.metasupervisor.simulator;

/** The ways the erroring agent's bad events are bad: each one a reason the reconciler dead-letters a call for. */
public enum BadEventKind {
    /** confidence 7.0: the validator's {@code confidence_out_of_range}. */
    CONFIDENCE_OUT_OF_RANGE("confidence_out_of_range"),
    /** score_final NaN: the validator's {@code not_finite}. */
    SCORE_NOT_FINITE("not_finite"),
    /** a symbol nobody prices: the matcher's {@code unknown_symbol}, charged to the agent (after the catch-up bound). */
    UNKNOWN_SYMBOL("unknown_symbol");

    /** The symbol of an UNKNOWN_SYMBOL call. */
    public static final String UNLISTED_SYMBOL = "UNLISTED-USD";

    private final String reconcilerReason;

    BadEventKind(String reconcilerReason) {
        this.reconcilerReason = reconcilerReason;
    }

    /** The dead letter's {@code error.reason} the reconciler gives such a call. */
    public String reconcilerReason() {
        return reconcilerReason;
    }
}
