package com.metasupervisor.schemas;

/**
 * The contract between the reconciler (writer) and risk-service (reader) on {@code alpha.events.dlq}:
 * an (event, horizon) the reconciler could not price is dead-lettered with reason {@code unreconcilable}
 * and these two headers beside the usual {@code error.*} ones, so risk counts it against the agent at
 * that horizon only.
 */
public final class UnreconcilableHeaders {

    /** The dead-letter reason of an (event, horizon) that could not be priced. */
    public static final String REASON = "unreconcilable";
    /** Which horizon (hours, decimal text) could not be priced. */
    public static final String HORIZON_HOURS = "error.horizon_hours";
    /** Which event (its event_id). */
    public static final String EVENT_ID = "error.event_id";

    private UnreconcilableHeaders() {
    }
}
