package com.metasupervisor.risk.domain;

/** The package-private state sizes of the domain windows, for the topology's bounded-state tests. */
public final class WindowSizes {

    private WindowSizes() {
    }

    /** Rows an agent window keeps for its long (30-day) window. */
    public static int longWindowRows(AgentWindow window) {
        return window.longWindowRowCount();
    }

    /** UTC days an agent window keeps event counts for. */
    public static int eventDays(AgentWindow window) {
        return window.eventDayCount();
    }
}
