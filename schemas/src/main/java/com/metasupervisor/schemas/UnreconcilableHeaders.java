package com.metasupervisor.schemas;

/**
 * The contract between the reconciler (writer) and risk-service (reader) on {@code alpha.events.dlq}:
 * an (event, horizon) the reconciler could not price is dead-lettered with one of the reasons
 * {@link #UNKNOWN_SYMBOL}, {@link #UNPRICED} or {@link #REASON} and these two headers beside the usual
 * {@code error.*} ones, so risk charges it at that horizon only, and to whoever made the fault
 * ({@link #isAgentFault(String)}).
 */
public final class UnreconcilableHeaders {

    /**
     * A pair that arrived when the ticks it needs were already beyond the catch-up bound
     * ({@code reconciler.price-history}): not the agent's fault.
     */
    public static final String REASON = "unreconcilable";
    /** The symbol was never priced by the market data: the agent's fault. */
    public static final String UNKNOWN_SYMBOL = "unknown_symbol";
    /** A known symbol whose prices stopped or have a hole (a feed gap): not the agent's fault. */
    public static final String UNPRICED = "unpriced";
    /** Which horizon (hours, decimal text) could not be priced. */
    public static final String HORIZON_HOURS = "error.horizon_hours";
    /** Which event (its event_id). */
    public static final String EVENT_ID = "error.event_id";

    private UnreconcilableHeaders() {
    }

    /**
     * Whether an {@code alpha.events.dlq} reason is charged to the agent's {@code error_rate}: every reason
     * (malformed, validation reasons, {@link #UNKNOWN_SYMBOL}) except {@link #UNPRICED} and {@link #REASON},
     * which are counted apart as unpriced.
     *
     * @param reason the {@code error.reason} header value, not null
     */
    public static boolean isAgentFault(String reason) {
        if (reason == null) {
            throw new IllegalArgumentException("reason must not be null");
        }
        return !UNPRICED.equals(reason) && !REASON.equals(reason);
    }
}
