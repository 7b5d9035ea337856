package com.metasupervisor.simulator.publish;

import java.time.Duration;

/** What a replay sent: price ticks, alpha events (bad ones among them) and the wall time it took. */
public record ReplayTotals(long priceTicks, long alphaEvents, long badEvents, Duration wallTime) {

    public long events() {
        return priceTicks + alphaEvents;
    }
}
