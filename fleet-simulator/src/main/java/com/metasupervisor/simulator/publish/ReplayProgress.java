package com.metasupervisor.simulator.publish;

import java.time.Instant;

/** Where a replay is: the newest event time sent, the events sent so far, and their rate in wall time. */
public record ReplayProgress(Instant simulatedTime, long eventsSent, double eventsPerSecond) {
}
